/**
 * Per-repository sync status end to end: SyncEngine, PatternServiceImpl and
 * the HTTP router on a real database (SQLite, and PostgreSQL when
 * configured) against a real docker-registry. A repository is made to fail
 * by the FAKE proxy in front of the registry (startFaultProxy), which
 * answers its tag listing with HTTP 500; everything else is the registry's
 * own answer.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { RegistryClient } from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  publishExamplePatterns,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import express from 'express';
import { Knex } from 'knex';
import { readOrkestraConfig } from '../config/orkestraConfig';
import { createRouter } from '../router';
import { PatternServiceImpl } from '../service/PatternServiceImpl';
import { PatternStore } from '../store/PatternStore';
import { contractRequest as request } from '../__testUtils__/contractRequest';
import { lostSince, snapshotStore } from '../__testUtils__/storeSnapshot';
import { orkestraConfigFor } from '../__testUtils__/syncTestbed';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { entryError } from './repositorySyncStatus';
import { SyncEngine } from './SyncEngine';

jest.setTimeout(180_000);

const databases = orkestraTestDatabases();

const CACHE = 'orkestra/katalogs/cache-operator';
const ADMISSION = 'orkestra/motifs/platform-admission';
const WEB_SERVICE = 'orkestra/motifs/web-service';
const idOf = (repository: string) => `local:${repository}`;

describe('entryError', () => {
  it('keeps the first error of a repository and says how many more the run has', () => {
    expect(entryError([])).toBeUndefined();
    expect(entryError([{ repository: 'a', message: 'one' }])).toEqual({
      message: 'one',
    });
    expect(
      entryError([
        { repository: 'a', code: 'NOT_FOUND', message: 'one' },
        { repository: 'a', message: 'two' },
        { repository: 'a', message: 'three' },
      ]),
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'one (and 2 more errors in this run)',
    });
  });
});

describe.each(databases.eachSupportedId())(
  'per-repository sync status on %p against a real docker-registry',
  databaseId => {
    let registry: TestRegistry;
    let proxy: FaultProxy;
    let knex: Knex;
    let store: PatternStore;

    /** The engine, the service and the HTTP API over one source `local` read through the proxy. */
    function portal(
      options: {
        source?: JsonObject;
        sync?: JsonObject;
        now?: () => Date;
        /** How the source is opened; the registry through the proxy by default. */
        storeFactory?: () => Promise<RegistryClient>;
      } = {},
    ) {
      const config = readOrkestraConfig(
        new ConfigReader({
          orkestra: orkestraConfigFor(
            {
              type: 'registry',
              target: `http://${proxy.host}/orkestra`,
              ...options.source,
            },
            options.sync,
          ),
        }),
      );
      const client = new RegistryClient({
        registry: proxy.host,
        plainHttp: true,
        retryDelaysMs: [5, 20],
      });
      const engine = new SyncEngine({
        store,
        config,
        logger: mockServices.logger.mock(),
        storeFactory: options.storeFactory ?? (async () => client),
        now: options.now,
      });
      const service = new PatternServiceImpl({
        store,
        engine,
        config,
        now: options.now,
      });
      return { engine, service, app: app(service) };
    }

    function app(service: PatternServiceImpl) {
      const router = createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        service,
      });
      const errorHandler = MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error();
      return router.then(r => express().use(r).use(errorHandler));
    }

    const failTagsOf = (repository: string) =>
      proxy.inject({
        path: `/v2/${repository}/tags/list`,
        fault: { type: 'status', status: 500, message: 'tag listing broke' },
      });

    async function statusOf(
      service: PatternServiceImpl,
    ): Promise<SourceStatus> {
      const [status] = await service.listSources();
      return status;
    }

    beforeAll(async () => {
      registry = await startTestRegistry();
      await publishExamplePatterns(
        new RegistryClient({ registry: registry.host, plainHttp: true }),
      );
      proxy = await startFaultProxy(registry.host);
      knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
    }, 120_000);
    afterAll(async () => {
      await proxy?.close();
      await registry?.stop();
    });
    afterEach(() => proxy.clear());

    it('keeps each repository its own latest sync: a one-repository resync neither hides another error nor keeps its own old one', async () => {
      const { engine, service, app: served } = portal();
      const api = await served;
      expect(await statusOf(service)).toMatchObject({
        health: 'never-synced',
        failingRepositories: [],
        failingRepositoryCount: 0,
      });
      expect(await engine.syncSource('local')).toMatchObject({
        status: 'succeeded',
      });
      expect(await statusOf(service)).toMatchObject({
        health: 'ok',
        failingRepositoryCount: 0,
      });

      const cacheFault = failTagsOf(CACHE);
      failTagsOf(ADMISSION);
      const full = await engine.syncSource('local');
      expect(full.status).toBe('partial');
      const failing = await statusOf(service);
      expect(failing.health).toBe('partial');
      expect(failing.failingRepositoryCount).toBe(2);
      expect(failing.failingRepositories.map(p => p.repository).sort()).toEqual(
        [CACHE, ADMISSION].sort(),
      );
      for (const problem of failing.failingRepositories) {
        expect(problem).toMatchObject({
          source: 'local',
          runId: full.runId,
          message: expect.stringContaining('500'),
        });
        expect(Date.parse(problem.at)).not.toBeNaN();
      }
      // Newest first.
      const times = failing.failingRepositories.map(p => p.at);
      expect([...times].sort().reverse()).toEqual(times);

      // The patterns show it, and the listing filters by it.
      expect((await service.getPattern(idOf(CACHE))).syncProblem).toMatchObject(
        { repository: CACHE, runId: full.runId },
      );
      expect(
        (await service.getPattern(idOf(WEB_SERVICE))).syncProblem,
      ).toBeUndefined();
      const failingList = await service.listPatterns({ syncFailing: true });
      expect(failingList.items.map(p => p.repository).sort()).toEqual(
        [CACHE, ADMISSION].sort(),
      );
      expect(failingList.totalCount).toBe(2);
      expect(failingList.items.every(p => p.syncProblem)).toBe(true);
      const overHttp = await request(api)
        .get('/patterns?syncFailing=true')
        .expect(200);
      expect(overHttp.body.totalCount).toBe(2);
      const [source] = (await request(api).get('/sources').expect(200)).body
        .items;
      expect(source).toMatchObject({
        health: 'partial',
        failingRepositoryCount: 2,
      });
      const healthy = await service.listPatterns({ syncFailing: false });
      expect(healthy.items.map(p => p.repository)).not.toContain(CACHE);
      expect(healthy.items.some(p => p.syncProblem)).toBe(false);

      // cache-operator is fixed and resynced alone: its error goes, platform-admission's stays.
      cacheFault();
      const resync = await service.resync(idOf(CACHE));
      expect(resync).toMatchObject({ status: 'succeeded', repository: CACHE });
      const afterResync = await statusOf(service);
      expect(afterResync.failingRepositories).toEqual([
        expect.objectContaining({ repository: ADMISSION, runId: full.runId }),
      ]);
      expect(afterResync.failingRepositoryCount).toBe(1);
      // The last full run was partial; the resync does not stand for the source.
      expect(afterResync.health).toBe('partial');
      expect(afterResync.lastSync?.id).toBe(full.runId);
      expect(
        (await service.getPattern(idOf(CACHE))).syncProblem,
      ).toBeUndefined();

      // A failing resync replaces that repository's entry with its own run.
      const again = await service.resync(idOf(ADMISSION));
      expect(again.status).toBe('partial');
      expect((await statusOf(service)).failingRepositories).toEqual([
        expect.objectContaining({ repository: ADMISSION, runId: again.id }),
      ]);

      // A clean full run clears the rest.
      proxy.clear();
      expect((await engine.syncSource('local')).status).toBe('succeeded');
      expect(await statusOf(service)).toMatchObject({
        health: 'ok',
        failingRepositories: [],
        failingRepositoryCount: 0,
      });
      expect(
        (await service.listPatterns({ syncFailing: true })).totalCount,
      ).toBe(0);
    });

    it('a one-repository resync that fails before reaching the repository records that failure for it', async () => {
      const broken = portal({
        storeFactory: () =>
          Promise.reject(new Error('the credential helper exited with 1')),
      });
      const run = await broken.service.resync(idOf(WEB_SERVICE));
      expect(run.status).toBe('failed');
      expect((await statusOf(broken.service)).failingRepositories).toEqual([
        expect.objectContaining({
          repository: WEB_SERVICE,
          runId: run.id,
          message: 'the credential helper exited with 1',
        }),
      ]);
      const { service } = portal();
      expect((await service.resync(idOf(WEB_SERVICE))).status).toBe(
        'succeeded',
      );
      expect((await statusOf(service)).failingRepositoryCount).toBe(0);
    });

    it('a failed sync deletes no entity and no history, and the source is failing', async () => {
      const { engine, service } = portal();
      failTagsOf(CACHE);
      const partial = await engine.syncSource('local');
      expect(partial.status).toBe('partial');
      const before = await snapshotStore(knex);
      const runsBefore = await service.listSyncRuns('local', 200);
      const patternsBefore = (
        await service.listPatterns({ limit: 200 })
      ).items.map(p => p.id);

      // The whole registry answers 503: nothing can be listed.
      proxy.clear();
      proxy.inject({
        fault: { type: 'status', status: 503, message: 'down for repairs' },
      });
      const failed = await engine.syncSource('local');
      expect(failed.status).toBe('failed');
      proxy.clear();

      expect(lostSince(before, await snapshotStore(knex))).toEqual([]);
      const patternsAfter = await service.listPatterns({ limit: 200 });
      expect(patternsAfter.items.map(p => p.id)).toEqual(patternsBefore);
      expect(patternsAfter.items.every(p => !p.missingSince)).toBe(true);
      const runsAfter = await service.listSyncRuns('local', 200);
      expect(runsAfter.slice(1).map(r => r.id)).toEqual(
        runsBefore.map(r => r.id),
      );
      const status = await statusOf(service);
      expect(status.health).toBe('failing');
      expect(status.lastSync).toMatchObject({
        id: failed.runId,
        status: 'failed',
      });
      // cache-operator's error is still there.
      expect(status.failingRepositories.map(p => p.repository)).toContain(
        CACHE,
      );
    });

    it('"Sync now" over HTTP starts one full run, joined by every request while it goes; unknown sources are 404', async () => {
      const { engine, app: served } = portal();
      const api = await served;
      // Slow tag listings keep the run going while the requests come.
      proxy.inject({
        path: /\/tags\/list/,
        fault: { type: 'delay', ms: 300 },
      });
      const first = await request(api).post('/sources/local/sync').expect(202);
      const started: SyncRun = first.body;
      expect(started).toMatchObject({
        source: 'local',
        trigger: 'on-demand',
        status: 'running',
      });
      expect(started.repository).toBeUndefined();
      const second = await request(api).post('/sources/local/sync').expect(202);
      expect(second.body.id).toBe(started.id);
      // The scheduler's run of the source joins it too.
      const result = await engine.syncSource('local');
      expect(result.runId).toBe(started.id);
      expect(result.status).toBe('succeeded');

      const runs = await request(api)
        .get('/sources/local/sync-runs')
        .expect(200);
      expect(runs.body.items[0]).toMatchObject({
        id: started.id,
        status: 'succeeded',
        finishedAt: expect.any(String),
      });
      expect(runs.body.items[0].counts.repositories).toBeGreaterThan(0);

      await request(api).post('/sources/nope/sync').expect(404);
    });

    it('GET /sources/:id/sync-runs gives the last 20 runs, newest first, with counts and times', async () => {
      const { service, app: served } = portal();
      const api = await served;
      for (let i = 0; i < 21; i++) await service.resync(idOf(WEB_SERVICE));
      const all = await service.listSyncRuns('local', 200);
      expect(all.length).toBeGreaterThan(20);
      const response = await request(api)
        .get('/sources/local/sync-runs')
        .expect(200);
      const items: SyncRun[] = response.body.items;
      expect(items).toHaveLength(20);
      expect(items.map(r => r.id)).toEqual(all.slice(0, 20).map(r => r.id));
      for (let i = 1; i < items.length; i++)
        expect(items[i].id).toBeLessThan(items[i - 1].id);
      for (const run of items) {
        expect(run.counts).toEqual(
          expect.objectContaining({ repositories: expect.any(Number) }),
        );
        expect(Date.parse(run.startedAt)).not.toBeNaN();
        expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(
          Date.parse(run.startedAt),
        );
      }
    });

    it('forgets the entry of a repository once it is dropped from the source', async () => {
      const known = (
        await portal().service.listPatterns({ limit: 200 })
      ).items.map(p => p.repository);
      expect(known).toContain(ADMISSION);
      // One second per reading of the clock: the grace period of zero days
      // ends between two runs.
      let clock = Date.now();
      const listed = (repositories: string[]) =>
        portal({
          source: { discovery: 'list', repositories },
          sync: { missingGracePeriod: { seconds: 0 } },
          now: () => new Date((clock += 1000)),
        });
      const all = listed(known);
      failTagsOf(ADMISSION);
      expect((await all.engine.syncSource('local')).status).toBe('partial');
      proxy.clear();
      expect(
        (await statusOf(all.service)).failingRepositories.map(
          p => p.repository,
        ),
      ).toEqual([ADMISSION]);

      const without = listed(known.filter(r => r !== ADMISSION));
      // Marked missing: still a pattern (in its grace period), so its entry stays.
      expect((await without.engine.syncSource('local')).status).toBe(
        'succeeded',
      );
      expect(
        (await store.getPatternByRepository('local', ADMISSION))?.missingSince,
      ).toEqual(expect.any(String));
      expect((await statusOf(without.service)).failingRepositoryCount).toBe(1);
      // Dropped: the entry goes with it.
      const dropping = await without.engine.syncSource('local');
      expect(dropping.counts.droppedRepositories).toBe(1);
      expect(
        await store.getPatternByRepository('local', ADMISSION),
      ).toBeUndefined();
      expect(await statusOf(without.service)).toMatchObject({
        health: 'ok',
        failingRepositories: [],
        failingRepositoryCount: 0,
      });
      expect(
        await knex('orkestra_repository_syncs').where({
          repository: ADMISSION,
        }),
      ).toEqual([]);
    });
  },
);
