import { PatternValidationError } from '../patternDirectory';
import { countE2ECases, parseE2E, parseE2EInclude } from './e2e';
import { SPEC_E2E } from './__fixtures__/specE2E';

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

const noIncludes = async (): Promise<never> => {
  throw new Error('no include expected');
};

describe('parseE2E', () => {
  it('reads the spec fixture: one assertion per expect item, the checks per item aside', () => {
    expect(parseE2E(WEBAPP_E2E)).toEqual({
      apiVersion: 'orkestra.orkspace.io/v1',
      name: 'webapp-e2e',
      katalog: './katalog.yaml',
      crd: './crd.yaml',
      cr: './cr.yaml',
      clusterProvider: 'kind',
      expectations: [
        // checks: 2 resources + 1 get + 1 logs; still one case
        {
          name: 'CR reconciled',
          after: 'cr-applied',
          timeout: '60s',
          assertions: 4,
        },
        { name: 'Cleanup', after: 'cr-deleted', timeout: '30s', assertions: 1 },
      ],
      runsExpect: true,
      // ork: one case per item (our old count: 4 + 1 = 5)
      assertions: 2,
      imports: ['./other/e2e.yaml'],
    });
  });

  it('reads the suite form without spec', () => {
    expect(
      parseE2E('kind: E2E\nimports: [./a/e2e.yaml, ./b/e2e.yaml]\n'),
    ).toEqual({
      expectations: [],
      runsExpect: false,
      assertions: 0,
      imports: ['./a/e2e.yaml', './b/e2e.yaml'],
    });
  });

  it('ignores null kubectl verbs and unknown keys', () => {
    const e2e = parseE2E(
      'kind: E2E\nspec:\n  future: x\n  expect:\n    - kubectl: { get: ~, exec: [{}, {}] }\n      retries: 3\n',
    );
    expect(e2e.expectations).toEqual([{ assertions: 2 }]);
    // Two kubectl checks, one expect item: one assertion.
    expect(e2e.assertions).toBe(1);
  });

  it('gives 2 for the e2e.yaml example of the spec, as ork writes it', async () => {
    // By hand from ork: runner.go Run appends one CaseResult per item of
    // ExpandExpectIncludes(spec.expect) and result.go Total() is
    // len(Cases). The example has katalog + cr (not a pure aggregator), two
    // items, no include: → 2. Its 1 resource + 1 kubectl get in the first
    // item and its imports: add nothing. (Our old count: 3.)
    const model = parseE2E(SPEC_E2E);
    expect(model.assertions).toBe(2);
    expect(await countE2ECases(model, noIncludes)).toBe(2);
  });

  it('counts an expect item with several resources and kubectl checks as 1', () => {
    const model = parseE2E(`kind: E2E
spec:
  katalog: ./k.yaml
  cr: ./cr.yaml
  expect:
    - name: all at once
      resources: [{ kind: Deployment, name: a }, { kind: Service, name: a }, { kind: Secret, name: a }]
      kubectl:
        get: [{ kind: A, name: a, field: .x, equals: y }, { kind: A, name: a, field: .z, equals: w }]
        logs: [{ labelSelector: app=a, outputContains: ok }]
        port-forward: [{ service: a, port: 80, path: /, outputContains: ok }]
`);
    expect(model.expectations).toEqual([
      { name: 'all at once', assertions: 7 },
    ]);
    expect(model.assertions).toBe(1);
  });

  it('expands include: items in place through the loader, one level deep', async () => {
    const model = parseE2E(`kind: E2E
spec:
  katalog: ./k.yaml
  cr: ./cr.yaml
  expect:
    - { name: first, resources: [{ kind: Pod }, { kind: Service }] }
    - include: ./a.yaml
    - { name: middle, include: "" }
    - include: /abs/b.yaml
    - ~
`);
    // Only the items without include are known from the file alone (a null
    // item is a zero E2EExpectation in Go: a case too).
    expect(model.assertions).toBe(3);
    expect(model.expectations.map(e => e.include)).toEqual([
      undefined,
      './a.yaml',
      undefined,
      '/abs/b.yaml',
      undefined,
    ]);
    const files: Record<string, string> = {
      './a.yaml':
        'expect:\n  - name: x\n  - name: y\n  - include: ./nested.yaml\n',
      '/abs/b.yaml': 'expect: []\n',
    };
    const calls: Array<[string, number]> = [];
    const cases = await countE2ECases(model, async (include, index) => {
      calls.push([include, index]);
      return parseE2EInclude(files[include], include);
    });
    // 1 + 3 (the nested include is one case, not loaded) + 1 + 0 + 1
    expect(cases).toBe(6);
    expect(calls).toEqual([
      ['./a.yaml', 1],
      ['/abs/b.yaml', 3],
    ]);
  });

  it('lets a failing include reject the count, as ork fails the run', async () => {
    const model = parseE2E(
      'kind: E2E\nspec:\n  katalog: k\n  cr: c\n  expect: [{ include: ./gone.yaml }]\n',
    );
    await expect(
      countE2ECases(model, async () => {
        throw new PatternValidationError('gone');
      }),
    ).rejects.toThrow('gone');
  });

  it('has no cases for a pure aggregator, and never loads its includes', async () => {
    const aggregator = [
      'kind: E2E\nspec:\n  katalog: ./k.yaml\n  expect: [{ name: a }, { include: ./x.yaml }]\nimports: [./a/e2e.yaml]\n',
      'kind: E2E\nspec:\n  custom: { target: other }\n  expect: [{ name: a }]\nimports: [{ path: ./a/e2e.yaml }]\n',
    ];
    for (const text of aggregator) {
      const model = parseE2E(text);
      expect(model.runsExpect).toBe(false);
      expect(model.assertions).toBe(0);
      expect(await countE2ECases(model, noIncludes)).toBe(0);
    }
    const runs = [
      'kind: E2E\nspec:\n  init: {}\n  expect: [{ name: a }]\nimports: [./a.yaml]\n',
      'kind: E2E\nspec:\n  katalog: k\n  crFiles: [./cr.yaml]\n  expect: [{ name: a }]\nimports: [./a.yaml]\n',
      'kind: E2E\nspec:\n  custom: { target: kubernetes }\n  expect: [{ name: a }]\nimports: [./a.yaml]\n',
      'kind: E2E\nspec:\n  custom: { target: other }\n  cr: ./cr.yaml\n  expect: [{ name: a }]\nimports: [./a.yaml]\n',
    ];
    for (const text of runs) {
      expect(parseE2E(text)).toMatchObject({ runsExpect: true, assertions: 1 });
    }
  });

  it('reads imports in the string and the {path} form', () => {
    expect(
      parseE2E(
        'kind: E2E\nimports:\n  - ./a.yaml\n  - { path: ./b.yaml, freshCluster: true, wait: 10s }\n',
      ).imports,
    ).toEqual(['./a.yaml', './b.yaml']);
  });

  describe('parseE2EInclude', () => {
    it('reads the top-level expect list only, ignoring other keys', () => {
      expect(
        parseE2EInclude(
          'note: x\nexpect:\n  - { name: a, resources: [{ kind: Pod }] }\n  - ~\n',
          'inc.yaml',
        ),
      ).toEqual([{ name: 'a', assertions: 1 }, { assertions: 0 }]);
      expect(
        parseE2EInclude(
          'kind: E2E\nspec: { expect: [{ name: a }] }\n',
          'inc.yaml',
        ),
      ).toEqual([]);
      expect(parseE2EInclude('', 'inc.yaml')).toEqual([]);
      expect(parseE2EInclude('expect: ~\n', 'inc.yaml')).toEqual([]);
    });

    it('refuses what yaml.Unmarshal into the wrapper struct refuses', () => {
      const cases: Array<[string, string]> = [
        ['- name: a\n', 'inc.yaml must be a YAML mapping'],
        ['just text\n', 'inc.yaml must be a YAML mapping'],
        ['expect: { name: a }\n', 'inc.yaml: expect must be a list'],
        ['expect: [x]\n', 'inc.yaml: expect[0] must be a mapping'],
        [
          'expect: [{ resources: {} }]\n',
          'inc.yaml: expect[0].resources must be a list',
        ],
      ];
      for (const [text, message] of cases) {
        expect(() => parseE2EInclude(text, 'inc.yaml')).toThrow(
          new PatternValidationError(message),
        );
      }
    });
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
