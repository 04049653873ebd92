/**
 * Security checks of the Orkestra backend, end to end through
 * startTestBackend: real docker-registries (one behind htpasswd Basic auth),
 * a FAKE Bearer token service in front of another (startFaultProxy, which
 * also records every request that reaches a registry), a real database (SQLite,
 * and the PostgreSQL cluster when the test command provides one), and a
 * logger that captures every line.
 *
 * - No credential appears in any API response (every route), in any log
 *   line, or in the database.
 * - A reference outside the allowed registries, or outside a source, causes
 *   no outbound request.
 * - Every mutating route is denied without its permission, with no side effect.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { RegistryClient } from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  publishExamplePatterns,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { Knex } from 'knex';
import type { Test } from 'supertest';
import { contractRequest as request } from '../__testUtils__/contractRequest';
import { orkestraPlugin } from '../plugin';
import { createRouter } from '../router';
import { PatternService } from '../service/types';
import { captureLogs } from '../__testUtils__/captureLogs';
import { publishVersion } from '../__testUtils__/syncTestbed';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';

// Real registries and databases on a loaded 2-core CI machine: a fault
// scenario can take longer than Jest's default 5 s.
jest.setTimeout(60_000);

const databases = orkestraTestDatabases();

const random = () => Math.random().toString(36).slice(2, 12);
const BASIC = {
  username: `basic-robot-${random()}`,
  password: `basic-pw-${random()}`,
};
const BEARER = {
  username: `bearer-robot-${random()}`,
  password: `bearer-pw-${random()}`,
};
const WRONG_PASSWORD = `wrong-pw-${random()}`;
const STATIC_TOKEN = `static-token-${random()}`;

/** `METHOD /path/{param}` of every route the router registers. */
async function registeredRoutes(): Promise<string[]> {
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    service: {} as PatternService,
  });
  const stack = (
    router as unknown as {
      stack: Array<{
        route?: { path: string; methods: Record<string, boolean> };
      }>;
    }
  ).stack;
  return stack.flatMap(({ route }) =>
    route
      ? Object.keys(route.methods)
          .filter(method => route.methods[method])
          .map(
            method =>
              `${method.toUpperCase()} ${route.path.replace(
                /:(\w+)/g,
                '{$1}',
              )}`,
          )
      : [],
  );
}

/** Permissions that deny exactly the named permissions, and record every decision asked for. */
function switchablePermissions() {
  const denied = new Set<string>();
  const asked: string[] = [];
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => {
      asked.push(r.permission.name);
      return {
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      } as PolicyDecision;
    });
  const service = {
    authorize: async (
      requests: any[],
      _options?: { credentials: BackstageCredentials },
    ) => decide(requests),
    authorizeConditional: async (requests: any[]) => decide(requests),
  } as unknown as PermissionsService;
  return {
    denied,
    asked,
    factory: createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => service,
    }),
  };
}

describe.each(databases.eachSupportedId())('security on %p', databaseId => {
  let basicRegistry: TestRegistry;
  let plainRegistry: TestRegistry;
  /** Recording front of the Basic-auth registry (no faults). */
  let basicFront: FaultProxy;
  /** The FAKE Bearer token service in front of the plain registry. */
  let bearerFront: FaultProxy;
  /** A FAKE registry that echoes the Authorization it receives in its error messages. */
  let echoFront: FaultProxy;
  /** A FAKE host nothing may ever ask: patterns import from it. */
  let canary: FaultProxy;
  let knex: Knex;
  let server: Parameters<typeof request>[0];
  let stopBackend: () => Promise<void>;
  const logs = captureLogs();
  const permissions = switchablePermissions();
  const fronts = () => [basicFront, bearerFront, echoFront, canary];
  const requestCount = () =>
    fronts().reduce((n, f) => n + f.requests.length, 0);

  beforeAll(async () => {
    basicRegistry = await startTestRegistry({ basicAuth: BASIC });
    plainRegistry = await startTestRegistry();
    basicFront = await startFaultProxy(basicRegistry.host);
    echoFront = await startFaultProxy(basicRegistry.host);
    echoFront.inject({
      path: '/tags/list',
      fault: {
        type: 'status',
        status: 500,
        message: request_ =>
          `cannot serve a caller presenting ${request_.authorization}`,
      },
    });
    bearerFront = await startFaultProxy(plainRegistry.host);
    bearerFront.requireBearer(BEARER);
    canary = await startFaultProxy('127.0.0.1:9');

    const basicPublisher = new RegistryClient({
      registry: basicRegistry.host,
      plainHttp: true,
      credentials: async () => BASIC,
    });
    await publishExamplePatterns(basicPublisher);
    // A pattern that imports a Motif from a host outside the allowed registries.
    await publishVersion(basicPublisher, {
      from: 'katalogs/webapp-operator/v2.0.0',
      repository: 'orkestra/katalogs/webapp-operator',
      version: 'v3.0.0',
      edit: text =>
        text.replace(
          'oci://oci.orkestra.example/orkestra/motifs/web-service:v1.1.0',
          `oci://${canary.host}/evil/motifs/web-service:v1.1.0`,
        ),
    });
    await publishExamplePatterns(
      new RegistryClient({ registry: plainRegistry.host, plainHttp: true }),
    );
    basicFront.requests.length = 0;

    knex = await databases.init(databaseId);
    const schedule = { frequency: { minutes: 30 }, timeout: { minutes: 2 } };
    const source = (id: string, front: FaultProxy, credentials: object) => ({
      id,
      type: 'registry',
      target: `http://${front.host}/orkestra`,
      discovery: 'catalog',
      credentials,
      schedule,
    });
    const backend = await startTestBackend({
      features: [
        orkestraPlugin,
        logs.rootLoggerFactory,
        permissions.factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            orkestra: {
              sources: [
                source('basic', basicFront, BASIC),
                source('bearer', bearerFront, BEARER),
                source('wrong', basicFront, {
                  ...BASIC,
                  password: WRONG_PASSWORD,
                }),
                source('token', bearerFront, { token: STATIC_TOKEN }),
                source('echo', echoFront, BASIC),
              ],
              policy: {
                allowedRegistries: [
                  `${basicFront.host}/orkestra/`,
                  `${bearerFront.host}/orkestra/`,
                ],
              },
              // More resyncs than the default 10 a minute: this suite checks
              // permissions and credentials, resyncRateLimit.test.ts the limit.
              sync: {
                resyncRateLimit: { requests: 100, window: { minutes: 1 } },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();

    // Every source syncs at startup; wait until each has finished.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const sources =
        (await request(server).get('/api/orkestra/sources')).body.items ?? [];
      const done = sources.filter((s: any) => s.lastSync?.finishedAt).length;
      if (done === 5) break;
      if (Date.now() > deadline)
        throw new Error(`only ${done} of 5 sources synced`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }, 90_000);

  /** Waits until the source's last full run is `runId` and has finished, so no sync runs behind a later check. */
  async function waitForRun(sourceId: string, runId: number) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const sources =
        (await request(server).get('/api/orkestra/sources')).body.items ?? [];
      const last = sources.find((s: any) => s.id === sourceId)?.lastSync;
      if (last?.id === runId && last.finishedAt) return;
      if (Date.now() > deadline)
        throw new Error(`run ${runId} of ${sourceId} did not finish`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  afterAll(async () => {
    await stopBackend?.();
    for (const front of fronts()) await front?.close();
    await basicRegistry?.stop();
    await plainRegistry?.stop();
  });
  afterEach(() => permissions.denied.clear());

  /** Every credential and every form it travels in. */
  function secrets(): string[] {
    const basic = (u: string, p: string) =>
      Buffer.from(`${u}:${p}`).toString('base64');
    const tokens = bearerFront.requests
      .map(r => r.authorization)
      .filter((a): a is string => !!a?.startsWith('Bearer '))
      .map(a => a.slice('Bearer '.length));
    expect(tokens.length).toBeGreaterThan(0); // the Bearer source did use tokens
    return [
      BASIC.password,
      BEARER.password,
      WRONG_PASSWORD,
      STATIC_TOKEN,
      basic(BASIC.username, BASIC.password),
      basic(BEARER.username, BEARER.password),
      basic(BASIC.username, WRONG_PASSWORD),
      ...new Set(tokens),
    ];
  }

  it('serves no credential on any route, logs none and stores none, whether registry access works or fails', async () => {
    const sources = await request(server)
      .get('/api/orkestra/sources')
      .expect(200);
    const status = Object.fromEntries(
      sources.body.items.map((s: any) => [s.id, s.lastSync.status]),
    );
    expect(status).toEqual({
      basic: 'succeeded',
      bearer: 'succeeded',
      wrong: 'failed',
      token: 'failed',
      echo: 'partial',
    });

    const responses: string[] = [];
    const hit = new Set<string>();
    const call = async (
      route: string,
      method: 'get' | 'post',
      path: string,
      body?: object,
    ) => {
      hit.add(`${method.toUpperCase()} ${route}`);
      const response = await request(server)
        [method](`/api/orkestra${path}`)
        .send(body);
      responses.push(
        `${method} ${path} ${response.status} ${JSON.stringify(
          response.headers,
        )} ${response.text}`,
      );
      return response;
    };

    await call('/health', 'get', '/health');
    await call('/openapi.yaml', 'get', '/openapi.yaml');
    await call('/sources', 'get', '/sources');
    await call('/entities', 'get', '/entities?limit=500');
    for (const id of ['basic', 'bearer', 'wrong', 'token', 'echo', 'nope'])
      await call('/sources/{id}/sync-runs', 'get', `/sources/${id}/sync-runs`);
    const patterns = (await call('/patterns', 'get', '/patterns?limit=200'))
      .body.items;
    expect(patterns.length).toBeGreaterThanOrEqual(16);
    await call('/patterns', 'get', '/patterns?q=robot');
    await call('/owners', 'get', '/owners');
    await call('/pattern-counts', 'get', '/pattern-counts');
    for (const pattern of patterns) {
      const id = encodeURIComponent(pattern.id);
      await call('/patterns/{id}', 'get', `/patterns/${id}`);
      await call(
        '/patterns/{id}/dependents',
        'get',
        `/patterns/${id}/dependents`,
      );
      await call(
        '/patterns/{id}/dependencies',
        'get',
        `/patterns/${id}/dependencies`,
      );
      const versions = (
        await call('/patterns/{id}/versions', 'get', `/patterns/${id}/versions`)
      ).body.items;
      for (const version of versions) {
        const v = encodeURIComponent(version.digest);
        await call(
          '/patterns/{id}/versions/{version}',
          'get',
          `/patterns/${id}/versions/${v}`,
        );
        await call(
          '/patterns/{id}/versions/{version}/policy',
          'get',
          `/patterns/${id}/versions/${v}/policy`,
        );
        await call(
          '/patterns/{id}/versions/{version}/upgrade-path',
          'get',
          `/patterns/${id}/versions/${v}/upgrade-path`,
        );
        const files = (
          await call(
            '/patterns/{id}/versions/{version}/files',
            'get',
            `/patterns/${id}/versions/${v}/files`,
          )
        ).body.items;
        for (const file of files) {
          // The sync stored only YAML; the rest is read from the registry, with the source's credentials.
          const content = await call(
            '/patterns/{id}/versions/{version}/files/{file}/content',
            'get',
            `/patterns/${id}/versions/${v}/files/${encodeURIComponent(
              file.name,
            )}/content`,
          );
          expect(content.status).toBe(200);
        }
      }
    }
    // The mutating routes, allowed: each resync runs with the source's credentials, failing ones included.
    for (const source of ['basic', 'bearer', 'wrong', 'token', 'echo']) {
      const run = await call(
        '/sources/{id}/resync',
        'post',
        `/sources/${source}/resync`,
        {
          repository: 'orkestra/katalogs/webapp-operator',
        },
      );
      expect(run.status).toBe(202);
    }
    const resync = await call(
      '/patterns/{id}/resync',
      'post',
      `/patterns/${encodeURIComponent(
        'bearer:orkestra/motifs/web-service',
      )}/resync`,
    );
    expect(resync.status).toBe(202);
    // Sync now with wrong credentials: its errors are served and logged too.
    const sync = await call(
      '/sources/{id}/sync',
      'post',
      '/sources/wrong/sync',
    );
    expect(sync.status).toBe(202);
    await waitForRun('wrong', sync.body.id);
    await call('/gate-runs', 'post', '/gate-runs', {
      reference: `${basicFront.host}/orkestra/katalogs/webapp-operator:v3.0.0`,
      gate: 'simulate',
      status: 'passed',
      startedAt: new Date().toISOString(),
    });
    // Error answers too.
    await call(
      '/patterns/{id}',
      'get',
      `/patterns/${encodeURIComponent('wrong:orkestra/x')}`,
    );
    await call('/patterns/{id}', 'get', '/patterns/not-an-id');

    expect([...hit].sort()).toEqual((await registeredRoutes()).sort());
    const served = responses.join('\n');
    const logged = logs.text();
    const stored = JSON.stringify(
      await Promise.all(
        [
          'orkestra_sources',
          'orkestra_patterns',
          'orkestra_versions',
          'orkestra_imports',
          'orkestra_blobs',
          'orkestra_sync_runs',
          'orkestra_gate_runs',
        ].map(table => knex(table).select()),
      ),
    );
    // The failures were logged and served, so the scan covers error paths; the echoing registry's
    // message is kept, with what it echoed blanked out.
    expect(logged).toContain('denied access');
    expect(served).toContain('denied access');
    expect(served).toContain('cannot serve a caller presenting Basic ***');
    expect(logged).toContain('cannot serve a caller presenting Basic ***');
    for (const secret of secrets()) {
      expect({
        secret,
        in: 'API responses',
        found: served.includes(secret),
      }).toEqual({ secret, in: 'API responses', found: false });
      expect({ secret, in: 'logs', found: logged.includes(secret) }).toEqual({
        secret,
        in: 'logs',
        found: false,
      });
      expect({
        secret,
        in: 'database',
        found: stored.includes(secret),
      }).toEqual({ secret, in: 'database', found: false });
    }
    // Credentials went only where they belong: Basic to the Basic registry, passwords only to the token service.
    expect(
      bearerFront.requests.filter(
        r =>
          !r.path.startsWith('/token') && r.authorization?.startsWith('Basic'),
      ),
    ).toEqual([]);
  }, 60_000);

  it('makes no outbound request for a reference outside the allowed registries or outside a source', async () => {
    const before = requestCount();
    const importing = encodeURIComponent(
      'basic:orkestra/katalogs/webapp-operator',
    );
    const dependencies = await request(server)
      .get(`/api/orkestra/patterns/${importing}/dependencies?version=v3.0.0`)
      .expect(200);
    expect(dependencies.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reference: `${canary.host}/evil/motifs/web-service`,
          allowed: false,
        }),
      ]),
    );
    const policy = await request(server)
      .get(`/api/orkestra/patterns/${importing}/versions/v3.0.0/policy`)
      .expect(200);
    expect(JSON.stringify(policy.body.reasons)).toContain(canary.host);

    // A repository outside the source, asked for by a caller: refused before any request.
    const outside = await request(server)
      .post('/api/orkestra/sources/basic/resync')
      .send({ repository: 'secret-team/payroll' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(
      /secret-team\/payroll is not under source basic/,
    );
    await request(server)
      .post('/api/orkestra/sources/basic/resync')
      .send({ repository: 'orkestra/../secret-team/payroll' })
      .expect(400);
    await request(server)
      .get(
        `/api/orkestra/patterns/${encodeURIComponent(
          'basic:secret-team/payroll',
        )}`,
      )
      .expect(404);
    await request(server)
      .post(
        `/api/orkestra/patterns/${encodeURIComponent(
          'basic:secret-team/payroll',
        )}/resync`,
      )
      .expect(404);
    await request(server)
      .get(
        `/api/orkestra/patterns/${encodeURIComponent(
          `nope:${canary.host}/evil/motifs/web-service`,
        )}/versions/v1.1.0/files/motif.yaml/content`,
      )
      .expect(400);

    expect(requestCount()).toBe(before);
    // Nothing, at any point of the suite, ever asked the host outside the allowed registries.
    expect(canary.requests).toEqual([]);
    const stored = await knex('orkestra_patterns').where(
      'repository',
      'like',
      'secret-team%',
    );
    expect(stored).toEqual([]);
  });

  it('denies every mutating route without its permission, and the denied call changes nothing and reaches no registry', async () => {
    const mutating = (await registeredRoutes()).filter(
      r => !r.startsWith('GET '),
    );
    const calls: Record<string, { permission: string; send: () => Test }> = {
      'POST /patterns/{id}/resync': {
        permission: 'orkestra.pattern.resync',
        send: () =>
          request(server).post(
            `/api/orkestra/patterns/${encodeURIComponent(
              'basic:orkestra/katalogs/webapp-operator',
            )}/resync`,
          ),
      },
      'POST /sources/{id}/resync': {
        permission: 'orkestra.pattern.resync',
        send: () =>
          request(server)
            .post('/api/orkestra/sources/bearer/resync')
            .send({ repository: 'orkestra/katalogs/cache-operator' }),
      },
      'POST /sources/{id}/sync': {
        permission: 'orkestra.pattern.resync',
        send: () => request(server).post('/api/orkestra/sources/bearer/sync'),
      },
      'POST /gate-runs': {
        permission: 'orkestra.pattern.publish',
        send: () =>
          request(server)
            .post('/api/orkestra/gate-runs')
            .send({
              reference: `${basicFront.host}/orkestra/katalogs/webapp-operator:v3.0.0`,
              gate: 'e2e',
              status: 'passed',
              startedAt: new Date().toISOString(),
            }),
      },
    };
    // A new mutating route must be added here (and checked) before this passes.
    expect(mutating.sort()).toEqual(Object.keys(calls).sort());

    const rows = async () => ({
      syncRuns: Number(
        (await knex('orkestra_sync_runs').count({ n: '*' }))[0].n,
      ),
      gateRuns: Number(
        (await knex('orkestra_gate_runs').count({ n: '*' }))[0].n,
      ),
    });
    for (const [route, { permission, send }] of Object.entries(calls)) {
      permissions.denied.clear();
      permissions.denied.add(permission);
      const before = { rows: await rows(), requests: requestCount() };
      const denied = await send();
      expect({ route, status: denied.status }).toEqual({ route, status: 403 });
      expect(denied.body.error).toMatchObject({ name: 'NotAllowedError' });
      expect({ route, rows: await rows(), requests: requestCount() }).toEqual({
        route,
        ...before,
      });

      // Only that permission was missing: every other permission allowed does not open the route.
      permissions.denied.clear();
      for (const other of [
        'orkestra.pattern.resync',
        'orkestra.pattern.publish',
        'orkestra.pattern.deprecate',
      ])
        if (other !== permission) permissions.denied.add(other);
      const allowed = await send();
      expect({ route, status: allowed.status }).toEqual({
        route,
        status: route === 'POST /gate-runs' ? 201 : 202,
      });
      // A whole-source sync goes on after its answer: let it finish before the next route's counts.
      if (route === 'POST /sources/{id}/sync')
        await waitForRun('bearer', allowed.body.id);
    }
    // Anonymous callers are refused before any permission is asked.
    for (const { send } of Object.values(calls)) {
      const asked = permissions.asked.length;
      await send().set('authorization', 'Bearer mock-none-token').expect(401);
      expect(permissions.asked.length).toBe(asked);
    }
  });
});
