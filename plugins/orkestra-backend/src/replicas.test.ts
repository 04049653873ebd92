/**
 * Two replicas of the Orkestra backend against one PostgreSQL database and
 * one registry: the scheduled sync of a source runs once per interval, in
 * one replica at a time (the task is scheduled with global scope), and both
 * replicas serve the same answers.
 *
 * Why this is faithful: each replica is a real, separate Node.js process
 * (`__testUtils__/backendProcessMain.ts`: `createBackend()` from
 * @backstage/backend-defaults plus this plugin, nothing mocked), started with
 * NODE_ENV=production and its own app-config, port and HTTP server, as a
 * deployment would run them. The replicas share nothing but the PostgreSQL
 * server (`backend.database.client: pg`, the same connection and database
 * prefix, so both open the same plugin database, which holds the Orkestra
 * tables and the scheduler's `backstage_backend_tasks__tasks`) and the
 * docker-registry. No in-process state (scheduler, engine, knex pool,
 * caches) can be shared by accident, which two `startTestBackend` instances
 * in one Jest process could not rule out. Calls go over HTTP with a static
 * external-access token, as another service would make them.
 *
 * What "once per interval" means here: the scheduler keeps the start of the
 * next interval (`startsAt`, read through each replica's
 * `/.backstage/scheduler/v1/tasks`). For every interval the test sees
 * exactly one new sync run, started no earlier than the interval, after the
 * previous run finished, and the scheduler then moves on by one interval;
 * when the window closes no further run has appeared. A second run in an
 * interval (two replicas syncing, or one syncing outside the scheduler)
 * fails one of these.
 *
 * PostgreSQL: the cluster scripts/test.sh started, else a throw-away one
 * (startTestPostgres); skipped without either unless
 * ORKESTRA_REQUIRE_POSTGRES=1, which CI sets.
 */
import { SyncRun } from '@internal/backstage-plugin-orkestra-common';
import {
  indexEntryFor,
  namespaceOf,
  readPatternDirectory,
  RegistryClient,
  updatePatternIndex,
} from '@internal/backstage-plugin-orkestra-node';
import {
  EXAMPLE_PATTERNS_DIR,
  publishExamplePatterns,
  startTestPostgres,
  startTestRegistry,
  TestPostgres,
  TestRegistry,
} from '@internal/backstage-plugin-orkestra-node/testUtils';
import { knex as createKnex, Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  BackendProcess,
  ProcessLogLine,
  startBackendProcess,
} from './__testUtils__/startBackendProcess';
import { orkestraConfigFor, publishVersion } from './__testUtils__/syncTestbed';
import { orkestraTestPostgresServer } from './__testUtils__/testDatabases';

const postgresPlan = orkestraTestPostgresServer();

/** The sync interval; the scheduler also polls for due tasks this often. */
const INTERVAL_MS = 3_000;
const SOURCE = 'local';
const TASK_ID = `orkestra-sync-${SOURCE}`;
const WEB_SERVICE = 'orkestra/motifs/web-service';
const WEB_SERVICE_ID = encodeURIComponent(`${SOURCE}:${WEB_SERVICE}`);
const NEW_VERSION = 'v1.2.0';
/** Timestamps come from PostgreSQL (µs) and from Node.js (ms) on one clock. */
const CLOCK_SLACK_MS = 5;

interface TaskState {
  status: 'idle' | 'running';
  startsAt?: string;
  startedAt?: string;
  lastRunEndedAt?: string;
}

async function taskState(replica: BackendProcess): Promise<TaskState> {
  const { tasks } = await replica.getJson<{
    tasks: Array<{ taskId: string; scope: string; taskState: TaskState }>;
  }>('/api/orkestra/.backstage/scheduler/v1/tasks');
  const task = tasks.find(t => t.taskId === TASK_ID);
  if (!task) throw new Error(`${replica.name} has no task ${TASK_ID}`);
  return task.taskState;
}

async function syncRuns(replica: BackendProcess): Promise<SyncRun[]> {
  const { items } = await replica.getJson<{ items: SyncRun[] }>(
    `/api/orkestra/sources/${SOURCE}/sync-runs?limit=200`,
  );
  return items;
}

const SYNC_LOG = new RegExp(
  `^Orkestra sync of ${SOURCE} (succeeded|partial|failed):`,
);
const syncLogs = (lines: ProcessLogLine[]) =>
  lines.filter(line => SYNC_LOG.test(line.message));

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * Publishes web-service NEW_VERSION as `ork push` does: the version, then
 * its entry in the namespace's `index:latest`.
 */
async function publishLikeOrkPush(publisher: RegistryClient) {
  const from = 'motifs/web-service/v1.1.0';
  await publishVersion(publisher, {
    from,
    repository: WEB_SERVICE,
    version: NEW_VERSION,
  });
  const { meta } = await readPatternDirectory(join(EXAMPLE_PATTERNS_DIR, from));
  await updatePatternIndex(
    publisher,
    namespaceOf(WEB_SERVICE),
    indexEntryFor({
      name: meta.name,
      version: NEW_VERSION,
      description: meta.description,
      tags: meta.tags,
      author: meta.author,
      kind: meta.kind,
      deprecated: false,
    }),
    { settleMs: 0 },
  );
}

const sleepUntil = (time: number) =>
  new Promise(resolve => setTimeout(resolve, Math.max(0, time - Date.now())));

(postgresPlan ? describe : describe.skip)(
  'two Orkestra backend processes on one PostgreSQL database and one registry',
  () => {
    let postgres: TestPostgres | undefined;
    let registry: TestRegistry;
    let publisher: RegistryClient;
    let adminUrl: URL;
    let databaseName: string;
    let db: Knex;
    let a: BackendProcess;
    let b: BackendProcess;
    let replicas: BackendProcess[];

    /** Asks the replicas in turn: both read the one database. */
    let turn = 0;
    const nextReplica = () => replicas[turn++ % replicas.length];

    /**
     * Waits until no sync is running (scheduler idle, every run finished)
     * with at least `headroomMs` before the next interval starts.
     */
    const quiet = (headroomMs = 0) =>
      until('an idle scheduler between intervals', 30_000, async () => {
        const replica = nextReplica();
        const state = await taskState(replica);
        const runs = await syncRuns(replica);
        if (state.status !== 'idle' || !state.startsAt) return undefined;
        if (runs.length === 0 || runs.some(r => r.status === 'running'))
          return undefined;
        if (Date.parse(state.startsAt) - Date.now() < headroomMs)
          return undefined;
        return { state, runs };
      });

    beforeAll(async () => {
      let connectionString: string;
      if (postgresPlan && 'connectionString' in postgresPlan) {
        connectionString = postgresPlan.connectionString;
      } else {
        postgres = await startTestPostgres();
        connectionString = postgres.connectionString;
      }
      adminUrl = new URL(connectionString);
      adminUrl.pathname = '/postgres';
      // A database of its own on a cluster other test files may share.
      const prefix = `orkestra_replicas_${randomBytes(4).toString('hex')}_`;
      databaseName = `${prefix}orkestra`;

      registry = await startTestRegistry();
      publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      await publishExamplePatterns(publisher);

      const config = {
        backend: {
          database: { client: 'pg', connection: connectionString, prefix },
        },
        orkestra: orkestraConfigFor({
          type: 'registry',
          target: `http://${registry.host}/orkestra`,
          schedule: {
            frequency: { seconds: INTERVAL_MS / 1000 },
            timeout: { minutes: 1 },
          },
        }),
      };
      // One after the other, as a rolling deployment or a scale-up starts
      // them: on an empty database, two first starts at the same instant can
      // collide in the migrations of Backstage's scheduler tables (this
      // plugin's retry; see PatternStore.test.ts), which is not what this
      // test is about.
      a = await startBackendProcess({ name: 'replica-a', config });
      b = await startBackendProcess({ name: 'replica-b', config });
      replicas = [a, b];

      const url = new URL(adminUrl);
      url.pathname = `/${databaseName}`;
      db = createKnex({ client: 'pg', connection: url.toString() });
    }, 150_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.destroy();
      if (postgres) {
        await postgres.stop();
      } else if (adminUrl) {
        const admin = createKnex({
          client: 'pg',
          connection: adminUrl.toString(),
        });
        await admin
          .raw('drop database if exists ?? with (force)', [databaseName])
          .finally(() => admin.destroy());
      }
      await registry?.stop();
    }, 60_000);

    it('keeps one global sync task in the shared database, seen alike by both replicas', async () => {
      expect(a.pid).not.toBe(b.pid);
      // Both processes' scheduler tables are this one database's.
      const rows = await db('backstage_backend_tasks__tasks')
        .where({ id: TASK_ID })
        .select('id');
      expect(rows).toEqual([{ id: TASK_ID }]);
      expect(await db('orkestra_sources').pluck('id')).toEqual([SOURCE]);

      for (const replica of replicas) {
        const { tasks } = await replica.getJson(
          '/api/orkestra/.backstage/scheduler/v1/tasks',
        );
        expect(tasks).toEqual([
          expect.objectContaining({
            taskId: TASK_ID,
            pluginId: 'orkestra',
            scope: 'global',
          }),
        ]);
      }

      // After the first sync (whichever replica ran it), between intervals,
      // both report the same task state: it lives in the database.
      await quiet(1_000);
      const [stateA, stateB] = await Promise.all([taskState(a), taskState(b)]);
      expect(stateB).toEqual(stateA);
      expect(stateA.status).toBe('idle');

      const versions = await a.getJson(
        `/api/orkestra/patterns/${WEB_SERVICE_ID}/versions`,
      );
      expect(versions.items.map((v: any) => v.version)).toEqual([
        'v1.1.0',
        'v1.0.0',
      ]);
    }, 60_000);

    it('runs the sync once per interval, one replica at a time; the run after a publish does the work, once', async () => {
      const { state: start, runs: before } = await quiet(1_000);
      const known = new Set(before.map(r => r.id));
      const logsFrom = new Map(replicas.map(r => [r, r.lines.length]));
      const firstInterval = Date.parse(start.startsAt!);
      let interval = firstInterval;
      const observed: Array<{ run: SyncRun; interval: number; next: number }> =
        [];
      let published: { afterRun: number; at: number } | undefined;
      let seenAfterWork: unknown;

      while (
        !published ||
        observed.length < Math.max(3, published.afterRun + 3)
      ) {
        if (observed.length >= 8) throw new Error('no room to publish');
        // The next interval's run: over, and the scheduler idle again.
        const { fresh, state } = await until(
          `the run of interval ${observed.length + 1}`,
          3 * INTERVAL_MS + 15_000,
          async () => {
            const replica = nextReplica();
            const s = await taskState(replica);
            const runs = (await syncRuns(replica)).filter(
              r => !known.has(r.id),
            );
            if (s.status !== 'idle' || runs.length === 0) return undefined;
            if (runs.some(r => r.status === 'running')) return undefined;
            return { fresh: runs, state: s };
          },
        );
        // One run for this interval, not one per replica.
        expect(fresh.map(r => r.id)).toHaveLength(1);
        const run = fresh[0];
        known.add(run.id);
        const next = Date.parse(state.startsAt!);
        observed.push({ run, interval, next });

        expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
        // Not before its interval, and after the previous run ended.
        expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(
          interval - CLOCK_SLACK_MS,
        );
        const previous = observed[observed.length - 2]?.run;
        expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(
          previous ? Date.parse(previous.finishedAt!) : 0,
        );
        // The scheduler moved on by one interval (or, had the run ended
        // after the next interval began, to when it ended).
        const due = Math.max(
          interval + INTERVAL_MS,
          Date.parse(run.finishedAt!),
        );
        expect(next).toBeGreaterThanOrEqual(
          interval + INTERVAL_MS - CLOCK_SLACK_MS,
        );
        expect(next).toBeLessThanOrEqual(due + 2_000);
        interval = next;

        // Publish a new version between two intervals.
        if (!published && next - Date.now() > 1_500) {
          await publishLikeOrkPush(publisher);
          published = { afterRun: observed.length - 1, at: Date.now() };
        }
        if (published && observed.length - 1 === published.afterRun + 1) {
          // What both replicas serve once the next run is over.
          seenAfterWork = await Promise.all(
            replicas.map(async replica => ({
              replica: replica.name,
              versions: (
                await replica.getJson(
                  `/api/orkestra/patterns/${WEB_SERVICE_ID}/versions`,
                )
              ).items.map((v: { version: string }) => v.version),
              latest: (
                await replica.getJson(
                  `/api/orkestra/patterns/${WEB_SERVICE_ID}`,
                )
              ).latest.version,
            })),
          );
        }
      }

      // The publish fell between two intervals (done before the next began,
      // and the run of that next interval started after it)...
      const { afterRun, at } = published;
      const workRun = observed[afterRun + 1].run;
      expect(at).toBeLessThan(observed[afterRun].next);
      expect(Date.parse(workRun.startedAt)).toBeGreaterThan(at);
      // ...and that run brought the new version to both replicas.
      expect(seenAfterWork).toEqual(
        replicas.map(replica => ({
          replica: replica.name,
          versions: [NEW_VERSION, 'v1.1.0', 'v1.0.0'],
          latest: NEW_VERSION,
        })),
      );

      // Close the window just before the next interval: no other run in it.
      await sleepUntil(interval - 300);
      const closing = await taskState(nextReplica());
      const after = await syncRuns(nextReplica());
      expect(
        after.filter(
          r => !known.has(r.id) && Date.parse(r.startedAt) < interval,
        ),
      ).toEqual([]);
      // Unless that next interval's run has begun, the scheduler waits for it.
      expect(
        closing.status === 'idle' ? Date.parse(closing.startsAt!) : interval,
      ).toBe(interval);
      // As many runs as intervals the window covered.
      expect(interval - firstInterval).toBeGreaterThanOrEqual(
        observed.length * INTERVAL_MS - CLOCK_SLACK_MS,
      );

      // Exactly one run found the new version; every other found nothing new.
      expect(observed.map(o => o.run.counts.newVersions)).toEqual(
        observed.map((_, i) => (i === afterRun + 1 ? 1 : 0)),
      );

      // Each run was made by exactly one of the two processes.
      const made = replicas.map(r =>
        syncLogs(r.lines.slice(logsFrom.get(r))).filter(
          line => Date.parse(String(line.timestamp)) < interval,
        ),
      );
      expect(made[0].length + made[1].length).toBe(observed.length);
      const withNewVersion = made
        .flat()
        .filter(line => /, 1 new versions,/.test(line.message));
      expect(withNewVersion).toHaveLength(1);
      for (const replica of replicas) {
        expect({
          replica: replica.name,
          errors: replica.lines.filter(line => line.level === 'error'),
        }).toEqual({ replica: replica.name, errors: [] });
      }
    }, 90_000);

    it('serves the same patterns, versions and sync runs from both replicas', async () => {
      const patternIds = (
        await a.getJson('/api/orkestra/patterns?limit=200')
      ).items.map((p: { id: string }) => encodeURIComponent(p.id));
      expect(patternIds.length).toBeGreaterThanOrEqual(8);
      const paths = [
        '/api/orkestra/patterns?limit=200',
        '/api/orkestra/patterns?kind=Motif',
        ...patternIds.flatMap((id: string) => [
          `/api/orkestra/patterns/${id}`,
          `/api/orkestra/patterns/${id}/versions`,
        ]),
        '/api/orkestra/sources',
        `/api/orkestra/sources/${SOURCE}/sync-runs?limit=200`,
      ];

      const answersOf = async (replica: BackendProcess) => {
        const answers: Record<string, string> = {};
        for (const path of paths) {
          const response = await replica.fetch(path);
          expect({ path, status: response.status }).toEqual({
            path,
            status: 200,
          });
          answers[path] = await response.text();
        }
        return answers;
      };

      // Compared between two intervals, so that no sync changes the data
      // while the replicas are asked.
      let answers: Array<Record<string, string>> | undefined;
      for (let attempt = 0; !answers; attempt++) {
        if (attempt === 3) throw new Error('never found a quiet moment');
        const { state } = await quiet(1_500);
        const both = await Promise.all([answersOf(a), answersOf(b)]);
        const still = await taskState(a);
        if (still.status === 'idle' && still.startsAt === state.startsAt)
          answers = both;
      }
      const [fromA, fromB] = answers;
      expect(fromB).toEqual(fromA);
      expect(fromA[`/api/orkestra/patterns/${WEB_SERVICE_ID}`]).toContain(
        NEW_VERSION,
      );
    }, 60_000);
  },
);
