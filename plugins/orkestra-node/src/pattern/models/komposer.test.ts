import { PatternValidationError } from '../patternDirectory';
import { parseKomposer } from './komposer';

const PLATFORM = `
apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata: { name: platform }
imports:
  registry:
    - oci://ghcr.io/myorg/katalogs/webapp-operator:v1.1.0
    - url: ghcr.io/orkspace/orkestra-registry/patterns/katalogs/postgres@v1.0.0
      oci: true
      useKomposer: true
lifecycle:
  accept:
    patterns:
      - { name: webapp-operator, author: myorg, version: "=1.0.0" }
policy:
  lifecycle: { minMaturity: beta }
spec:
  crds:
    webapp:
      operatorBox: { reconciler: { workers: 8 } }
`;

const WEBAPP_KATALOG = 'kind: Katalog\nmetadata: { name: webapp }\n';

describe('parseKomposer', () => {
  it('reads the platform komposer from the spec', () => {
    expect(parseKomposer(PLATFORM)).toEqual({
      kind: 'Komposer',
      apiVersion: 'orkestra.orkspace.io/v1',
      metadata: { name: 'platform', version: 'latest', tags: [] },
      lifecycle: {},
      policy: { minMaturity: 'beta' },
      crds: [
        {
          name: 'webapp',
          motifImports: [],
          hasConversion: false,
          hasNormalize: false,
        },
      ],
      profileImports: [],
      registryImports: [
        {
          url: 'oci://ghcr.io/myorg/katalogs/webapp-operator:v1.1.0',
          useKomposer: false,
        },
        {
          url: 'ghcr.io/orkspace/orkestra-registry/patterns/katalogs/postgres@v1.0.0',
          oci: true,
          useKomposer: true,
        },
      ],
      fileImports: [],
      helmImports: [],
      accept: [{ name: 'webapp-operator', author: 'myorg', version: '=1.0.0' }],
    });
  });

  it('keeps only env var names from auth, and reads files and helm imports', () => {
    const komposer = parseKomposer(
      [
        'kind: Komposer',
        'metadata: { name: p, version: v2.0.0 }',
        'imports:',
        '  files:',
        '    - ./katalogs/base.yaml',
        '    - $PLATFORM_KATALOG',
        '    - url: https://raw.githubusercontent.com/org/repo/main/katalog.yaml',
        '      auth: { type: bearer, fromEnv: GITHUB_TOKEN }',
        '  helm:',
        '    - { repo: https://charts.bitnami.com/bitnami, chart: redis, version: 18.1.0, values: { a: 1 } }',
        '    - { chart: local }',
        '  registry:',
        '    - url: https://github.com/org/reg',
        '      version: main',
        '      oci: false',
        '      auth:',
        '        type: basic',
        '        usernameFromEnv: REG_USER',
        '        passwordFromEnv: REG_PASS',
        '        password: hunter2',
        '        token: s3cr3t',
        '      katalog: { redis: { branch: dev } }',
      ].join('\n'),
    );
    expect(komposer.fileImports).toEqual([
      './katalogs/base.yaml',
      '$PLATFORM_KATALOG',
      'https://raw.githubusercontent.com/org/repo/main/katalog.yaml',
    ]);
    expect(komposer.helmImports).toEqual([
      {
        repo: 'https://charts.bitnami.com/bitnami',
        chart: 'redis',
        version: '18.1.0',
      },
      { chart: 'local' },
    ]);
    expect(komposer.registryImports).toEqual([
      {
        url: 'https://github.com/org/reg',
        version: 'main',
        oci: false,
        useKomposer: false,
        auth: {
          type: 'basic',
          usernameFromEnv: 'REG_USER',
          passwordFromEnv: 'REG_PASS',
        },
      },
    ]);
    expect(JSON.stringify(komposer)).not.toMatch(/hunter2|s3cr3t/);
    expect(komposer.accept).toEqual([]);
    expect(komposer.policy).toBeUndefined();
  });

  it('rejects another kind', () => {
    expect(() => parseKomposer(WEBAPP_KATALOG)).toThrow(
      new PatternValidationError(
        'komposer.yaml: kind must be Komposer (found "Katalog")',
      ),
    );
  });

  it('names the key path on a wrong type', () => {
    const cases: Array<[string, string]> = [
      ['imports: [a]', 'komposer.yaml: imports must be a mapping'],
      [
        'imports: { registry: [42] }',
        'komposer.yaml: imports.registry[0] must be a string or a mapping',
      ],
      [
        'imports: { registry: [{ oci: true }] }',
        'komposer.yaml: imports.registry[0].url is required',
      ],
      [
        'imports: { registry: [{ url: u, useKomposer: "true" }] }',
        'komposer.yaml: imports.registry[0].useKomposer must be a boolean',
      ],
      [
        'imports: { registry: [{ url: u, auth: { fromEnv: [A] } }] }',
        'komposer.yaml: imports.registry[0].auth.fromEnv must be a string',
      ],
      [
        'imports: { files: [[a]] }',
        'komposer.yaml: imports.files[0] must be a string or a mapping',
      ],
      [
        'imports: { helm: [redis] }',
        'komposer.yaml: imports.helm[0] must be a mapping',
      ],
      [
        'lifecycle: { accept: { patterns: [{ author: me }] } }',
        'komposer.yaml: lifecycle.accept.patterns[0].name is required',
      ],
      [
        'lifecycle: { accept: { patterns: x } }',
        'komposer.yaml: lifecycle.accept.patterns must be a list',
      ],
    ];
    for (const [extra, message] of cases) {
      expect(() =>
        parseKomposer(`kind: Komposer\nmetadata: { name: k }\n${extra}\n`),
      ).toThrow(new PatternValidationError(message));
    }
  });
});
