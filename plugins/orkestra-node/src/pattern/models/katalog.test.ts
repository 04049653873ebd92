import { PatternValidationError } from '../patternDirectory';
import { parseKatalog } from './katalog';

const WEBAPP_OPERATOR = `
apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: webapp-operator
  version: v1.1.0
  description: Stateless web app operator
  author: myorg
  license: Apache-2.0
  tags: [web]
lifecycle:
  maturity: stable
  compatibility: { kubernetes: ">=1.28", orkestra: ">=0.7.0" }
publish:
  signing:
    verify: true
    expectedIdentities:
      - github.com/myorg/webapp/.github/workflows/release.yaml@refs/heads/main
spec:
  crds:
    webapp:
      crdFile: ./crd.yaml
      apiTypes: { group: rkguide.demo, version: v1, kind: WebApp, plural: webapps }
      imports:
        - motif: oci://ghcr.io/myorg/motifs/web-service:v1.1.0
          with:
            image: "{{ .spec.image }}"
            port: "{{ .spec.port }}"
      operatorBox:
        reconciler: { workers: 2, resync: 30s }
        status:
          fields:
            - path: phase
              value: Ready
              when:
                - field: "{{ allReplicasReady .children.deployment }}"
                  equals: "true"
      validation:
        rules: []
`;

describe('parseKatalog', () => {
  it('reads the webapp-operator katalog from the spec', () => {
    expect(parseKatalog(WEBAPP_OPERATOR)).toEqual({
      kind: 'Katalog',
      apiVersion: 'orkestra.orkspace.io/v1',
      metadata: {
        name: 'webapp-operator',
        version: 'v1.1.0',
        description: 'Stateless web app operator',
        author: 'myorg',
        license: 'Apache-2.0',
        tags: ['web'],
      },
      lifecycle: {
        maturity: 'stable',
        compatibility: { kubernetes: '>=1.28', orkestra: '>=0.7.0' },
      },
      publish: {
        signing: {
          verify: true,
          expectedIdentities: [
            'github.com/myorg/webapp/.github/workflows/release.yaml@refs/heads/main',
          ],
        },
      },
      crds: [
        {
          name: 'webapp',
          crdFile: './crd.yaml',
          apiTypes: {
            group: 'rkguide.demo',
            version: 'v1',
            kind: 'WebApp',
            plural: 'webapps',
          },
          motifImports: [
            {
              motif: 'oci://ghcr.io/myorg/motifs/web-service:v1.1.0',
              with: { image: '{{ .spec.image }}', port: '{{ .spec.port }}' },
            },
          ],
          hasConversion: false,
          hasNormalize: false,
        },
      ],
      profileImports: [],
    });
  });

  it('reads deprecation, policy, tests, profile imports and several CRDs in order', () => {
    const katalog = parseKatalog(
      [
        'kind: Katalog',
        'metadata: { name: webapp }',
        'lifecycle:',
        '  maturity: deprecated',
        '  deprecation:',
        '    migratedTo: ghcr.io/myorg/katalogs/webapp@v2.0.0',
        '    message: "v1.0.0 is end-of-life. Migrate to v2.0.0: add spec.healthPath."',
        '    timeline: { from: "2025-01-01", to: "2026-06-01" }',
        'policy:',
        '  lifecycle: { minMaturity: beta }',
        'publish:',
        '  tests: { e2e: false, simulate: true }',
        'spec:',
        '  imports:',
        '    - { motif: ghcr.io/myorg/motifs/profiles, version: v1.0.0, oci: true }',
        '  crds:',
        '    webapp:',
        '      enabled: false',
        '      description: The web app',
        '      conversion: { storageVersion: v2, paths: [] }',
        '      normalize: { spec: {} }',
        '      imports:',
        '        - motif: https://github.com/myorg/motifs@main',
        '          with: { replicas: 3, host: }',
        '    cache: {}',
        '    empty:',
      ].join('\n'),
      'dir/katalog.yaml',
    );
    expect(katalog.lifecycle).toEqual({
      maturity: 'deprecated',
      deprecation: {
        migratedTo: 'ghcr.io/myorg/katalogs/webapp@v2.0.0',
        message:
          'v1.0.0 is end-of-life. Migrate to v2.0.0: add spec.healthPath.',
        timelineFrom: '2025-01-01',
        timelineTo: '2026-06-01',
      },
    });
    expect(katalog.policy).toEqual({ minMaturity: 'beta' });
    expect(katalog.publish).toEqual({ tests: { e2e: false, simulate: true } });
    expect(katalog.profileImports).toEqual([
      {
        motif: 'ghcr.io/myorg/motifs/profiles',
        version: 'v1.0.0',
        oci: true,
        with: {},
      },
    ]);
    expect(katalog.crds).toEqual([
      {
        name: 'webapp',
        enabled: false,
        description: 'The web app',
        motifImports: [
          {
            motif: 'https://github.com/myorg/motifs@main',
            with: { replicas: '3', host: '' },
          },
        ],
        hasConversion: true,
        hasNormalize: true,
      },
      {
        name: 'cache',
        motifImports: [],
        hasConversion: false,
        hasNormalize: false,
      },
      {
        name: 'empty',
        motifImports: [],
        hasConversion: false,
        hasNormalize: false,
      },
    ]);
  });

  it('defaults signing.verify to false and keeps a policy block without a floor', () => {
    const katalog = parseKatalog(
      'kind: Katalog\nmetadata: { name: k }\npolicy: { security: {} }\npublish: { signing: {} }\n',
    );
    expect(katalog.policy).toEqual({});
    expect(katalog.publish).toEqual({
      signing: { verify: false, expectedIdentities: [] },
    });
    expect(katalog.crds).toEqual([]);
    expect(katalog.lifecycle).toBeUndefined();
  });

  it('tolerates unknown keys', () => {
    const katalog = parseKatalog(
      [
        'kind: Katalog',
        'metadata: { name: k, namespace: ns, clusterName: c }',
        'security: { webhooks: { admission: { enabled: true } } }',
        'gateway: { enabled: true }',
        'notes: anything',
        'lifecycle: { maturity: beta, futureKey: 1 }',
        'spec:',
        '  somethingNew: [1, 2]',
        '  crds:',
        '    w: { apiTypes: { group: g, object: Foo }, serve: true, labels: { a: b } }',
      ].join('\n'),
    );
    expect(katalog.lifecycle).toEqual({ maturity: 'beta' });
    expect(katalog.crds).toEqual([
      {
        name: 'w',
        apiTypes: { group: 'g' },
        motifImports: [],
        hasConversion: false,
        hasNormalize: false,
      },
    ]);
  });

  it('rejects another kind', () => {
    expect(() =>
      parseKatalog('kind: Komposer\nmetadata: { name: x }\n'),
    ).toThrow(
      new PatternValidationError(
        'katalog.yaml: kind must be Katalog (found "Komposer")',
      ),
    );
  });

  it('names the key path on a wrong type', () => {
    const cases: Array<[string, string]> = [
      ['spec: { crds: [webapp] }', 'katalog.yaml: spec.crds must be a mapping'],
      [
        'spec: { crds: { webapp: { enabled: "no" } } }',
        'katalog.yaml: spec.crds.webapp.enabled must be a boolean',
      ],
      [
        'spec: { crds: { webapp: { imports: [{ motif: m, with: [a] }] } } }',
        'katalog.yaml: spec.crds.webapp.imports[0].with must be a mapping',
      ],
      [
        'spec: { crds: { webapp: { imports: [{ with: { a: b } }] } } }',
        'katalog.yaml: spec.crds.webapp.imports[0].motif is required',
      ],
      [
        'spec: { crds: { webapp: { imports: [{ motif: m, with: { a: { b: c } } }] } } }',
        'katalog.yaml: spec.crds.webapp.imports[0].with.a must be a string',
      ],
      [
        'spec: { imports: [{ motif: m, oci: "true" }] }',
        'katalog.yaml: spec.imports[0].oci must be a boolean',
      ],
      [
        'publish: { signing: { verify: 1 } }',
        'katalog.yaml: publish.signing.verify must be a boolean',
      ],
      [
        'publish: { signing: { expectedIdentities: a } }',
        'katalog.yaml: publish.signing.expectedIdentities must be a list',
      ],
      [
        'lifecycle: { deprecation: yes }',
        'katalog.yaml: lifecycle.deprecation must be a mapping',
      ],
      [
        'lifecycle: { deprecation: { timeline: { to: [2026] } } }',
        'katalog.yaml: lifecycle.deprecation.timeline.to must be a string',
      ],
      [
        'policy: { lifecycle: beta }',
        'katalog.yaml: policy.lifecycle must be a mapping',
      ],
      [
        'spec: { crds: { w: { apiTypes: { kind: [] } } } }',
        'katalog.yaml: spec.crds.w.apiTypes.kind must be a string',
      ],
    ];
    for (const [extra, message] of cases) {
      expect(() =>
        parseKatalog(`kind: Katalog\nmetadata: { name: k }\n${extra}\n`),
      ).toThrow(new PatternValidationError(message));
    }
  });
});
