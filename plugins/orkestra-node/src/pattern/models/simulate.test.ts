import { PatternValidationError } from '../patternDirectory';
import { parseSimulate } from './simulate';

const WEBAPP_SIM = `
apiVersion: orkestra.orkspace.io/v1
kind: Simulate
metadata: { name: webapp-sim, description: Deployment+Service in cycle 1 }
spec:
  katalog: ./katalog.yaml
  cr: ./cr.yaml          # multi-doc allowed
  cycles: 5              # default 10
  skipExternal: false
  expect:
    noErrors: true
    steady: true
    ops:
      - { cycle: 1, verb: create, resource: deployments, name: my-webapp, count: 1 }
      - { cycle: 1, verb: create, resource: services, name: my-webapp, count: 1 }
    absent:
      - { cycle: 1, verb: delete, resource: services }
    crds:
      webapp:
        steadyAt: 3
        noErrors: false
        ops:
          - { cycle: 2, verb: update, resource: deployments }
      cache:
        steady: false
        absent:
          - { cycle: 1, verb: patch, resource: configmaps }
          - { cycle: 2, verb: delete, resource: configmaps }
        crds:
          inner: { noErrors: true }
      empty:
`;

describe('parseSimulate', () => {
  it('reads the spec example and counts assertions like ork push', () => {
    // top: noErrors 1 + steady 1 + ops 2 + absent 1 = 5
    // webapp: steadyAt 1 + ops 1 (noErrors: false counts 0) = 2
    // cache: steady (false, but set) 1 + absent 2 + inner noErrors 1 = 4
    // empty: null block = 0
    expect(parseSimulate(WEBAPP_SIM)).toEqual({
      apiVersion: 'orkestra.orkspace.io/v1',
      name: 'webapp-sim',
      description: 'Deployment+Service in cycle 1',
      katalog: './katalog.yaml',
      cr: './cr.yaml',
      cycles: 5,
      skipExternal: false,
      hasExpect: true,
      assertions: 11,
      imports: [],
    });
  });

  it('counts steadyAt and steady: false, but not noErrors: false', () => {
    const count = (expect: string) =>
      parseSimulate(`kind: Simulate\nspec:\n  expect: ${expect}\n`).assertions;
    expect(count('{ steady: false }')).toBe(1);
    expect(count('{ steadyAt: 0 }')).toBe(1);
    expect(count('{ noErrors: false }')).toBe(0);
    expect(count('{ steady: ~, steadyAt: ~, noErrors: ~ }')).toBe(0);
    expect(count('{ ops: [{}, {}, {}], absent: [] }')).toBe(3);
  });

  it('has no assertion without spec.expect', () => {
    expect(
      parseSimulate('kind: Simulate\nspec: { katalog: ./katalog.yaml }\n'),
    ).toEqual({
      katalog: './katalog.yaml',
      hasExpect: false,
      assertions: 0,
      imports: [],
    });
    expect(parseSimulate('kind: Simulate\nspec:\n  expect:\n').hasExpect).toBe(
      false,
    );
  });

  it('treats an empty expect block as present with zero assertions', () => {
    const sim = parseSimulate('kind: Simulate\nspec: { expect: {} }\n');
    expect(sim.hasExpect).toBe(true);
    expect(sim.assertions).toBe(0);
  });

  it('reads the aggregator form', () => {
    expect(
      parseSimulate(
        'kind: Simulate\nmetadata: { name: all }\nimports: [./a/simulate.yaml, ./b/simulate.yaml]\n',
      ),
    ).toEqual({
      name: 'all',
      hasExpect: false,
      assertions: 0,
      imports: ['./a/simulate.yaml', './b/simulate.yaml'],
    });
  });

  it('tolerates unknown keys', () => {
    const sim = parseSimulate(
      'kind: Simulate\nspec:\n  future: 1\n  expect: { ops: [{ verb: create, extra: x }], later: [1, 2] }\n',
    );
    expect(sim.assertions).toBe(1);
  });

  it('rejects another kind', () => {
    expect(() => parseSimulate('kind: E2E\n')).toThrow(
      new PatternValidationError(
        'simulate.yaml: kind must be Simulate (found "E2E")',
      ),
    );
  });

  it('names the key path on a wrong type', () => {
    const cases: Array<[string, string]> = [
      ['spec: { expect: [] }', 'simulate.yaml: spec.expect must be a mapping'],
      [
        'spec: { expect: { ops: 3 } }',
        'simulate.yaml: spec.expect.ops must be a list',
      ],
      [
        'spec: { expect: { steady: "yes" } }',
        'simulate.yaml: spec.expect.steady must be a boolean',
      ],
      [
        'spec: { expect: { steadyAt: 1.5 } }',
        'simulate.yaml: spec.expect.steadyAt must be an integer',
      ],
      [
        'spec: { expect: { crds: { webapp: { absent: {} } } } }',
        'simulate.yaml: spec.expect.crds.webapp.absent must be a list',
      ],
      [
        'spec: { cycles: five }',
        'simulate.yaml: spec.cycles must be an integer',
      ],
      ['imports: ./a.yaml', 'simulate.yaml: imports must be a list'],
    ];
    for (const [extra, message] of cases) {
      expect(() => parseSimulate(`kind: Simulate\n${extra}\n`)).toThrow(
        new PatternValidationError(message),
      );
    }
  });
});
