import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  PatternEntityData,
  PatternVersionHeadline,
  isOrkestraPatternEntity,
} from '@orkspace/backstage-plugin-orkestra-common';
import { parse } from 'yaml';
import {
  patternLifecycle,
  patternToEntities,
  sanitizeTag,
  toEntityTags,
} from './patternToEntities';

const OPTIONS = {
  locationKey: 'orkestra:acme',
  location: 'orkestra:acme',
};

const DIGEST = `sha256:${'3f'.repeat(32)}`;

const WEBAPP_CRD_YAML = `# crd.yaml of web-app 2.1.0
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: webapps.apps.acme.io
spec:
  group: apps.acme.io
  names:
    kind: WebApp
    plural: webapps
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                replicas:
                  type: integer
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-crd
`;

const webApp: PatternEntityData = {
  id: 'acme:acme/katalogs/web-app',
  source: 'acme',
  registry: 'registry.acme.io',
  repository: 'acme/katalogs/web-app',
  reference: 'registry.acme.io/acme/katalogs/web-app',
  kind: 'Katalog',
  name: 'Web App',
  description: 'A web application with its database',
  author: 'Platform Team <platform@acme.io>',
  owner: 'group:default/platform',
  tags: ['Web App!', 'postgres', 'Postgres', '', '  ', 'k8s:crd', 'C++'],
  latest: {
    version: '2.1.0',
    digest: DIGEST,
    created: '2025-05-02T10:00:00Z',
    simulate: 'passed',
    e2e: 'skipped',
    deprecated: true,
    deprecationState: 'deprecated',
    maturity: 'stable',
    policyStatus: 'warn',
  },
  versionCount: 3,
  updatedAt: '2025-05-03T08:00:00Z',
  dependsOn: [
    'registry.acme.io/acme/motifs/postgres-base',
    'registry.acme.io/acme/katalogs/web-app',
    'registry.acme.io/acme/motifs/Ingress',
    'registry.acme.io/acme/motifs/postgres-base',
  ],
  crds: [
    {
      group: 'apps.acme.io',
      kind: 'WebApp',
      plural: 'webapps',
      versions: [
        { name: 'v1', served: true, storage: true, schemaFingerprint: 'fp-1' },
      ],
    },
    {
      group: 'db.acme.io',
      kind: 'Database',
      versions: [
        { name: 'v1beta1', served: true, storage: false },
        {
          name: 'v1',
          served: true,
          storage: true,
          schemaFingerprint: 'sha256:abc',
        },
        { name: 'v1alpha1', served: false, storage: false },
      ],
    },
  ],
  crdDefinition: WEBAPP_CRD_YAML,
};

const cacheMotif: PatternEntityData = {
  id: 'acme:acme/motifs/cache',
  source: 'acme',
  registry: 'registry.acme.io',
  repository: 'acme/motifs/cache',
  reference: 'registry.acme.io/acme/motifs/cache',
  kind: 'Motif',
  name: 'cache',
  owner: 'group:default/orkestra-maintainers',
  tags: [],
  versionCount: 0,
  missingSince: '2025-05-01T00:00:00Z',
  updatedAt: '2025-05-01T00:00:00Z',
  dependsOn: [],
  crds: [],
};

const LONG_REPOSITORY = `acme/${'platform-engineering/'.repeat(
  4,
)}katalogs/observability-stack`;

const longKatalog: PatternEntityData = {
  id: `acme:${LONG_REPOSITORY}`,
  source: 'acme',
  registry: 'registry.acme.io:5000',
  repository: LONG_REPOSITORY,
  reference: `registry.acme.io:5000/${LONG_REPOSITORY}`,
  kind: 'Katalog',
  name: 'Observability stack',
  owner: 'group:default/sre',
  tags: ['observability'],
  latest: {
    version: '0.3.0-beta.1',
    digest: DIGEST,
    simulate: 'no-assertion',
    e2e: 'absent',
    deprecated: false,
    deprecationState: 'none',
    maturity: 'beta',
    policyStatus: 'pass',
  },
  versionCount: 1,
  updatedAt: '2025-05-03T08:00:00Z',
  dependsOn: ['registry.acme.io:5000/acme/motifs/cache'],
  crds: [],
};

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

async function expectValid(entity: Entity): Promise<void> {
  await expect(policy.enforce(entity)).resolves.toEqual(entity);
  const validator =
    entity.kind === 'API'
      ? apiEntityV1alpha1Validator
      : componentEntityV1alpha1Validator;
  await expect(validator.check(entity)).resolves.toBe(true);
}

describe('patternToEntities', () => {
  it('maps a deprecated katalog with CRDs to a Component and its APIs', () => {
    const entities = patternToEntities(webApp, OPTIONS);
    const definition = entities[1]?.spec?.definition as string;
    expect(entities).toEqual([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'acme-katalogs-web-app',
          namespace: 'default',
          title: 'Web App',
          description: 'A web application with its database',
          tags: ['web-app', 'postgres', 'k8s-crd', 'c++'],
          annotations: {
            'backstage.io/managed-by-location': 'orkestra:acme',
            'backstage.io/managed-by-origin-location': 'orkestra:acme',
            'orkestra.sh/pattern-id': 'acme:acme/katalogs/web-app',
            'orkestra.sh/source': 'acme',
            'orkestra.sh/reference': `registry.acme.io/acme/katalogs/web-app@${DIGEST}`,
            'orkestra.sh/registry': 'registry.acme.io',
            'orkestra.sh/repository': 'acme/katalogs/web-app',
            'orkestra.sh/kind': 'Katalog',
            'orkestra.sh/latest-version': '2.1.0',
            'orkestra.sh/simulate': 'passed',
            'orkestra.sh/e2e': 'skipped',
            'orkestra.sh/deprecation': 'deprecated',
            'orkestra.sh/policy': 'warn',
            'orkestra.sh/maturity': 'stable',
          },
        },
        spec: {
          type: 'orkestra-katalog',
          lifecycle: 'deprecated',
          owner: 'group:default/platform',
          dependsOn: [
            'component:default/acme-motifs-postgres-base',
            'component:default/acme-motifs-ingress',
          ],
          providesApis: [
            'api:default/acme-katalogs-web-app-webapp',
            'api:default/acme-katalogs-web-app-database',
          ],
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: 'acme-katalogs-web-app-webapp',
          namespace: 'default',
          title: 'WebApp (apps.acme.io)',
          description:
            'Custom resource WebApp (apps.acme.io) provided by Web App; served versions: v1.',
          annotations: {
            'backstage.io/managed-by-location': 'orkestra:acme',
            'backstage.io/managed-by-origin-location': 'orkestra:acme',
            'orkestra.sh/pattern-id': 'acme:acme/katalogs/web-app',
            'orkestra.sh/reference': `registry.acme.io/acme/katalogs/web-app@${DIGEST}`,
          },
        },
        spec: {
          type: 'crd',
          lifecycle: 'deprecated',
          owner: 'group:default/platform',
          definition,
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: 'acme-katalogs-web-app-database',
          namespace: 'default',
          title: 'Database (db.acme.io)',
          description:
            'Custom resource Database (db.acme.io) provided by Web App; served versions: v1beta1, v1.',
          annotations: {
            'backstage.io/managed-by-location': 'orkestra:acme',
            'backstage.io/managed-by-origin-location': 'orkestra:acme',
            'orkestra.sh/pattern-id': 'acme:acme/katalogs/web-app',
            'orkestra.sh/reference': `registry.acme.io/acme/katalogs/web-app@${DIGEST}`,
          },
        },
        spec: {
          type: 'crd',
          lifecycle: 'deprecated',
          owner: 'group:default/platform',
          definition: `group: db.acme.io
kind: Database
versions:
  - name: v1beta1
    served: true
    storage: false
  - name: v1
    served: true
    storage: true
    schemaFingerprint: sha256:abc
  - name: v1alpha1
    served: false
    storage: false
`,
        },
      },
    ]);
  });

  it("uses the CRD's own document from crd.yaml when the sync read it", () => {
    const [, webAppApi] = patternToEntities(webApp, OPTIONS);
    expect(parse(webAppApi.spec?.definition as string)).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'webapps.apps.acme.io' },
      spec: {
        group: 'apps.acme.io',
        names: { kind: 'WebApp', plural: 'webapps' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: { replicas: { type: 'integer' } },
                  },
                },
              },
            },
          },
        ],
      },
    });
  });

  it('falls back to the summary when crd.yaml is missing or unreadable', () => {
    for (const crdDefinition of [undefined, '{ not: [yaml', 'kind: List\n']) {
      const [, webAppApi] = patternToEntities(
        { ...webApp, crdDefinition },
        OPTIONS,
      );
      expect(webAppApi.spec?.definition).toBe(`group: apps.acme.io
kind: WebApp
plural: webapps
versions:
  - name: v1
    served: true
    storage: true
    schemaFingerprint: fp-1
`);
    }
  });

  it('maps a motif without a version, missing from its source, to a bare experimental Component', () => {
    expect(patternToEntities(cacheMotif, OPTIONS)).toEqual([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'acme-motifs-cache',
          namespace: 'default',
          title: 'cache',
          annotations: {
            'backstage.io/managed-by-location': 'orkestra:acme',
            'backstage.io/managed-by-origin-location': 'orkestra:acme',
            'orkestra.sh/pattern-id': 'acme:acme/motifs/cache',
            'orkestra.sh/source': 'acme',
            'orkestra.sh/reference': 'registry.acme.io/acme/motifs/cache',
            'orkestra.sh/registry': 'registry.acme.io',
            'orkestra.sh/repository': 'acme/motifs/cache',
            'orkestra.sh/kind': 'Motif',
            'orkestra.sh/missing-since': '2025-05-01T00:00:00Z',
          },
        },
        spec: {
          type: 'orkestra-motif',
          lifecycle: 'experimental',
          owner: 'group:default/orkestra-maintainers',
        },
      },
    ]);
  });

  it('gives a long repository a hashed name and keeps the true reference', () => {
    expect(patternToEntities(longKatalog, OPTIONS)).toEqual([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'acme-platform-engineering-platform-engineering-platfor-2bf25a1f',
          namespace: 'default',
          title: 'Observability stack',
          tags: ['observability'],
          annotations: {
            'backstage.io/managed-by-location': 'orkestra:acme',
            'backstage.io/managed-by-origin-location': 'orkestra:acme',
            'orkestra.sh/pattern-id': `acme:${LONG_REPOSITORY}`,
            'orkestra.sh/source': 'acme',
            'orkestra.sh/reference': `registry.acme.io:5000/${LONG_REPOSITORY}@${DIGEST}`,
            'orkestra.sh/registry': 'registry.acme.io:5000',
            'orkestra.sh/repository': LONG_REPOSITORY,
            'orkestra.sh/kind': 'Katalog',
            'orkestra.sh/latest-version': '0.3.0-beta.1',
            'orkestra.sh/simulate': 'no-assertion',
            'orkestra.sh/e2e': 'absent',
            'orkestra.sh/deprecation': 'none',
            'orkestra.sh/policy': 'pass',
            'orkestra.sh/maturity': 'beta',
          },
        },
        spec: {
          type: 'orkestra-katalog',
          lifecycle: 'experimental',
          owner: 'group:default/sre',
          dependsOn: ['component:default/acme-motifs-cache'],
        },
      },
    ]);
  });

  it('names two CRDs of the same kind in different groups apart', () => {
    const entities = patternToEntities(
      {
        ...webApp,
        crdDefinition: undefined,
        crds: [
          { group: 'a.acme.io', kind: 'Cache', versions: [] },
          { group: 'b.acme.io', kind: 'Cache', versions: [] },
          { group: 'a.acme.io', kind: 'Cache', versions: [] },
        ],
      },
      OPTIONS,
    );
    expect(entities.map(e => e.metadata.name)).toEqual([
      'acme-katalogs-web-app',
      'acme-katalogs-web-app-cache',
      'acme-katalogs-web-app-cache-b.acme.io',
    ]);
    expect(entities[0].spec?.providesApis).toEqual([
      'api:default/acme-katalogs-web-app-cache',
      'api:default/acme-katalogs-web-app-cache-b.acme.io',
    ]);
    expect(entities[2].metadata.description).toBe(
      'Custom resource Cache (b.acme.io) provided by Web App; no served version.',
    );
  });

  it.each([
    ['a deprecated katalog with CRDs', webApp],
    ['a motif without a version', cacheMotif],
    ['a katalog with a long repository', longKatalog],
    [
      'a pattern with only invalid tags',
      { ...cacheMotif, tags: ['!!!', '---', ''] },
    ],
  ])('emits entities Backstage accepts: %s', async (_, data) => {
    const entities = patternToEntities(data, OPTIONS);
    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) await expectValid(entity);
    expect(isOrkestraPatternEntity(entities[0])).toBe(true);
    for (const api of entities.slice(1)) {
      expect(isOrkestraPatternEntity(api)).toBe(false);
    }
  });
});

describe('patternLifecycle', () => {
  const base: PatternVersionHeadline = {
    version: '1.0.0',
    digest: DIGEST,
    simulate: 'passed',
    e2e: 'passed',
    deprecated: false,
    deprecationState: 'none',
    policyStatus: 'pass',
  };

  it.each<[string, string, Partial<PatternVersionHeadline> | undefined]>([
    ['no version', 'experimental', undefined],
    ['no maturity', 'experimental', {}],
    ['alpha', 'experimental', { maturity: 'alpha' }],
    ['beta', 'experimental', { maturity: 'beta' }],
    ['unknown maturity', 'experimental', { maturity: 'ga-ish' }],
    ['stable', 'production', { maturity: 'stable' }],
    ['Stable (any case)', 'production', { maturity: 'Stable' }],
    ['maturity deprecated', 'deprecated', { maturity: 'deprecated' }],
    [
      'deprecated flag on a stable version',
      'deprecated',
      { maturity: 'stable', deprecated: true, deprecationState: 'announced' },
    ],
    [
      'end of life without the flag',
      'deprecated',
      { maturity: 'stable', deprecationState: 'end-of-life' },
    ],
    [
      'announced phase without the flag',
      'experimental',
      { maturity: 'beta', deprecationState: 'announced' },
    ],
  ])('%s -> %s', (_, expected, override) => {
    expect(
      patternLifecycle(override ? { ...base, ...override } : undefined),
    ).toBe(expected);
  });
});

describe('tags', () => {
  it.each<[string, string | undefined]>([
    ['Web App!', 'web-app'],
    ['postgres', 'postgres'],
    ['  Spaced  Out  ', 'spaced-out'],
    ['k8s:crd', 'k8s-crd'],
    ['C++', 'c++'],
    ['C#', 'c#'],
    ['under_score.dot', 'under-score-dot'],
    ['--a--b--', 'a-b'],
    ['Ünïcode Çafé', 'unicode-cafe'],
    ['日本語', undefined],
    ['!!!', undefined],
    ['', undefined],
    [`${'x'.repeat(62)}-y`, 'x'.repeat(62)],
    ['z'.repeat(80), 'z'.repeat(63)],
  ])('%j -> %j', (tag, expected) => {
    expect(sanitizeTag(tag)).toBe(expected);
  });

  it('dedupes after sanitizing and drops empty tags, keeping order', () => {
    expect(
      toEntityTags(['Postgres', 'web app', 'postgres', '', '?', 'Web-App']),
    ).toEqual(['postgres', 'web-app']);
  });

  it('only yields tags that match the Backstage tag rule', () => {
    const rule = /^[a-z0-9+#]+(-[a-z0-9+#]+)*$/;
    for (const tag of toEntityTags([
      'Web App!',
      'a:b:c',
      '##',
      'x'.repeat(100),
      '-lead',
      'trail-',
    ])) {
      expect(tag).toMatch(rule);
      expect(tag.length).toBeLessThanOrEqual(63);
    }
  });
});
