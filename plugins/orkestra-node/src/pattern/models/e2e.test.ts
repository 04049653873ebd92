import { PatternValidationError } from '../patternDirectory';
import { parseE2E } from './e2e';

const WEBAPP_E2E = `
apiVersion: orkestra.orkspace.io/v1
kind: E2E
metadata: { name: webapp-e2e }
spec:
  katalog: ./katalog.yaml
  crd: ./crd.yaml
  cr: ./cr.yaml
  cluster: { provider: kind, name: ork-e2e, reuse: false }
  setup: { apply: [./ns.yaml], helm: [], wait: [] }
  expect:
    - name: CR reconciled
      after: cr-applied
      timeout: 60s
      resources:
        - { kind: Deployment, name: my-webapp, namespace: default, ready: true }
        - { kind: Service, name: my-webapp, namespace: default }
      kubectl:
        get: [{ kind: WebApp, name: my-webapp, namespace: default, field: .status.phase, equals: Ready }]
        logs: { deployment: my-webapp, contains: started }
    - name: Cleanup
      after: cr-deleted
      timeout: 30s
      resources: [{ kind: WebApp, name: my-webapp, namespace: default, count: 0 }]
  onFailure: { kubectl: { describe: [{ kind: Pod }] }, commands: [echo failed] }
imports: [./other/e2e.yaml]
`;

describe('parseE2E', () => {
  it('reads the spec fixture and counts resources plus kubectl checks', () => {
    expect(parseE2E(WEBAPP_E2E)).toEqual({
      apiVersion: 'orkestra.orkspace.io/v1',
      name: 'webapp-e2e',
      katalog: './katalog.yaml',
      crd: './crd.yaml',
      cr: './cr.yaml',
      clusterProvider: 'kind',
      expectations: [
        // 2 resources + 1 get + 1 logs
        {
          name: 'CR reconciled',
          after: 'cr-applied',
          timeout: '60s',
          assertions: 4,
        },
        { name: 'Cleanup', after: 'cr-deleted', timeout: '30s', assertions: 1 },
      ],
      assertions: 5,
      imports: ['./other/e2e.yaml'],
    });
  });

  it('reads the suite form without spec', () => {
    expect(
      parseE2E('kind: E2E\nimports: [./a/e2e.yaml, ./b/e2e.yaml]\n'),
    ).toEqual({
      expectations: [],
      assertions: 0,
      imports: ['./a/e2e.yaml', './b/e2e.yaml'],
    });
  });

  it('ignores null kubectl verbs and unknown keys', () => {
    const e2e = parseE2E(
      'kind: E2E\nspec:\n  future: x\n  expect:\n    - kubectl: { get: ~, exec: [{}, {}] }\n      retries: 3\n',
    );
    expect(e2e.expectations).toEqual([{ assertions: 2 }]);
    expect(e2e.assertions).toBe(2);
  });

  it('rejects another kind', () => {
    expect(() => parseE2E('kind: Simulate\n', 'tests/e2e.yaml')).toThrow(
      new PatternValidationError(
        'tests/e2e.yaml: kind must be E2E (found "Simulate")',
      ),
    );
  });

  it('names the key path on a wrong type', () => {
    const cases: Array<[string, string]> = [
      ['spec: { expect: { name: x } }', 'e2e.yaml: spec.expect must be a list'],
      ['spec: { expect: [x] }', 'e2e.yaml: spec.expect[0] must be a mapping'],
      [
        'spec: { expect: [{ resources: {} }] }',
        'e2e.yaml: spec.expect[0].resources must be a list',
      ],
      [
        'spec: { expect: [{}, { kubectl: [] }] }',
        'e2e.yaml: spec.expect[1].kubectl must be a mapping',
      ],
      [
        'spec: { expect: [{ timeout: [60] }] }',
        'e2e.yaml: spec.expect[0].timeout must be a string',
      ],
      ['spec: { cluster: kind }', 'e2e.yaml: spec.cluster must be a mapping'],
    ];
    for (const [extra, message] of cases) {
      expect(() => parseE2E(`kind: E2E\n${extra}\n`)).toThrow(
        new PatternValidationError(message),
      );
    }
  });
});
