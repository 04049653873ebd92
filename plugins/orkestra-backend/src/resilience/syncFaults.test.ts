/**
 * The sync path under faults, end to end: SyncEngine and PatternStore on a
 * real database (SQLite, and PostgreSQL when configured) against a real
 * docker-registry. What a real registry cannot be made to do on demand (5xx
 * bursts, slow answers, cut or corrupted bodies, Bearer tokens that expire)
 * is injected by a FAKE proxy in front of it (startFaultProxy).
 *
 * After each fault: a clear error where one belongs, and a store that lost
 * nothing. After the fault is gone: a run that completes, and a store holding
 * exactly what a clean sync of the same registry holds (nothing duplicated).
 */
import { ConfigReader } from '@backstage/config';
import {
  digestOf,
  OciLayoutStore,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  EXAMPLE_PATTERNS_DIR,
  FaultProxy,
  publishExamplePatterns,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { Knex } from 'knex';
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrkestraConfig } from '../config/orkestraConfig';
import { PatternServiceImpl } from '../service/PatternServiceImpl';
import { PatternStore } from '../store/PatternStore';
import { SyncEngine } from '../sync/SyncEngine';
import { captureLogs } from '../__testUtils__/captureLogs';
import {
  comparable,
  lostSince,
  snapshotStore,
  StoreSnapshot,
} from '../__testUtils__/storeSnapshot';
import {
  engineFor,
  orkestraConfigFor,
  publishVersion,
  pushManifestWithLayers,
  streamLargeBlob,
} from '../__testUtils__/syncTestbed';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';

// Real registries and databases on a loaded 2-core CI machine: a fault
// scenario can take far longer than Jest's default 5 s.
jest.setTimeout(180_000);

/**
 * Every request's time limit (body included): far above what a loaded
 * machine needs, so only a request that never completes trips it.
 */
const REQUEST_TIMEOUT_MS = 10_000;

const databases = orkestraTestDatabases();

const WEB_SERVICE = 'orkestra/motifs/web-service';
const WEBAPP = 'orkestra/katalogs/webapp-operator';

/** A YAML "billion laughs": a few hundred bytes that expand to 10^9 strings. */
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

/** A promise that never settles: for a fault that lasts forever. */
const hangForever = () => new Promise<never>(() => {});

/**
 * A FAKE stalled body, for what the proxy's `stall-body` can only do for a
 * while: the registry's real status and headers (through the proxy), then
 * not one byte of the body, ever. As with fetch's own bodies, reading it
 * fails only when the request's signal aborts.
 */
function stallingBodies(stalls: (url: string, method: string) => boolean) {
  const stallingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!stalls(String(input), init?.method ?? 'GET')) return response;
    await response.body?.cancel();
    const signal = init?.signal;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener(
          'abort',
          () => controller.error(signal.reason),
          { once: true },
        );
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return stallingFetch;
}

async function waitUntil(condition: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe.each(databases.eachSupportedId())(
  'sync faults on %p against a real docker-registry',
  databaseId => {
    let registry: TestRegistry;
    let proxy: FaultProxy;
    let publisher: RegistryClient;
    let minor = 10;
    /** A version no earlier test published. */
    const nextVersion = (major: number) => `v${major}.${minor++}.0`;

    /** A new web-service and a new webapp-operator version, pushed as `ork push` does. */
    async function publishTwoNewVersions() {
      const motif = await publishVersion(publisher, {
        from: 'motifs/web-service/v1.1.0',
        repository: WEB_SERVICE,
        version: nextVersion(1),
      });
      const katalog = await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: WEBAPP,
        version: nextVersion(2),
      });
      return { motif, katalog };
    }

    beforeAll(async () => {
      registry = await startTestRegistry();
      publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      await publishExamplePatterns(publisher);
      proxy = await startFaultProxy(registry.host);
    });
    afterAll(async () => {
      await proxy?.close();
      await registry?.stop();
    });
    const cleanups: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      proxy.clear();
      for (const cleanup of cleanups.splice(0)) await cleanup();
      // A scenario that failed halfway must not leave the registry down for
      // the next ones (restart refuses a registry that is still running).
      await registry.restart().catch(() => undefined);
    });

    async function freshStore() {
      const knex = await databases.init(databaseId);
      const store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      return { knex, store };
    }

    /** An engine reading through the FAKE proxy, with short retry waits. */
    function proxiedEngine(
      store: PatternStore,
      options: {
        logger?: ReturnType<typeof captureLogs>;
        fetch?: typeof fetch;
      } = {},
    ) {
      const client = new RegistryClient({
        registry: proxy.host,
        plainHttp: true,
        retryDelaysMs: [5, 20],
        timeoutMs: REQUEST_TIMEOUT_MS,
        fetch: options.fetch,
      });
      return engineFor({
        store,
        host: proxy.host,
        storeFactory: async () => client,
        logger: options.logger?.logger,
      });
    }

    /** An engine talking to the registry itself, through `fetcher` when given. */
    function directEngine(store: PatternStore, fetcher?: typeof fetch) {
      const client = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
        retryDelaysMs: [5, 20],
        fetch: fetcher,
      });
      return engineFor({
        store,
        host: registry.host,
        storeFactory: async () => client,
      });
    }

    /** What a clean sync of the registry as it is now stores: the state every faulted store must reach. */
    async function cleanSync() {
      const { knex, store } = await freshStore();
      const result = await directEngine(store).syncSource('local');
      expect(result).toMatchObject({ status: 'succeeded', errors: [] });
      return comparable(await snapshotStore(knex));
    }

    /** A store that synced the registry as it is now, before the fault. */
    async function syncedStore(
      engine: (store: PatternStore) => SyncEngine,
    ): Promise<{ knex: Knex; store: PatternStore; before: StoreSnapshot }> {
      const { knex, store } = await freshStore();
      const first = await engine(store).syncSource('local');
      expect(first).toMatchObject({ status: 'succeeded', errors: [] });
      return { knex, store, before: await snapshotStore(knex) };
    }

    async function expectRecovered(engine: SyncEngine, knex: Knex) {
      const result = await engine.syncSource('local');
      expect(result.errors).toEqual([]);
      expect(result.status).toBe('succeeded');
      expect(comparable(await snapshotStore(knex))).toEqual(await cleanSync());
    }

    it('a registry killed mid-sync and restarted: every failed repository says it cannot reach the registry, nothing is lost, the next run completes', async () => {
      const { knex, store, before } = await syncedStore(s => directEngine(s));
      await publishTwoNewVersions();

      let requests = 0;
      const crashing: typeof fetch = async (input, init) => {
        if (++requests === 12) await registry.kill();
        return fetch(input, init);
      };
      const engine = directEngine(store, crashing);
      try {
        const crashed = await engine.syncSource('local');
        // The listing was complete: each repository after the crash fails on its own.
        expect(crashed.status).toBe('partial');
        expect(crashed.errors.length).toBeGreaterThan(0);
        for (const error of crashed.errors) {
          expect(error).toEqual({
            repository: expect.stringMatching(/^orkestra\//),
            code: 'UNAVAILABLE',
            // Refused connections, or a body the crash cut short.
            message: expect.stringMatching(
              new RegExp(
                `^cannot reach ${registry.host} \\(|from ${registry.host} was cut off`,
              ),
            ),
          });
        }
        expect(crashed.errors.map(e => e.message).join('\n')).toContain(
          `cannot reach ${registry.host} (ECONNREFUSED)`,
        );
        expect(lostSince(before, await snapshotStore(knex))).toEqual([]);
      } finally {
        // Killed by the crash above, or not if the run failed before it: start it again either way.
        await registry.kill();
        await registry.restart();
      }
      // The same engine (the backend kept running) completes once the registry is back.
      await expectRecovered(engine, knex);
    });

    it('a backend killed mid-sync: a new engine and store on the same database complete the run and duplicate nothing', async () => {
      const { knex, store } = await freshStore();
      const never = new Promise<never>(() => {});
      let dead = false;
      let inFlight = 0;
      let inserted = 0;
      // The process dies when it starts its 5th version: from then on, nothing it does completes.
      const dying = new Proxy(store, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (property === 'insertVersion' && ++inserted === 5) dead = true;
            if (dead) return never;
            inFlight++;
            return Promise.resolve(value.apply(target, args)).finally(
              () => inFlight--,
            );
          };
        },
      });
      const frozen: typeof fetch = (input, init) =>
        dead ? never : fetch(input, init);
      const doomed = directEngine(dying, frozen);
      void doomed.syncSource('local'); // never settles: the process is gone
      await waitUntil(() => dead && inFlight === 0, 'the backend to die');

      const partial = await snapshotStore(knex);
      expect(partial.rowCounts.orkestra_versions).toBe(4);
      const [abandoned] = await store.listSyncRuns('local', 1);
      expect(abandoned.status).toBe('running');

      // The backend restarts: nothing of the dead process's memory is carried over.
      const restarted = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const engine = directEngine(restarted);
      const result = await engine.syncSource('local');
      expect(result).toMatchObject({ status: 'succeeded', errors: [] });
      expect(result.counts.newVersions).toBe(
        (await cleanSync()).rowCounts.orkestra_versions - 4,
      );
      expect(comparable(await snapshotStore(knex))).toEqual(await cleanSync());
      const [latest, previous] = await restarted.listSyncRuns('local', 2);
      expect(latest).toMatchObject({ id: result.runId, status: 'succeeded' });
      // The dead process's run is no longer shown as running.
      expect(previous).toMatchObject({
        id: abandoned.id,
        status: 'failed',
        errors: [expect.objectContaining({ code: 'ABANDONED' })],
      });
      expect(previous.finishedAt).toBeDefined();
      const source = await knex('orkestra_sources')
        .where({ id: 'local' })
        .first();
      expect(source.last_sync_status).toBe('succeeded');
    });

    it('5xx bursts: one the retries absorb changes nothing; one that outlasts them fails that repository alone; one on the listing fails the run and marks nothing missing', async () => {
      const { knex, store, before } = await syncedStore(s => proxiedEngine(s));
      const engine = proxiedEngine(store);
      await publishTwoNewVersions();

      // Two 503s in a row on the indexes and on blobs: within the retry budget.
      proxy.inject({
        path: '/index/manifests/',
        times: 2,
        fault: { type: 'status', status: 503 },
      });
      proxy.inject({
        path: '/blobs/',
        times: 2,
        fault: { type: 'status', status: 502 },
      });
      proxy.inject({
        path: `/v2/${WEBAPP}/`,
        fault: { type: 'status', status: 503 },
      });
      const burst = await engine.syncSource('local');
      expect(burst.status).toBe('partial');
      expect(burst.errors).toEqual([
        {
          repository: WEBAPP,
          code: 'HTTP_503',
          message: `${proxy.host} answered HTTP 503 for tags of ${WEBAPP}: injected by the fake proxy`,
        },
      ]);
      expect(
        proxy.requests.filter(r => r.status === 503 || r.status === 502).length,
      ).toBeGreaterThanOrEqual(4 + 3);
      const afterBurst = await snapshotStore(knex);
      expect(lostSince(before, afterBurst)).toEqual([]);
      expect(
        afterBurst.tags.get(`${WEB_SERVICE}:v1.${minor - 2}.0`),
      ).toBeDefined();
      expect(
        afterBurst.tags.get(`${WEBAPP}:v2.${minor - 1}.0`),
      ).toBeUndefined();

      proxy.clear();
      proxy.inject({
        path: '/index/manifests/',
        fault: { type: 'status', status: 500 },
      });
      const listing = await engine.syncSource('local');
      // Neither index can be read (HEAD first: no error body): nothing is marked missing.
      expect(listing.status).toBe('failed');
      expect(listing.errors).toEqual(
        (
          [
            ['orkestra/motifs', 3],
            ['orkestra/katalogs', 5],
          ] as const
        ).map(([namespace, known]) => ({
          repository: namespace,
          code: 'HTTP_500',
          message: `the pattern index ${namespace}/index:latest cannot be read: ${proxy.host} answered HTTP 500 for manifest ${namespace}/index:latest; ${known} known repositories under ${namespace} are kept as they are`,
        })),
      );
      expect(listing.counts.missingRepositories).toBe(0);
      expect(lostSince(afterBurst, await snapshotStore(knex))).toEqual([]);

      proxy.clear();
      await expectRecovered(engine, knex);
    });

    it('slow responses: a registry that never answers, or stalls a body, fails that repository with a TIMEOUT naming the request; the next run completes', async () => {
      const { knex, store, before } = await syncedStore(s => proxiedEngine(s));
      // Both faults last forever: whatever the time limit, only it ends them.
      let stalling = true;
      const engine = proxiedEngine(store, {
        fetch: stallingBodies(
          (url, method) =>
            stalling &&
            method === 'GET' &&
            url.includes(`/v2/${WEBAPP}/blobs/`),
        ),
      });
      const motifVersion = nextVersion(1);
      const katalogVersion = nextVersion(2);
      const motif = await publishVersion(publisher, {
        from: 'motifs/web-service/v1.1.0',
        repository: WEB_SERVICE,
        version: motifVersion,
      });
      await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: WEBAPP,
        version: katalogVersion,
      });
      proxy.inject({
        method: 'GET',
        path: `/v2/${WEB_SERVICE}/manifests/`,
        fault: { type: 'run', run: hangForever },
      });
      const slow = await engine.syncSource('local');
      expect(slow.status).toBe('partial');
      expect(slow.errors).toEqual(
        expect.arrayContaining([
          {
            repository: WEB_SERVICE,
            code: 'TIMEOUT',
            message: `${proxy.host} did not answer GET /v2/${WEB_SERVICE}/manifests/${motif.manifest.digest} within ${REQUEST_TIMEOUT_MS} ms`,
          },
          {
            repository: WEBAPP,
            code: 'TIMEOUT',
            message: expect.stringMatching(
              new RegExp(
                `^${proxy.host} did not send all of blob sha256:[0-9a-f]{64} of ${WEBAPP} within ${REQUEST_TIMEOUT_MS} ms$`,
              ),
            ),
          },
        ]),
      );
      expect(slow.errors).toHaveLength(2);
      expect(lostSince(before, await snapshotStore(knex))).toEqual([]);

      proxy.clear();
      stalling = false;
      await expectRecovered(engine, knex);
    });

    it('truncated bodies: a cut connection or a body that ends early fails the repository, not the version, and the next run reads it whole', async () => {
      const { knex, store, before } = await syncedStore(s => proxiedEngine(s));
      const engine = proxiedEngine(store);
      const { motif, katalog } = await publishTwoNewVersions();
      const postgres = await publishVersion(publisher, {
        from: 'katalogs/postgres-operator/v16.0.0',
        repository: 'orkestra/katalogs/postgres-operator',
        version: nextVersion(16),
      });
      proxy.inject({
        method: 'GET',
        path: `/v2/${WEB_SERVICE}/manifests/`,
        fault: { type: 'cut-body' },
      });
      proxy.inject({
        method: 'GET',
        path: `/v2/${WEBAPP}/blobs/`,
        fault: { type: 'cut-body' },
      });
      proxy.inject({
        method: 'GET',
        path: '/v2/orkestra/katalogs/postgres-operator/blobs/',
        fault: { type: 'short-body' },
      });
      const cut = await engine.syncSource('local');
      expect(cut.status).toBe('partial');
      const byRepository = Object.fromEntries(
        cut.errors.map(e => [e.repository, e]),
      );
      expect(byRepository).toEqual({
        [WEB_SERVICE]: {
          repository: WEB_SERVICE,
          code: 'UNAVAILABLE',
          message: `manifest ${WEB_SERVICE}:${motif.manifest.digest} from ${proxy.host} was cut off: the connection closed before the whole body arrived`,
        },
        [WEBAPP]: {
          repository: WEBAPP,
          code: 'UNAVAILABLE',
          message: expect.stringMatching(
            new RegExp(
              `^blob sha256:[0-9a-f]{64} of ${WEBAPP} from ${proxy.host} was cut off: the connection closed before the whole body arrived$`,
            ),
          ),
        },
        'orkestra/katalogs/postgres-operator': {
          repository: 'orkestra/katalogs/postgres-operator',
          code: 'UNAVAILABLE',
          message: expect.stringMatching(
            /^blob sha256:[0-9a-f]{64} of orkestra\/katalogs\/postgres-operator was cut off: \d+ of \d+ bytes arrived$/,
          ),
        },
      });
      const afterCut = await snapshotStore(knex);
      expect(lostSince(before, afterCut)).toEqual([]);
      // None of the three versions was stored half-read.
      for (const [repository, published] of [
        [WEB_SERVICE, motif],
        [WEBAPP, katalog],
        ['orkestra/katalogs/postgres-operator', postgres],
      ] as const) {
        expect(
          afterCut.versions.has(`${repository}@${published.manifest.digest}`),
        ).toBe(false);
      }

      proxy.clear();
      await expectRecovered(engine, knex);
    });

    it('a digest that does not match: a lying manifest is refused and fetched again next run; a lying layer becomes a problem of its version', async () => {
      const { knex, store, before } = await syncedStore(s => proxiedEngine(s));
      const engine = proxiedEngine(store);
      const { motif, katalog } = await publishTwoNewVersions();
      const katalogYaml = katalog.packed.manifest.layers.find(
        l =>
          l.annotations?.['org.opencontainers.image.title'] === 'katalog.yaml',
      )!;
      proxy.inject({
        method: 'GET',
        path: `/v2/${WEB_SERVICE}/manifests/`,
        fault: { type: 'corrupt-body' },
      });
      proxy.inject({
        method: 'GET',
        path: `/v2/${WEBAPP}/blobs/${katalogYaml.digest}`,
        fault: { type: 'corrupt-body' },
      });
      const lying = await engine.syncSource('local');
      expect(lying.status).toBe('partial');
      expect(lying.errors).toEqual(
        expect.arrayContaining([
          {
            repository: WEB_SERVICE,
            code: 'DIGEST_MISMATCH',
            message: expect.stringMatching(
              new RegExp(
                `^manifest ${WEB_SERVICE}:${motif.manifest.digest}: expected digest ${motif.manifest.digest} but the content hashes to sha256:[0-9a-f]{64}$`,
              ),
            ),
          },
          {
            repository: WEBAPP,
            message: expect.stringMatching(
              new RegExp(
                `^${katalog.manifest.digest} katalog.yaml: blob ${katalogYaml.digest} of ${WEBAPP}: expected digest ${katalogYaml.digest} but the content hashes to sha256:[0-9a-f]{64}$`,
              ),
            ),
          },
        ]),
      );
      expect(lying.errors).toHaveLength(2);
      const afterLie = await snapshotStore(knex);
      expect(lostSince(before, afterLie)).toEqual([]);
      expect(
        afterLie.versions.has(`${WEB_SERVICE}@${motif.manifest.digest}`),
      ).toBe(false);
      // The katalog's version is known, with the problem of its unreadable layer, and its other layers read.
      const stored = afterLie.versions.get(
        `${WEBAPP}@${katalog.manifest.digest}`,
      )!;
      expect(JSON.parse(stored.problems_json as string)).toEqual([
        {
          file: 'katalog.yaml',
          message: expect.stringContaining('expected digest'),
        },
      ]);
      expect(JSON.parse(stored.crds_json as string)).toHaveLength(1);
      expect(afterLie.blobs).not.toContain(katalogYaml.digest);

      proxy.clear();
      const next = await engine.syncSource('local');
      expect(next).toMatchObject({ status: 'succeeded', errors: [] });
      const recovered = await snapshotStore(knex);
      expect(
        recovered.versions.has(`${WEB_SERVICE}@${motif.manifest.digest}`),
      ).toBe(true);
      expect(lostSince(afterLie, recovered)).toEqual([]);
    });

    it('an expired token mid-run is renewed without an error; credentials revoked mid-run fail with a clear error, leak nowhere and lose nothing', async () => {
      const password = `pw-${Math.random().toString(36).slice(2)}-sync`;
      const bearer = await startFaultProxy(registry.host);
      bearer.requireBearer({ username: 'sync-bot', password });
      const logs = captureLogs();
      try {
        // The default store factory: credentials come from the source's app-config, as in production.
        const engineWithCredentials = (s: PatternStore) =>
          engineFor({
            store: s,
            host: bearer.host,
            credentials: { username: 'sync-bot', password },
            logger: logs.logger,
          });
        const { knex, store, before } = await syncedStore(
          engineWithCredentials,
        );
        const engine = engineWithCredentials(store);
        await publishTwoNewVersions();

        const issued = bearer.tokensIssued;
        bearer.inject({
          path: '/blobs/',
          times: 1,
          fault: { type: 'run', run: () => bearer.expireTokens() },
        });
        const renewed = await engine.syncSource('local');
        expect(renewed).toMatchObject({ status: 'succeeded', errors: [] });
        expect(bearer.tokensIssued).toBeGreaterThan(issued);
        const afterRenewal = await snapshotStore(knex);
        expect(lostSince(before, afterRenewal)).toEqual([]);

        await publishVersion(publisher, {
          from: 'katalogs/webapp-operator/v2.0.0',
          repository: WEBAPP,
          version: nextVersion(2),
        });
        bearer.clear();
        bearer.inject({
          path: '/tags/list',
          after: 2,
          times: 1,
          fault: { type: 'run', run: () => bearer.revokeCredentials() },
        });
        const revoked = await engine.syncSource('local');
        expect(revoked.status).toBe('partial');
        expect(revoked.errors.length).toBeGreaterThan(0);
        // A request racing the revocation may hold a token issued just before it: the registry denies that one.
        const rejected = `the token service of ${bearer.host} rejected the configured credentials (HTTP 401)`;
        for (const error of revoked.errors) {
          expect(error).toMatchObject({
            repository: expect.any(String),
            code: 'UNAUTHORIZED',
          });
          expect(error.message).toMatch(
            /rejected the configured credentials \(HTTP 401\)$|denied access to .* \(HTTP 401\): authentication required$/,
          );
        }
        expect(revoked.errors.map(e => e.message)).toContain(rejected);
        expect(lostSince(afterRenewal, await snapshotStore(knex))).toEqual([]);

        bearer.requireBearer({ username: 'sync-bot', password });
        const back = await engine.syncSource('local');
        expect(back).toMatchObject({ status: 'succeeded', errors: [] });
        expect(comparable(await snapshotStore(knex))).toEqual(
          await cleanSync(),
        );

        const basic = Buffer.from(`sync-bot:${password}`).toString('base64');
        const runs = JSON.stringify(await store.listSyncRuns('local', 100));
        for (const secret of [password, basic]) {
          expect(logs.text()).not.toContain(secret);
          expect(runs).not.toContain(secret);
        }
        // The password went to the token service only, never to the registry's own routes.
        expect(
          bearer.requests.filter(
            r =>
              !r.path.startsWith('/token') &&
              r.authorization?.startsWith('Basic'),
          ),
        ).toEqual([]);
      } finally {
        await bearer.close();
      }
    });

    it('a YAML alias bomb is refused by its alias count, never expanded, as a problem of its version; the rest of that version and every other pattern sync', async () => {
      const { knex, store, before } = await syncedStore(s => proxiedEngine(s));
      const bomb = await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: WEBAPP,
        version: nextVersion(2),
        files: { 'crd.yaml': ALIAS_BOMB },
      });
      const motif = await publishVersion(publisher, {
        from: 'motifs/web-service/v1.1.0',
        repository: WEB_SERVICE,
        version: nextVersion(1),
      });
      // The bomb stays in the registry for this test only: later tests expect a clean registry.
      cleanups.push(() =>
        publisher.deleteManifest(WEBAPP, bomb.manifest.digest),
      );
      // Expanded, its 10^9 strings would not fit in memory nor in the test's time.
      const result = await proxiedEngine(store).syncSource('local');
      expect(result.status).toBe('partial');
      expect(result.errors).toEqual([
        {
          repository: WEBAPP,
          message: `${bomb.manifest.digest} crd.yaml: crd.yaml could not be read: Excessive alias count indicates a resource exhaustion attack`,
        },
      ]);
      const after = await snapshotStore(knex);
      expect(lostSince(before, after)).toEqual([]);
      const version = after.versions.get(`${WEBAPP}@${bomb.manifest.digest}`)!;
      expect(version.maturity).toBe('stable'); // katalog.yaml was read
      expect(JSON.parse(version.crds_json as string)).toEqual([]);
      expect(JSON.parse(version.problems_json as string)).toEqual([
        {
          file: 'crd.yaml',
          message:
            'crd.yaml could not be read: Excessive alias count indicates a resource exhaustion attack',
        },
      ]);
      expect(
        after.versions.get(`${WEB_SERVICE}@${motif.manifest.digest}`),
      ).toMatchObject({
        problems_json: '[]',
      });
    });

    it('a 100 MB layer is refused by its size before any byte is downloaded, recorded as a problem, and the rest syncs', async () => {
      const { knex, store, before } = await syncedStore(s => directEngine(s));
      const big = await streamLargeBlob(
        registry.url,
        WEBAPP,
        100 * 1024 * 1024,
      );
      const katalogYaml = new TextEncoder().encode(
        (
          await readFile(
            join(
              EXAMPLE_PATTERNS_DIR,
              'katalogs/webapp-operator/v2.0.0/katalog.yaml',
            ),
            'utf8',
          )
        ).replace(/^( {2}version:).*$/m, '$1 v2.99.0'),
      );
      await publisher.pushBlob(WEBAPP, katalogYaml);
      const digest = await pushManifestWithLayers(
        publisher,
        WEBAPP,
        'v2.99.0',
        [
          {
            name: 'katalog.yaml',
            mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
            digest: digestOf(katalogYaml),
            size: katalogYaml.byteLength,
          },
          {
            name: 'crd.yaml',
            mediaType: 'application/vnd.orkestra.crd.v1+yaml',
            ...big,
          },
        ],
        { 'org.opencontainers.image.version': 'v2.99.0' },
      );
      cleanups.push(() => publisher.deleteManifest(WEBAPP, digest));
      const motif = await publishVersion(publisher, {
        from: 'motifs/web-service/v1.1.0',
        repository: WEB_SERVICE,
        version: nextVersion(1),
      });

      const bigRequests: string[] = [];
      const watching: typeof fetch = (input, init) => {
        if (String(input).includes(big.digest))
          bigRequests.push(`${init?.method ?? 'GET'} ${input}`);
        return fetch(input, init);
      };
      const engine = directEngine(store, watching);
      const result = await engine.syncSource('local');
      expect(result.status).toBe('partial');
      expect(result.errors).toEqual([
        {
          repository: WEBAPP,
          message: `${digest} crd.yaml: blob ${big.digest} of ${WEBAPP} is 104857600 bytes; the limit is 1048576`,
        },
      ]);
      expect(bigRequests).toEqual([]);
      const after = await snapshotStore(knex);
      expect(lostSince(before, after)).toEqual([]);
      expect(after.versions.get(`${WEBAPP}@${digest}`)).toMatchObject({
        version: 'v2.99.0',
        maturity: 'stable',
        crds_json: '[]',
      });
      expect(after.files.get(`${WEBAPP}@${digest}/crd.yaml`)).toMatchObject({
        size: 104857600,
      });
      expect(
        after.versions.get(`${WEB_SERVICE}@${motif.manifest.digest}`),
      ).toMatchObject({
        problems_json: '[]',
      });

      // The portal does not download it on demand either.
      const service = new PatternServiceImpl({
        store,
        engine,
        config: readOrkestraConfig(
          new ConfigReader({
            orkestra: orkestraConfigFor({
              type: 'registry',
              target: `http://${registry.host}/orkestra`,
            }),
          }),
        ),
      });
      const content = await service.getFileContent(
        `local:${WEBAPP}`,
        'v2.99.0',
        'crd.yaml',
      );
      expect(content).toMatchObject({ truncated: true, size: 104857600 });
      expect(content.content.byteLength).toBe(0);
      expect(bigRequests).toEqual([]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'sync of an OCI layout with path traversal on %p',
  databaseId => {
    let root: string;
    let outside: string;
    const SECRET = 'TOP-SECRET-OUTSIDE-THE-LAYOUT';

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'orkestra-layout-root-'));
      outside = await mkdtemp(join(tmpdir(), 'orkestra-layout-outside-'));
      await publishExamplePatterns(await OciLayoutStore.open(root));
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    });

    it('refuses every way out of the layout root with a clear error, reads nothing outside it and loses nothing', async () => {
      const knex = await databases.init(databaseId);
      const store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const config = readOrkestraConfig(
        new ConfigReader({
          orkestra: orkestraConfigFor({
            type: 'layout',
            target: root,
            registry: 'oci.orkestra.example',
            prefix: 'orkestra',
          }),
        }),
      );
      const logs = captureLogs();
      const engine = new SyncEngine({ store, config, logger: logs.logger });
      expect(await engine.syncSource('local')).toMatchObject({
        status: 'succeeded',
        errors: [],
      });
      const before = await snapshotStore(knex);
      const layout = await OciLayoutStore.open(root);

      // 1. A layer blob replaced by a symlink to a file outside the root, with the very bytes its digest names.
      const escapeBlob = await publishVersion(layout, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: 'orkestra/katalogs/escape-blob',
        version: 'v1.0.0',
      });
      const katalogYaml = escapeBlob.packed.manifest.layers.find(
        l =>
          l.annotations?.['org.opencontainers.image.title'] === 'katalog.yaml',
      )!;
      const blobPath = join(
        root,
        'orkestra/katalogs/escape-blob/blobs/sha256',
        katalogYaml.digest.slice('sha256:'.length),
      );
      await cp(blobPath, join(outside, 'stolen-katalog.yaml'));
      await unlink(blobPath);
      await symlink(join(outside, 'stolen-katalog.yaml'), blobPath);

      // 2. A manifest whose layer digest walks up the tree.
      await writeFile(
        join(outside, 'secret.yaml'),
        `kind: Katalog\n# ${SECRET}\n`,
      );
      await pushManifestWithLayers(
        layout,
        'orkestra/katalogs/escape-digest',
        'v1.0.0',
        [
          {
            name: 'katalog.yaml',
            mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
            digest: `sha256:../../../../../../..${outside}/secret.yaml`,
            size: 10,
          },
        ],
      );

      // 3. An index.json whose entry's digest walks up the tree.
      const escapeIndex = join(root, 'orkestra/katalogs/escape-index');
      await mkdir(escapeIndex, { recursive: true });
      await writeFile(
        join(escapeIndex, 'oci-layout'),
        '{"imageLayoutVersion":"1.0.0"}',
      );
      await writeFile(
        join(escapeIndex, 'index.json'),
        JSON.stringify({
          schemaVersion: 2,
          manifests: [
            {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: `sha256:../../../../../..${outside}/secret.yaml`,
              size: 10,
              annotations: { 'org.opencontainers.image.ref.name': 'v1.0.0' },
            },
          ],
        }),
      );

      // 4. A repository folder that is a symlink to a layout outside the root.
      const elsewhere = join(outside, 'layout');
      await publishVersion(
        await OciLayoutStore.open(elsewhere, { create: true }),
        {
          from: 'motifs/web-service/v1.1.0',
          repository: 'orkestra/motifs/smuggled',
          version: 'v1.0.0',
        },
      );
      await symlink(
        join(elsewhere, 'orkestra/motifs/smuggled'),
        join(root, 'orkestra/motifs/smuggled'),
      );

      const result = await engine.syncSource('local');
      expect(result.status).toBe('partial');
      expect(
        Object.fromEntries(result.errors.map(e => [e.repository, e])),
      ).toEqual({
        'orkestra/katalogs/escape-blob': {
          repository: 'orkestra/katalogs/escape-blob',
          code: 'INVALID',
          message: `orkestra/katalogs/escape-blob/blobs/sha256/${katalogYaml.digest.slice(
            7,
          )} resolves outside the layout root`,
        },
        'orkestra/katalogs/escape-index': {
          repository: 'orkestra/katalogs/escape-index',
          code: 'INVALID',
          message: `index.json of orkestra/katalogs/escape-index manifests[0]: invalid digest "sha256:../../../../../..${outside}/secret.yaml"`,
        },
      });

      const after = await snapshotStore(knex);
      expect(lostSince(before, after)).toEqual([]);
      // The layer with a walking digest is that version's problem: the
      // version is kept without it, and nothing is read for it.
      expect(
        [...after.patterns.keys()].filter(k => /escape|smuggled/.test(k)),
      ).toEqual(['local orkestra/katalogs/escape-digest']);
      const [escaped] = [...after.versions]
        .filter(([key]) => key.startsWith('orkestra/katalogs/escape-digest@'))
        .map(([, version]) => version);
      expect(JSON.parse(escaped.problems_json as string)).toEqual([
        {
          message: expect.stringMatching(
            /^1 titled layers were ignored: an invalid digest/,
          ),
        },
      ]);
      expect(
        [...after.files.keys()].filter(k => k.includes('escape-digest')),
      ).toEqual([]);
      const blobs = await knex('orkestra_blobs').select('content');
      expect(blobs.map(b => b.content).join('\n')).not.toContain(SECRET);
      expect(logs.text()).not.toContain(SECRET);
    });
  },
);
