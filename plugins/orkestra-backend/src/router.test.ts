import { PermissionsService } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ListPatternsResponse,
  orkestraPatternResyncPermission,
  OwnerRollup,
  PatternCounts,
  PatternDependent,
  PatternEntityFeed,
  PatternFile,
  PatternImport,
  PatternSummary,
  PatternVersion,
  PolicyResult,
  SourceStatus,
  SyncRun,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';
import express from 'express';
import {
  contractRequest as request,
  expectEveryOperationExercised,
} from './__testUtils__/contractRequest';
import {
  createRouter,
  servedContentType,
  UNAUTHENTICATED_PATHS,
} from './router';
import { FileContent, PatternService } from './service/types';

const ID = 'examples:orkestra/katalogs/webapp-operator';
const ENCODED_ID = encodeURIComponent(ID);
const DIGEST = `sha256:${'a'.repeat(64)}`;
const BASE = `/patterns/${ENCODED_ID}`;

const pattern = {
  id: ID,
  source: 'examples',
  registry: 'examples.layout.local',
  repository: 'orkestra/katalogs/webapp-operator',
  reference: 'examples.layout.local/orkestra/katalogs/webapp-operator',
  kind: 'Katalog',
  name: 'webapp-operator',
  owner: 'group:default/platform',
  tags: [],
  versionCount: 2,
  updatedAt: '2026-11-01T00:00:00.000Z',
} as PatternSummary;

const gate = { state: 'passed', assertions: 3 } as const;

const version: PatternVersion = {
  digest: DIGEST,
  version: 'v1.2.0',
  tags: ['v1.2.0', 'latest'],
  floatingOnly: false,
  untagged: false,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 812,
  signals: { tags: [], simulate: gate, e2e: gate, intent: gate },
  deprecationState: 'none',
  policy: { status: 'pass', reasons: [] },
  crds: [],
  problems: [],
  firstSeenAt: '2026-11-01T00:00:00.000Z',
};

const files: PatternFile[] = [
  {
    name: 'katalog.yaml',
    mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
    size: 12,
    digest: DIGEST,
  },
];

const policy: PolicyResult = { status: 'pass', reasons: [] };

const upgradePath: UpgradePath = {
  from: { version: 'v1.2.0', digest: DIGEST },
  latest: 'v1.3.0',
  steps: [],
};

const imports: PatternImport[] = [
  { type: 'motif', raw: 'ork://motifs/postgres:v1', allowed: true },
];

const dependents: PatternDependent[] = [
  {
    patternId: 'examples:orkestra/katalogs/shop',
    name: 'shop',
    kind: 'Katalog',
    version: 'v2.0.0',
    importedVersion: 'v1.2.0',
    behindLatest: false,
  },
];

const syncRun: SyncRun = {
  id: 7,
  source: 'examples',
  trigger: 'manual',
  startedAt: '2026-11-01T00:00:00.000Z',
  status: 'running',
  counts: {},
  errors: [],
};

const sourceStatus: SourceStatus = {
  id: 'private',
  type: 'registry',
  target: 'registry.acme.internal/orkestra',
  registry: 'registry.acme.internal',
  discovery: { type: 'index' },
  hasCredentials: true,
  lastSync: { ...syncRun, status: 'partial' },
  health: 'partial',
  failingRepositories: [
    {
      source: 'private',
      repository: 'orkestra/katalogs/shop',
      at: '2026-11-01T00:01:00.000Z',
      runId: 7,
      code: 'UNAVAILABLE',
      message: 'cannot reach registry.acme.internal',
    },
  ],
  failingRepositoryCount: 1,
};

const listResponse: ListPatternsResponse = {
  items: [pattern],
  totalCount: 1,
  nextCursor: 'next',
};

const ownerRollup: OwnerRollup = {
  owner: 'group:default/platform',
  total: 3,
  healthy: 1,
  forced: 1,
  deprecated: 1,
  behind: 1,
  policyFailing: 0,
};

const patternCounts: PatternCounts = {
  total: 12,
  simulatePassed: 7,
  simulateAbsent: 2,
  simulateSkipped: 1,
  simulateNoAssertion: 0,
  forced: 1,
  deprecated: 2,
  endOfLife: 1,
  importsDeprecated: 3,
  importsBehind: 4,
  policyFail: 1,
  policyWarn: 2,
};

const feed: PatternEntityFeed = {
  items: [{ ...pattern, dependsOn: [], crds: [] }],
};

function fileContent(overrides: Partial<FileContent> = {}): FileContent {
  return {
    name: 'katalog.yaml',
    mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
    size: 12,
    content: new TextEncoder().encode('kind: Katalog'),
    truncated: false,
    ...overrides,
  };
}

function stubService(): jest.Mocked<PatternService> {
  const impl: PatternService = {
    listPatterns: async () => listResponse,
    getPattern: async () => pattern,
    listVersions: async () => [version],
    getVersion: async () => version,
    listFiles: async () => files,
    getFileContent: async () => fileContent(),
    listDependencies: async () => imports,
    listDependents: async () => dependents,
    getUpgradePath: async () => upgradePath,
    getPolicy: async () => policy,
    listSources: async () => [sourceStatus],
    listSyncRuns: async () => [syncRun],
    resync: async () => syncRun,
    resyncRepository: async () => syncRun,
    syncSource: async () => syncRun,
    recordGateRun: async () => 7,
    entityFeed: async () => feed,
    listOwnerRollup: async () => [ownerRollup],
    getPatternCounts: async () => patternCounts,
  };
  return Object.fromEntries(
    Object.entries(impl).map(([name, fn]) => [name, jest.fn(fn)]),
  ) as unknown as jest.Mocked<PatternService>;
}

function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
): jest.Mocked<PermissionsService> {
  return {
    authorize: jest.fn(async requests => requests.map(() => ({ result }))),
    authorizeConditional: jest.fn(),
  } as unknown as jest.Mocked<PermissionsService>;
}

async function setup(
  options: { decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  const service = stubService();
  const permissions = permissionsAnswering(
    options.decision ?? AuthorizeResult.ALLOW,
  );
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    service,
  });
  const errorHandler = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  }).error();
  const app = express().use(router).use(errorHandler);
  return { app, service, permissions };
}

const NONE = mockCredentials.none.header();

/** Every authenticated route, with a valid request. */
const AUTHENTICATED_ROUTES: Array<['get' | 'post', string]> = [
  ['get', '/patterns'],
  ['get', BASE],
  ['get', `${BASE}/versions`],
  ['get', `${BASE}/versions/v1.2.0`],
  ['get', `${BASE}/versions/v1.2.0/files`],
  ['get', `${BASE}/versions/v1.2.0/files/katalog.yaml/content`],
  ['get', `${BASE}/dependencies`],
  ['get', `${BASE}/dependents`],
  ['get', `${BASE}/versions/v1.2.0/upgrade-path`],
  ['get', `${BASE}/versions/v1.2.0/policy`],
  ['get', '/sources'],
  ['get', '/sources/examples/sync-runs'],
  ['post', `${BASE}/resync`],
  ['post', '/sources/examples/sync'],
  ['get', '/entities'],
  ['get', '/owners'],
  ['get', '/pattern-counts'],
];

expectEveryOperationExercised();

describe('createRouter', () => {
  describe('public paths', () => {
    it('serves /health without credentials', async () => {
      const { app } = await setup();
      const response = await request(app)
        .get('/health')
        .set('Authorization', NONE);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('serves its OpenAPI document without credentials', async () => {
      const { app } = await setup();
      const response = await request(app)
        .get('/openapi.yaml')
        .set('Authorization', NONE)
        .expect(200);
      expect(response.text).toContain('openapi: 3.0.3');
    });

    it('lists exactly the paths that need no credentials', () => {
      expect(UNAUTHENTICATED_PATHS).toEqual(['/health', '/openapi.yaml']);
    });
  });

  describe('authentication', () => {
    it.each(AUTHENTICATED_ROUTES)(
      'refuses %s %s without credentials',
      async (method, path) => {
        const { app, service, permissions } = await setup();
        const response = await request(app)
          [method](path)
          .set('Authorization', NONE)
          .expect(401);
        expect(response.body.error.name).toBe('AuthenticationError');
        for (const fn of Object.values(service)) {
          expect(fn).not.toHaveBeenCalled();
        }
        expect(permissions.authorize).not.toHaveBeenCalled();
      },
    );

    it.each(AUTHENTICATED_ROUTES)(
      'accepts service credentials for %s %s',
      async (method, path) => {
        const { app } = await setup();
        const response = await request(app)
          [method](path)
          .set('Authorization', mockCredentials.service.header());
        expect(response.status).toBeLessThan(300);
      },
    );
  });

  describe('GET /patterns', () => {
    it('returns the service answer for an empty query', async () => {
      const { app, service } = await setup();
      const response = await request(app).get('/patterns').expect(200);
      expect(response.body).toEqual(listResponse);
      expect(service.listPatterns).toHaveBeenCalledWith({});
    });

    it('passes every filter, typed', async () => {
      const { app, service } = await setup();
      await request(app)
        .get('/patterns')
        .query({
          kind: 'Motif',
          simulate: 'no-assertion',
          e2e: 'absent',
          deprecated: 'false',
          policy: 'warn',
          owner: 'group:default/platform',
          source: 'examples',
          q: 'web app',
          cursor: 'abc',
          limit: '25',
        })
        .expect(200);
      expect(service.listPatterns).toHaveBeenCalledWith({
        kind: 'Motif',
        simulate: 'no-assertion',
        e2e: 'absent',
        deprecated: false,
        policy: 'warn',
        owner: 'group:default/platform',
        source: 'examples',
        q: 'web app',
        cursor: 'abc',
        limit: 25,
      });
    });

    it('passes the health filters, the sort and the offset, typed', async () => {
      const { app, service } = await setup();
      await request(app)
        .get('/patterns')
        .query({
          endOfLife: 'true',
          forced: 'false',
          importsDeprecated: 'true',
          sort: 'lastPushed',
          order: 'desc',
          offset: '1000000',
        })
        .expect(200);
      expect(service.listPatterns).toHaveBeenCalledWith({
        endOfLife: true,
        forced: false,
        importsDeprecated: true,
        sort: 'lastPushed',
        order: 'desc',
        offset: 1_000_000,
      });
    });

    it('parses deprecated=true as a boolean', async () => {
      const { app, service } = await setup();
      await request(app).get('/patterns?deprecated=true').expect(200);
      expect(service.listPatterns).toHaveBeenCalledWith({ deprecated: true });
    });

    it.each([
      ['kind', 'kind=Komposer'],
      ['kind', 'kind='],
      ['simulate', 'simulate=green'],
      ['e2e', 'e2e=PASSED'],
      ['deprecated', 'deprecated=yes'],
      ['policy', 'policy=error'],
      ['source', 'source=Not_A_Source'],
      ['q', `q=${'x'.repeat(201)}`],
      ['limit', 'limit=0'],
      ['limit', 'limit=201'],
      ['limit', 'limit=ten'],
      ['limit', 'limit=1.5'],
      ['kind', 'kind=Katalog&kind=Motif'],
      ['owner', 'owner[a]=b'],
      ['colour', 'colour=red'],
      ['endOfLife', 'endOfLife=1'],
      ['forced', 'forced=yes'],
      ['importsDeprecated', 'importsDeprecated=TRUE'],
      ['sort', 'sort=created'],
      ['sort', 'sort=name&sort=kind'],
      ['order', 'order=descending'],
      ['offset', 'offset=-1'],
      ['offset', 'offset=1000001'],
      ['offset', 'offset=1.5'],
    ])('answers 400 naming %s for %s', async (name, query) => {
      const { app, service } = await setup();
      const response = await request(app).get(`/patterns?${query}`).expect(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(`"${name}"`);
      expect(service.listPatterns).not.toHaveBeenCalled();
    });

    it('does not echo the rejected value', async () => {
      const { app } = await setup();
      const response = await request(app)
        .get('/patterns?kind=secret-value-42')
        .expect(400);
      expect(response.body.error.message).not.toContain('secret-value-42');
    });

    it('accepts a 200 character query and the limit bounds', async () => {
      const { app } = await setup();
      for (const query of [`q=${'x'.repeat(200)}`, 'limit=1', 'limit=200']) {
        const response = await request(app).get(`/patterns?${query}`);
        expect({ query, status: response.status }).toEqual({
          query,
          status: 200,
        });
      }
    });
  });

  describe('GET /owners', () => {
    it('returns the rollup, of one kind on request', async () => {
      const { app, service } = await setup();
      const all = await request(app).get('/owners').expect(200);
      expect(all.body).toEqual({ items: [ownerRollup] });
      expect(service.listOwnerRollup).toHaveBeenCalledWith({});
      await request(app).get('/owners?kind=Motif').expect(200);
      expect(service.listOwnerRollup).toHaveBeenLastCalledWith({
        kind: 'Motif',
      });
    });

    it.each(['kind=Komposer', 'owner=x'])('answers 400 for %s', async query => {
      const { app, service } = await setup();
      const response = await request(app).get(`/owners?${query}`).expect(400);
      expect(response.body.error.name).toBe('InputError');
      expect(service.listOwnerRollup).not.toHaveBeenCalled();
    });
  });

  describe('GET /pattern-counts', () => {
    it('returns every count of the summary', async () => {
      const { app, service } = await setup();
      const response = await request(app).get('/pattern-counts').expect(200);
      expect(response.body).toEqual(patternCounts);
      expect(service.getPatternCounts).toHaveBeenCalledTimes(1);
    });

    it('answers 400 for a query parameter: the counts take none', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get('/pattern-counts?kind=Motif')
        .expect(400);
      expect(response.body.error.name).toBe('InputError');
      expect(service.getPatternCounts).not.toHaveBeenCalled();
    });
  });

  describe('pattern routes', () => {
    it('GET /patterns/:id decodes the id', async () => {
      const { app, service } = await setup();
      const response = await request(app).get(BASE).expect(200);
      expect(response.body).toEqual(pattern);
      expect(service.getPattern).toHaveBeenCalledWith(ID);
    });

    it('GET /patterns/:id/versions', async () => {
      const { app, service } = await setup();
      const response = await request(app).get(`${BASE}/versions`).expect(200);
      expect(response.body).toEqual({ items: [version] });
      expect(service.listVersions).toHaveBeenCalledWith(ID);
    });

    it('GET /patterns/:id/versions/:version by tag', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0`)
        .expect(200);
      expect(response.body).toEqual(version);
      expect(service.getVersion).toHaveBeenCalledWith(ID, 'v1.2.0');
    });

    it('GET /patterns/:id/versions/:version by encoded digest', async () => {
      const { app, service } = await setup();
      await request(app)
        .get(`${BASE}/versions/${encodeURIComponent(DIGEST)}`)
        .expect(200);
      expect(service.getVersion).toHaveBeenCalledWith(ID, DIGEST);
    });

    it('GET /patterns/:id/versions/:version/files', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0/files`)
        .expect(200);
      expect(response.body).toEqual({ items: files });
      expect(service.listFiles).toHaveBeenCalledWith(ID, 'v1.2.0');
    });

    it('GET /patterns/:id/dependencies, default and given version', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/dependencies`)
        .expect(200);
      expect(response.body).toEqual({ items: imports });
      expect(service.listDependencies).toHaveBeenCalledWith(ID, undefined);

      await request(app)
        .get(`${BASE}/dependencies`)
        .query({ version: DIGEST })
        .expect(200);
      expect(service.listDependencies).toHaveBeenLastCalledWith(ID, DIGEST);
    });

    it('GET /patterns/:id/dependencies rejects a bad version', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/dependencies?version=${encodeURIComponent('v1 2')}`)
        .expect(400);
      expect(response.body.error.message).toContain('"version"');
      expect(service.listDependencies).not.toHaveBeenCalled();
    });

    it('GET /patterns/:id/dependents', async () => {
      const { app, service } = await setup();
      const response = await request(app).get(`${BASE}/dependents`).expect(200);
      expect(response.body).toEqual({ items: dependents });
      expect(service.listDependents).toHaveBeenCalledWith(ID);
    });

    it('GET /patterns/:id/versions/:version/upgrade-path', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0/upgrade-path`)
        .expect(200);
      expect(response.body).toEqual(upgradePath);
      expect(service.getUpgradePath).toHaveBeenCalledWith(ID, 'v1.2.0');
    });

    it('GET /patterns/:id/versions/:version/policy', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/versions/${encodeURIComponent(DIGEST)}/policy`)
        .expect(200);
      expect(response.body).toEqual(policy);
      expect(service.getPolicy).toHaveBeenCalledWith(ID, DIGEST);
    });
  });

  describe('parameter validation', () => {
    const badIds = [
      ['no source', encodeURIComponent('orkestra/katalogs/x')],
      ['upper-case source', encodeURIComponent('Examples:orkestra/x')],
      ['upper-case repository', encodeURIComponent('examples:Orkestra/x')],
      ['empty repository', encodeURIComponent('examples:')],
      ['double slash', encodeURIComponent('examples:orkestra//x')],
      [
        'repository too long',
        encodeURIComponent(`examples:${'a'.repeat(256)}`),
      ],
    ];
    const idRoutes = [
      '',
      '/versions',
      '/versions/v1.2.0',
      '/versions/v1.2.0/files',
      '/versions/v1.2.0/files/katalog.yaml/content',
      '/dependencies',
      '/dependents',
      '/versions/v1.2.0/upgrade-path',
      '/versions/v1.2.0/policy',
    ];

    it.each(badIds)(
      'rejects a pattern id with %s on every route',
      async (_, id) => {
        const { app, service } = await setup();
        for (const suffix of idRoutes) {
          const response = await request(app)
            .get(`/patterns/${id}${suffix}`)
            .expect(400);
          expect(response.body.error.name).toBe('InputError');
          expect(response.body.error.message).toMatch(/pattern id/);
        }
        await request(app).post(`/patterns/${id}/resync`).expect(400);
        for (const fn of Object.values(service)) {
          expect(fn).not.toHaveBeenCalled();
        }
      },
    );

    const versionRoutes = [
      '',
      '/files',
      '/files/katalog.yaml/content',
      '/upgrade-path',
      '/policy',
    ];
    it.each([
      ['a tag with a space', encodeURIComponent('v1 2')],
      ['a tag starting with a dot', '.hidden'],
      ['a tag too long', 'v'.repeat(129)],
      ['a short digest', encodeURIComponent('sha256:abc')],
      [
        'a digest with a bad algorithm',
        encodeURIComponent(`SHA256:${'a'.repeat(64)}`),
      ],
    ])('rejects %s as version on every route', async (_, bad) => {
      const { app, service } = await setup();
      for (const suffix of versionRoutes) {
        const response = await request(app)
          .get(`${BASE}/versions/${bad}${suffix}`)
          .expect(400);
        expect(response.body.error.message).toMatch(/version/);
      }
      for (const fn of Object.values(service)) {
        expect(fn).not.toHaveBeenCalled();
      }
    });

    it.each([
      ['a slash', encodeURIComponent('crds/crd.yaml')],
      ['a backslash', encodeURIComponent('..\\crd.yaml')],
      ['a dot-dot name', '..'],
      ['a name too long', 'f'.repeat(256)],
    ])('rejects a file name with %s', async (_, file) => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0/files/${file}/content`)
        .expect(400);
      expect(response.body.error.message).toMatch(/file name/);
      expect(service.getFileContent).not.toHaveBeenCalled();
    });

    it('rejects a bad source id', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get('/sources/Bad_Source/sync-runs')
        .expect(400);
      expect(response.body.error.message).toMatch(/source id/);
      expect(service.listSyncRuns).not.toHaveBeenCalled();
    });

    it('answers 400 for a malformed percent-encoding', async () => {
      const { app, service } = await setup();
      await request(app).get('/patterns/examples%E0%A4%A').expect(400);
      expect(service.getPattern).not.toHaveBeenCalled();
    });
  });

  describe('errors from the service', () => {
    it.each([
      ['get', BASE, 'getPattern'],
      ['get', `${BASE}/versions`, 'listVersions'],
      ['get', `${BASE}/versions/v9.9.9`, 'getVersion'],
      ['get', `${BASE}/versions/v1.2.0/files`, 'listFiles'],
      [
        'get',
        `${BASE}/versions/v1.2.0/files/nope.yaml/content`,
        'getFileContent',
      ],
      ['get', `${BASE}/dependencies`, 'listDependencies'],
      ['get', `${BASE}/dependents`, 'listDependents'],
      ['get', `${BASE}/versions/v1.2.0/upgrade-path`, 'getUpgradePath'],
      ['get', `${BASE}/versions/v1.2.0/policy`, 'getPolicy'],
      ['get', '/sources/nope/sync-runs', 'listSyncRuns'],
      ['post', `${BASE}/resync`, 'resync'],
      ['post', '/sources/nope/sync', 'syncSource'],
    ] as const)(
      '%s %s passes NotFoundError on as 404',
      async (method, path, fn) => {
        const { app, service } = await setup();
        service[fn].mockRejectedValueOnce(new NotFoundError('no such thing'));
        const response = await request(app)[method](path).expect(404);
        expect(response.body.error).toMatchObject({
          name: 'NotFoundError',
          message: 'no such thing',
        });
        expect(response.body.response).toEqual({ statusCode: 404 });
      },
    );

    it('answers 500 for an unexpected failure', async () => {
      const { app, service } = await setup();
      service.listSources.mockRejectedValueOnce(new Error('database down'));
      const response = await request(app).get('/sources');
      expect(response.status).toBe(500);
      expect(response.body.response).toEqual({ statusCode: 500 });
    });
  });

  describe('GET /patterns/:id/versions/:version/files/:file/content', () => {
    it('serves YAML as plain text with the headers', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0/files/katalog.yaml/content`)
        .expect(200);
      expect(service.getFileContent).toHaveBeenCalledWith(
        ID,
        'v1.2.0',
        'katalog.yaml',
      );
      expect(response.headers['content-type']).toBe(
        'text/plain; charset=utf-8',
      );
      expect(response.headers['x-orkestra-truncated']).toBe('false');
      expect(response.headers['x-orkestra-media-type']).toBe(
        'application/vnd.orkestra.katalog.v1+yaml',
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['access-control-expose-headers']).toContain(
        'X-Orkestra-Truncated',
      );
      expect(response.text).toBe('kind: Katalog');
    });

    it('flags truncated content and decodes an encoded file name', async () => {
      const { app, service } = await setup();
      service.getFileContent.mockResolvedValueOnce(
        fileContent({
          name: 'my file.md',
          mediaType: 'text/markdown',
          truncated: true,
        }),
      );
      const response = await request(app)
        .get(
          `${BASE}/versions/${encodeURIComponent(
            DIGEST,
          )}/files/${encodeURIComponent('my file.md')}/content`,
        )
        .expect(200);
      expect(service.getFileContent).toHaveBeenCalledWith(
        ID,
        DIGEST,
        'my file.md',
      );
      expect(response.headers['x-orkestra-truncated']).toBe('true');
      expect(response.headers['content-type']).toBe(
        'text/plain; charset=utf-8',
      );
    });

    it('serves other media types as they are, byte for byte', async () => {
      const { app, service } = await setup();
      const bytes = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff]);
      service.getFileContent.mockResolvedValueOnce(
        fileContent({
          name: 'config',
          mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
          content: bytes,
        }),
      );
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0/files/config/content`)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.orkestra.pattern.v1+tar+gzip',
      );
      expect([...(response.body as Buffer)]).toEqual([...bytes]);
    });

    it('never serves a type a browser would run', async () => {
      const { app, service } = await setup();
      service.getFileContent.mockResolvedValueOnce(
        fileContent({ name: 'x.html', mediaType: 'text/html' }),
      );
      const response = await request(app)
        .get(`${BASE}/versions/v1.2.0/files/x.html/content`)
        .expect(200);
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(response.headers['content-security-policy']).toContain('sandbox');
    });

    it('maps media types to served content types', () => {
      expect(servedContentType('application/vnd.kubernetes.crd.v1+yaml')).toBe(
        'text/plain; charset=utf-8',
      );
      expect(servedContentType('application/yaml')).toBe(
        'text/plain; charset=utf-8',
      );
      expect(servedContentType('text/x-yaml')).toBe(
        'text/plain; charset=utf-8',
      );
      expect(servedContentType('text/markdown; charset=utf-8')).toBe(
        'text/plain; charset=utf-8',
      );
      expect(servedContentType('application/json')).toBe('application/json');
      expect(servedContentType('image/svg+xml')).toBe(
        'application/octet-stream',
      );
      expect(servedContentType('application/xhtml+xml')).toBe(
        'application/octet-stream',
      );
      expect(servedContentType('text/javascript')).toBe(
        'application/octet-stream',
      );
      expect(servedContentType('not a type\r\nX-Evil: 1')).toBe(
        'application/octet-stream',
      );
      expect(servedContentType('')).toBe('application/octet-stream');
    });
  });

  describe('POST /gate-runs', () => {
    const run = {
      reference: 'oci.orkestra.example/orkestra/katalogs/x:v1.0.0',
      gate: 'simulate',
      status: 'passed',
      startedAt: '2026-11-25T10:00:00.000Z',
      detail: { assertions: 3 },
    };

    it('records a gate run when allowed', async () => {
      const { app, service } = await setup();
      await request(app).post('/gate-runs').send(run).expect(201, { id: 7 });
      expect(service.recordGateRun).toHaveBeenCalledWith(run);
    });

    it('rejects a bad run and a denied caller', async () => {
      const { app, service } = await setup();
      await request(app)
        .post('/gate-runs')
        .send({ ...run, status: 'great' })
        .expect(400);
      const denied = await setup({ decision: AuthorizeResult.DENY });
      await request(denied.app).post('/gate-runs').send(run).expect(403);
      expect(service.recordGateRun).not.toHaveBeenCalled();
      expect(denied.service.recordGateRun).not.toHaveBeenCalled();
    });
  });

  describe('POST /sources/:id/resync', () => {
    it('resyncs one repository when allowed', async () => {
      const { app, service } = await setup();
      await request(app)
        .post('/sources/examples/resync')
        .send({ repository: 'orkestra/katalogs/new-one' })
        .expect(202, syncRun);
      expect(service.resyncRepository).toHaveBeenCalledWith(
        'examples',
        'orkestra/katalogs/new-one',
      );
    });

    it('rejects a bad body and a bad source before the permission check', async () => {
      const { app, service, permissions } = await setup();
      await request(app)
        .post('/sources/examples/resync')
        .send({ repository: '../x' })
        .expect(400);
      await request(app).post('/sources/examples/resync').send({}).expect(400);
      await request(app)
        .post('/sources/Bad_Id/resync')
        .send({ repository: 'a/b' })
        .expect(400);
      expect(permissions.authorize).not.toHaveBeenCalled();
      expect(service.resyncRepository).not.toHaveBeenCalled();
    });

    it('answers 403 when denied', async () => {
      const { app, service } = await setup({ decision: AuthorizeResult.DENY });
      await request(app)
        .post('/sources/examples/resync')
        .send({ repository: 'a/b' })
        .expect(403);
      expect(service.resyncRepository).not.toHaveBeenCalled();
    });
  });

  describe('GET /patterns?syncFailing', () => {
    it('passes syncFailing on as a boolean, and refuses anything else', async () => {
      const { app, service } = await setup();
      await request(app).get('/patterns?syncFailing=true').expect(200);
      expect(service.listPatterns).toHaveBeenLastCalledWith({
        syncFailing: true,
      });
      await request(app).get('/patterns?syncFailing=false').expect(200);
      expect(service.listPatterns).toHaveBeenLastCalledWith({
        syncFailing: false,
      });
      const refused = await request(app)
        .get('/patterns?syncFailing=yes')
        .expect(400);
      expect(refused.body.error.message).toBe(
        'Invalid query: query parameter "syncFailing" must be true or false',
      );
      expect(service.listPatterns).toHaveBeenCalledTimes(2);
    });
  });

  describe('POST /sources/:id/sync', () => {
    it('starts a full sync when allowed and answers 202 with its run', async () => {
      const { app, service, permissions } = await setup();
      const response = await request(app)
        .post('/sources/examples/sync')
        .expect(202);
      expect(response.body).toEqual(syncRun);
      expect(service.syncSource).toHaveBeenCalledWith('examples');
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: orkestraPatternResyncPermission }],
        expect.anything(),
      );
    });

    it('answers 403 when denied, without calling the service', async () => {
      const { app, service } = await setup({ decision: AuthorizeResult.DENY });
      const response = await request(app)
        .post('/sources/examples/sync')
        .expect(403);
      expect(response.body.error.message).toBe('You may not resync patterns');
      expect(service.syncSource).not.toHaveBeenCalled();
    });

    it('rejects a bad source id before the permission check', async () => {
      const { app, service, permissions } = await setup();
      await request(app).post('/sources/Bad_Id/sync').expect(400);
      expect(permissions.authorize).not.toHaveBeenCalled();
      expect(service.syncSource).not.toHaveBeenCalled();
    });
  });

  describe('POST /patterns/:id/resync', () => {
    it('resyncs when allowed and answers 202 with the sync run', async () => {
      const { app, service, permissions } = await setup();
      const response = await request(app).post(`${BASE}/resync`).expect(202);
      expect(response.body).toEqual(syncRun);
      expect(service.resync).toHaveBeenCalledWith(ID);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: orkestraPatternResyncPermission }],
        { credentials: mockCredentials.user() },
      );
    });

    it('answers 403 when denied, without calling the service', async () => {
      const { app, service } = await setup({ decision: AuthorizeResult.DENY });
      const response = await request(app).post(`${BASE}/resync`).expect(403);
      expect(response.body.error.name).toBe('NotAllowedError');
      expect(service.resync).not.toHaveBeenCalled();
    });

    it('works with the mock permissions service too', async () => {
      const service = stubService();
      const app = express()
        .use(
          await createRouter({
            httpAuth: mockServices.httpAuth(),
            permissions: mockServices.permissions({
              result: AuthorizeResult.DENY,
            }),
            service,
          }),
        )
        .use(
          MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger: mockServices.logger.mock(),
          }).error(),
        );
      await request(app).post(`${BASE}/resync`).expect(403);
      expect(service.resync).not.toHaveBeenCalled();
    });

    it('never echoes a request body, even a malformed one', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .post(`${BASE}/resync`)
        .set('Content-Type', 'application/json')
        .send('{"password": "hunter2-secret"')
        .expect(400);
      expect(response.text).not.toContain('hunter2-secret');
      expect(response.body.error.message).toBe(
        'Request body is not valid JSON',
      );
      expect(service.resync).not.toHaveBeenCalled();

      const ok = await request(app)
        .post(`${BASE}/resync`)
        .send({ password: 'hunter2-secret' })
        .expect(202);
      expect(ok.text).not.toContain('hunter2-secret');
    });
  });

  describe('sources', () => {
    it('GET /sources wraps the service answer and adds nothing', async () => {
      const { app, service } = await setup();
      const response = await request(app).get('/sources').expect(200);
      expect(response.body).toEqual({ items: [sourceStatus] });
      expect(service.listSources).toHaveBeenCalledWith();

      const keys: string[] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            keys.push(key.toLowerCase());
            walk(value);
          }
        }
      };
      walk(response.body);
      expect(keys).toContain('hascredentials');
      for (const forbidden of [
        'password',
        'token',
        'credentials',
        'username',
      ]) {
        expect(keys).not.toContain(forbidden);
      }
    });

    it('GET /sources/:id/sync-runs with and without a limit', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get('/sources/examples/sync-runs')
        .expect(200);
      expect(response.body).toEqual({ items: [syncRun] });
      expect(service.listSyncRuns).toHaveBeenCalledWith('examples', undefined);

      await request(app).get('/sources/examples/sync-runs?limit=5').expect(200);
      expect(service.listSyncRuns).toHaveBeenLastCalledWith('examples', 5);
    });

    it.each(['limit=0', 'limit=x', 'limit=201', 'since=yesterday'])(
      'GET /sources/:id/sync-runs rejects %s',
      async query => {
        const { app, service } = await setup();
        await request(app)
          .get(`/sources/examples/sync-runs?${query}`)
          .expect(400);
        expect(service.listSyncRuns).not.toHaveBeenCalled();
      },
    );
  });

  describe('GET /entities', () => {
    it('passes cursor and limit', async () => {
      const { app, service } = await setup();
      const response = await request(app)
        .get('/entities?cursor=c1&limit=500')
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
      expect(response.body).toEqual(feed);
      expect(service.entityFeed).toHaveBeenCalledWith({
        cursor: 'c1',
        limit: 500,
      });
    });

    it('defaults both', async () => {
      const { app, service } = await setup();
      await request(app).get('/entities').expect(200);
      expect(service.entityFeed).toHaveBeenCalledWith({
        cursor: undefined,
        limit: undefined,
      });
    });

    it.each(['limit=0', 'limit=501', 'cursor=', 'offset=3'])(
      'rejects %s',
      async query => {
        const { app, service } = await setup();
        await request(app).get(`/entities?${query}`).expect(400);
        expect(service.entityFeed).not.toHaveBeenCalled();
      },
    );
  });
});
