import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EXAMPLE_REGISTRY_DIR,
  testClockServiceFactory,
} from '@orkspace/orkestra-test-utils';
import { contractRequest as request } from './__testUtils__/contractRequest';
import { orkestraPlugin } from './plugin';

const config = {
  orkestra: {
    sources: [
      {
        id: 'examples',
        type: 'layout',
        target: EXAMPLE_REGISTRY_DIR,
        registry: 'oci.orkestra.example',
        prefix: 'orkestra',
        discovery: 'catalog',
        // No initial delay: the test scheduler runs the sync at startup.
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      },
      {
        id: 'private',
        type: 'registry',
        target: 'registry.acme.internal/orkestra/katalogs',
        credentials: { username: 'robot', password: 'never-serve-me' },
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 2 },
          initialDelay: { hours: 1 },
        },
      },
    ],
    policy: {
      allowedRegistries: ['oci.orkestra.example/orkestra/'],
      minMaturity: 'beta',
      requiredGates: ['simulate'],
    },
    ownership: {
      defaultOwner: 'group:default/platform-team',
      authors: { 'data-team': 'group:default/data' },
    },
  },
};

const id = (repository: string) => encodeURIComponent(`examples:${repository}`);
const WEBAPP = id('orkestra/katalogs/webapp-operator');

describe('orkestraPlugin on the bundled example registry', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        orkestraPlugin,
        testClockServiceFactory(),
        mockServices.rootConfig.factory({ data: config }),
      ],
    }));
  });

  it('serves health and its OpenAPI document without a token', async () => {
    await request(server)
      .get('/api/orkestra/health')
      .set('authorization', 'Bearer mock-none-token')
      .expect(200);
    const doc = await request(server)
      .get('/api/orkestra/openapi.yaml')
      .set('authorization', 'Bearer mock-none-token');
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('openapi: 3.0.3');
  });

  it('filters the importers that are behind', async () => {
    const names = async (query: string) =>
      (
        await request(server).get(`/api/orkestra/patterns?${query}`).expect(200)
      ).body.items
        .map((p: { name: string }) => p.name)
        .sort();
    // cache-operator imports web-service v1.0.0 (latest v1.1.0); platform-stack's
    // Komposer imports webapp-operator v1.0.0 and postgres-operator v15.0.0.
    expect(await names('importsBehind=true')).toEqual([
      'cache-operator',
      'platform-stack',
    ]);
    expect(await names('importsBehind=false&kind=Katalog')).toEqual([
      'legacy-queue-operator',
      'postgres-operator',
      'webapp-operator',
    ]);
    await request(server)
      .get('/api/orkestra/patterns?importsBehind=maybe')
      .expect(400);
  });

  it('lists the example patterns with their signals', async () => {
    const response = await request(server)
      .get('/api/orkestra/patterns?limit=200')
      .expect(200);
    expect(response.body.totalCount).toBe(8);
    const postgres = response.body.items.find(
      (p: any) => p.name === 'postgres-operator',
    );
    expect(postgres).toMatchObject({
      id: 'examples:orkestra/katalogs/postgres-operator',
      reference: 'oci.orkestra.example/orkestra/katalogs/postgres-operator',
      kind: 'Katalog',
      owner: 'group:default/data',
      versionCount: 3,
      latest: {
        version: 'v16.0.0',
        simulate: 'passed',
        e2e: 'passed',
        policyStatus: 'pass',
      },
    });
  });

  it('shows in each list item the headline of its latest version', async () => {
    const list = await request(server)
      .get('/api/orkestra/patterns?limit=200')
      .expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) {
      const version = (
        await request(server)
          .get(
            `/api/orkestra/patterns/${encodeURIComponent(
              item.id,
            )}/versions/${encodeURIComponent(item.latest.digest)}`,
          )
          .expect(200)
      ).body;
      expect(item.latest).toEqual({
        version: item.latest.version,
        digest: version.digest,
        ...(version.created ? { created: version.created } : {}),
        simulate: version.signals.simulate.state,
        e2e: version.signals.e2e.state,
        deprecated: version.signals.deprecation !== undefined,
        deprecationState: version.deprecationState,
        ...(version.maturity ? { maturity: version.maturity } : {}),
        policyStatus: version.policy.status,
      });
      expect(version.tags).toContain(item.latest.version);
    }
  });

  it('filters and pages patterns', async () => {
    const motifs = await request(server)
      .get('/api/orkestra/patterns?kind=Motif')
      .expect(200);
    expect(motifs.body.items.map((p: any) => p.name).sort()).toEqual([
      'platform-admission',
      'postgres-statefulset',
      'web-service',
    ]);
    const deprecated = await request(server)
      .get('/api/orkestra/patterns?deprecated=true')
      .expect(200);
    expect(deprecated.body.items.map((p: any) => p.name)).toEqual([
      'legacy-queue-operator',
    ]);
    const failing = await request(server)
      .get('/api/orkestra/patterns?policy=fail')
      .expect(200);
    expect(failing.body.items.map((p: any) => p.name)).toContain(
      'legacy-queue-operator',
    );
    const text = await request(server)
      .get('/api/orkestra/patterns?q=StatefulSet')
      .expect(200);
    expect(text.body.items.map((p: any) => p.name)).toEqual([
      'postgres-statefulset',
    ]);

    const first = await request(server)
      .get('/api/orkestra/patterns?limit=5')
      .expect(200);
    expect(first.body.items).toHaveLength(5);
    const second = await request(server)
      .get(
        `/api/orkestra/patterns?limit=5&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      )
      .expect(200);
    expect(second.body.items).toHaveLength(3);
    expect(second.body.nextCursor).toBeUndefined();

    await request(server)
      .get('/api/orkestra/patterns?kind=Komposer')
      .expect(400);
    await request(server).get('/api/orkestra/patterns?limit=0').expect(400);
    await request(server)
      .get('/api/orkestra/patterns?cursor=garbage')
      .expect(400);
  });

  it('serves a pattern, its versions, files, file content, policy and upgrade path', async () => {
    const pattern = await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}`)
      .expect(200);
    expect(pattern.body).toMatchObject({
      name: 'webapp-operator',
      latest: { version: 'v2.0.0' },
    });

    const versions = await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}/versions`)
      .expect(200);
    expect(versions.body.items.map((v: any) => v.version)).toEqual([
      'v2.0.0',
      'v1.1.0',
      'v1.0.0',
    ]);
    const v1 = versions.body.items[2];
    expect(v1).toMatchObject({
      deprecationState: 'deprecated',
      policy: { status: 'warn' },
    });
    expect(v1.signals.deprecation.migratedTo).toBe(
      'oci://oci.orkestra.example/orkestra/katalogs/webapp-operator:v2.0.0',
    );

    const byDigest = await request(server)
      .get(
        `/api/orkestra/patterns/${WEBAPP}/versions/${encodeURIComponent(
          v1.digest,
        )}`,
      )
      .expect(200);
    expect(byDigest.body.tags).toEqual(['v1.0.0']);

    const files = await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}/versions/v2.0.0/files`)
      .expect(200);
    expect(files.body.items.map((f: any) => f.name)).toEqual(
      expect.arrayContaining(['katalog.yaml', 'crd.yaml']),
    );
    const content = await request(server)
      .get(
        `/api/orkestra/patterns/${WEBAPP}/versions/v2.0.0/files/README.md/content`,
      )
      .expect(200);
    expect(content.text).toContain('webapp');
    expect(content.headers['x-orkestra-truncated']).toBe('false');

    const policy = await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}/versions/v1.0.0/policy`)
      .expect(200);
    expect(policy.body.reasons[0]).toMatchObject({
      rule: 'deprecation',
      status: 'warn',
    });

    const path = await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}/versions/v1.0.0/upgrade-path`)
      .expect(200);
    expect(path.body.steps.map((s: any) => s.version)).toEqual([
      'v1.1.0',
      'v2.0.0',
    ]);
    expect(path.body.steps[1].crdChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: 'version-added', apiVersion: 'v2' }),
      ]),
    );

    await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}/versions/v9.9.9`)
      .expect(404);
    await request(server)
      .get(`/api/orkestra/patterns/${id('orkestra/katalogs/nope')}`)
      .expect(404);
    await request(server)
      .get(
        `/api/orkestra/patterns/${WEBAPP}/versions/v2.0.0/files/nope.yaml/content`,
      )
      .expect(404);
    await request(server).get('/api/orkestra/patterns/not-an-id').expect(400);
  });

  it('serves dependencies and dependents, with who is behind', async () => {
    const deps = await request(server)
      .get(`/api/orkestra/patterns/${WEBAPP}/dependencies`)
      .expect(200);
    expect(deps.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'motif',
          reference: 'oci.orkestra.example/orkestra/motifs/web-service',
          tag: 'v1.1.0',
          patternId: 'examples:orkestra/motifs/web-service',
          behindLatest: false,
          allowed: true,
        }),
      ]),
    );
    const dependents = await request(server)
      .get(
        `/api/orkestra/patterns/${id(
          'orkestra/motifs/web-service',
        )}/dependents`,
      )
      .expect(200);
    expect(dependents.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'cache-operator',
          importedVersion: 'v1.0.0',
          behindLatest: true,
        }),
        expect.objectContaining({
          name: 'webapp-operator',
          importedVersion: 'v1.1.0',
          behindLatest: false,
        }),
      ]),
    );
  });

  it('serves sources with their sync status, and never a credential', async () => {
    const sources = await request(server)
      .get('/api/orkestra/sources')
      .expect(200);
    expect(sources.text).not.toContain('never-serve-me');
    expect(sources.text).not.toContain('robot');
    const examples = sources.body.items.find((s: any) => s.id === 'examples');
    expect(examples.lastSync).toMatchObject({
      status: 'succeeded',
      counts: { repositories: 8, newVersions: 15 },
    });
    expect(
      sources.body.items.find((s: any) => s.id === 'private'),
    ).toMatchObject({ hasCredentials: true });

    const runs = await request(server)
      .get('/api/orkestra/sources/examples/sync-runs')
      .expect(200);
    expect(runs.body.items[0].status).toBe('succeeded');
    await request(server)
      .get('/api/orkestra/sources/nope/sync-runs')
      .expect(404);
  });

  it('resyncs a repository on demand, and feeds the catalog module', async () => {
    const run = await request(server)
      .post(`/api/orkestra/patterns/${WEBAPP}/resync`)
      .expect(202);
    expect(run.body).toMatchObject({
      trigger: 'on-demand',
      status: 'succeeded',
      counts: { repositories: 1 },
    });

    const feed = await request(server)
      .get('/api/orkestra/entities?limit=500')
      .expect(200);
    expect(feed.body.items).toHaveLength(8);
    const webapp = feed.body.items.find(
      (e: any) => e.name === 'webapp-operator',
    );
    expect(webapp.dependsOn).toEqual(
      expect.arrayContaining([
        'oci.orkestra.example/orkestra/motifs/web-service',
        'oci.orkestra.example/orkestra/motifs/platform-admission',
      ]),
    );
  });

  it('syncs a repository it does not know yet on request, and records gate runs', async () => {
    const run = await request(server)
      .post('/api/orkestra/sources/examples/resync')
      .send({ repository: 'orkestra/katalogs/not-published-yet' })
      .expect(202);
    expect(run.body).toMatchObject({
      trigger: 'on-demand',
      counts: { repositories: 1 },
    });
    await request(server)
      .post('/api/orkestra/sources/nope/resync')
      .send({ repository: 'a/b' })
      .expect(404);
    await request(server)
      .post('/api/orkestra/sources/examples/resync')
      .send({ repository: '../x' })
      .expect(400);

    const recorded = await request(server)
      .post('/api/orkestra/gate-runs')
      .send({
        reference:
          'oci.orkestra.example/orkestra/katalogs/webapp-operator:v2.1.0',
        gate: 'simulate',
        status: 'passed',
        startedAt: '2026-11-25T10:00:00.000Z',
        detail: { assertions: 6 },
      })
      .expect(201);
    expect(recorded.body.id).toEqual(expect.any(Number));
    await request(server)
      .post('/api/orkestra/gate-runs')
      .send({ gate: 'simulate' })
      .expect(400);
  });

  it('refuses anonymous callers', async () => {
    const response = await request(server)
      .get('/api/orkestra/patterns')
      .set('authorization', 'Bearer mock-none-token');
    expect(response.status).toBe(401);
  });
});

describe('orkestraPlugin with a denying permission policy', () => {
  it('answers 403 to a resync', async () => {
    const { server } = await startTestBackend({
      features: [
        orkestraPlugin,
        testClockServiceFactory(),
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const resync = await request(server).post(
      `/api/orkestra/patterns/${WEBAPP}/resync`,
    );
    expect(resync.status).toBe(403);
    await request(server)
      .post('/api/orkestra/sources/examples/resync')
      .send({ repository: 'a/b' })
      .expect(403);
    await request(server)
      .post('/api/orkestra/gate-runs')
      .send({
        reference: 'x',
        gate: 'e2e',
        status: 'passed',
        startedAt: '2026-11-25T10:00:00.000Z',
      })
      .expect(403);
  });
});

describe('orkestraPlugin configuration', () => {
  it('fails to start on invalid configuration, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          orkestraPlugin,
          testClockServiceFactory(),
          mockServices.rootConfig.factory({
            data: {
              orkestra: { sources: [{ id: 'x', type: 'ftp', target: 'y' }] },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/orkestra\.sources\[0\]\.type/);
  });
});

describe('orkestraPlugin scheduling', () => {
  it('schedules each source sync with global scope, whatever its configured schedule says', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        orkestraPlugin,
        testClockServiceFactory(),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            orkestra: {
              sources: [
                {
                  id: 'examples',
                  type: 'layout',
                  target: EXAMPLE_REGISTRY_DIR,
                  // A replica syncing on its own would sync once per replica.
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 2 },
                    scope: 'local',
                  },
                },
              ],
            },
          },
        }),
      ],
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'orkestra-sync-examples',
        scope: 'global',
        frequency: { minutes: 30 },
      }),
    );
  });
});
