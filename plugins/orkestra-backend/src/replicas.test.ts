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
 * `/.backstage/scheduler/v1/tasks`). Every new sync run starts no earlier
 * than its interval, at least one interval after the previous run's, and
 * after the previous run finished; after each run the scheduler moves on by
 * one interval (or to when the run ended, had it overrun); and the first run
 * after the last one watched starts no earlier than the interval the
 * scheduler then named. A second run in an interval (two replicas syncing,
 * or one syncing outside the scheduler) fails one of these.
 *
 * No assertion depends on how fast the machine is: the test waits for
 * states (a run over and the scheduler idle, a log line written), never for
 * a moment. A loaded machine can make a look miss the idle moment between
 * two runs: both runs are then checked from their own times, with the
 * interval of the second known only from below.
 *
 * PostgreSQL: the cluster scripts/test.sh started, else a throw-away one
 * (startTestPostgres); skipped without either unless
 * ORKESTRA_REQUIRE_POSTGRES=1, which CI sets.
 */
import { SyncRun } from '@orkspace/backstage-plugin-orkestra-common';
import {
  indexEntryFor,
  namespaceOf,
  readPatternDirectory,
  RegistryClient,
  updatePatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  EXAMPLE_PATTERNS_DIR,
  publishExamplePatterns,
  startTestPostgres,
  startTestRegistry,
  TestPostgres,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
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

const sameState = (x: TaskState, y: TaskState) =>
  JSON.stringify(x) === JSON.stringify(y);

/**
 * The task state and the sync runs as one replica sees them at one moment:
 * undefined when the state changed while the runs were read.
 */
async function consistentView(replica: BackendProcess) {
  const state = await taskState(replica);
  const runs = await syncRuns(replica);
  const again = await taskState(replica);
  // Any change (a run claimed, or released) is seen here: the scheduler's state never returns to an earlier one.
  if (!sameState(state, again)) return undefined;
  return { state, runs, observedAt: Date.now() };
}

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

    /** Waits until no sync is running: scheduler idle, every run finished. */
    const quiet = () =>
      until('an idle scheduler between intervals', 60_000, async () => {
        const view = await consistentView(nextReplica());
        if (!view || view.state.status !== 'idle' || !view.state.startsAt)
          return undefined;
        if (view.runs.length === 0) return undefined;
        if (view.runs.some(r => r.status === 'running')) return undefined;
        return view;
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
      // both report the same task state: it lives in the database. B is
      // asked between two identical answers of A, so the state did not
      // change meanwhile.
      await quiet();
      const [stateA, stateB] = await until(
        'a task state that holds while both replicas are asked',
        60_000,
        async () => {
          const first = await taskState(a);
          const fromB = await taskState(b);
          const again = await taskState(a);
          if (first.status !== 'idle' || !sameState(first, again))
            return undefined;
          return [first, fromB] as const;
        },
      );
      expect(stateB).toEqual(stateA);
      expect(stateA.status).toBe('idle');

      const versions = await a.getJson(
        `/api/orkestra/patterns/${WEB_SERVICE_ID}/versions`,
      );
      expect(versions.items.map((v: any) => v.version)).toEqual([
        'v1.1.0',
        'v1.0.0',
      ]);
    }, 120_000);

    it('runs the sync once per interval, one replica at a time; the run after a publish does the work, once', async () => {
      const { state: start, runs: before } = await quiet();
      const known = new Set(before.map(r => r.id));
      const logsFrom = new Map(replicas.map(r => [r, r.lines.length]));
      const firstInterval = Date.parse(start.startsAt!);
      /** The start of the next interval, as the scheduler last named it. */
      let interval = firstInterval;
      const observed: SyncRun[] = [];
      let published: { startedAt: number; at: number } | undefined;
      const runsStartedAfterPublish = () =>
        observed.filter(r => Date.parse(r.startedAt) > published!.at).length;

      while (
        !published ||
        observed.length < 3 ||
        runsStartedAfterPublish() < 2
      ) {
        if (observed.length >= 12) throw new Error('no run after the publish');
        // The runs since the last look: over, and the scheduler idle again.
        const {
          runs: fresh,
          state,
          observedAt,
        } = await until(
          `the run after ${observed.length} runs`,
          3 * INTERVAL_MS + 30_000,
          async () => {
            const view = await consistentView(nextReplica());
            if (!view || view.state.status !== 'idle') return undefined;
            const runs = view.runs
              .filter(r => !known.has(r.id))
              .sort((x, y) => x.id - y.id);
            if (runs.length === 0) return undefined;
            if (runs.some(r => r.status === 'running')) return undefined;
            return { ...view, runs };
          },
        );
        // Usually one run. `slot` is its interval's start: exact for the
        // first run since the last look, from below for any after it (the
        // scheduler moves on by at least one interval per run).
        let slot = interval;
        for (const run of fresh) {
          known.add(run.id);
          expect(run).toMatchObject({
            trigger: 'schedule',
            status: 'succeeded',
          });
          // Not before its interval, and after the previous run ended.
          expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(
            slot - CLOCK_SLACK_MS,
          );
          const previous = observed[observed.length - 1];
          expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(
            previous ? Date.parse(previous.finishedAt!) : 0,
          );
          observed.push(run);
          slot += INTERVAL_MS;
        }
        // The scheduler moved on by one interval from the last run's, or,
        // had that run ended after the next interval began, to when it was
        // released: before this look saw it idle.
        const last = fresh[fresh.length - 1];
        const lastSlotAtMost =
          fresh.length === 1 ? interval : Date.parse(last.startedAt);
        const next = Date.parse(state.startsAt!);
        expect(next).toBeGreaterThanOrEqual(slot - CLOCK_SLACK_MS);
        expect(next).toBeLessThanOrEqual(
          Math.max(lastSlotAtMost + INTERVAL_MS, observedAt) + CLOCK_SLACK_MS,
        );
        interval = next;

        // Publish a new version, between two intervals when there is room
        // for it (so that usually no run overlaps it), else all the same.
        if (!published && (next - Date.now() > 1_500 || observed.length >= 3)) {
          const startedAt = Date.now();
          await publishLikeOrkPush(publisher);
          published = { startedAt, at: Date.now() };
        }
      }

      // Exactly one run found the new version; every other found nothing new.
      const newVersions = observed.map(r => r.counts.newVersions);
      const work = newVersions.indexOf(1);
      expect(work).toBeGreaterThanOrEqual(0);
      expect(newVersions).toEqual(observed.map((_, i) => (i === work ? 1 : 0)));
      // It is the first run that started after the publish, or one that ran
      // while the publish was under way (when the publish fell between two
      // intervals, only the former).
      const firstAfterPublish = observed.findIndex(
        r => Date.parse(r.startedAt) > published!.at,
      );
      expect(work).toBeLessThanOrEqual(firstAfterPublish);
      expect(Date.parse(observed[work].finishedAt!)).toBeGreaterThan(
        published.startedAt,
      );
      // ...and that run brought the new version to both replicas.
      const served = await Promise.all(
        replicas.map(async replica => ({
          replica: replica.name,
          versions: (
            await replica.getJson(
              `/api/orkestra/patterns/${WEB_SERVICE_ID}/versions`,
            )
          ).items.map((v: { version: string }) => v.version),
          latest: (
            await replica.getJson(`/api/orkestra/patterns/${WEB_SERVICE_ID}`)
          ).latest.version,
        })),
      );
      expect(served).toEqual(
        replicas.map(replica => ({
          replica: replica.name,
          versions: [NEW_VERSION, 'v1.1.0', 'v1.0.0'],
          latest: NEW_VERSION,
        })),
      );

      // No other run before the next interval: the first run to appear
      // after the last one watched starts at that interval or later, and
      // until it appears the scheduler waits for that interval.
      const waitingStates: TaskState[] = [];
      const closing = await until(
        'the run of the next interval',
        3 * INTERVAL_MS + 30_000,
        async () => {
          const replica = nextReplica();
          const unknownRuns = async () =>
            (await syncRuns(replica)).filter(r => !known.has(r.id));
          const appeared = await unknownRuns();
          if (appeared.length > 0) return appeared;
          const state = await taskState(replica);
          // A run released before `state` was read had its row before: the second look sees it.
          const appearedSince = await unknownRuns();
          if (appearedSince.length > 0) return appearedSince;
          waitingStates.push(state);
          return undefined;
        },
      );
      for (const run of closing)
        expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(
          interval - CLOCK_SLACK_MS,
        );
      expect(
        waitingStates
          .filter(state => state.status === 'idle')
          .map(state => Date.parse(state.startsAt!)),
      ).toEqual(
        waitingStates
          .filter(state => state.status === 'idle')
          .map(() => interval),
      );
      // As many intervals as runs.
      expect(interval - firstInterval).toBeGreaterThanOrEqual(
        observed.length * INTERVAL_MS - CLOCK_SLACK_MS,
      );

      // Each run was made by exactly one of the two processes. A run logs
      // after its row is updated, and before the next run starts: wait
      // until the lines of all watched runs are in.
      const closingStart = Math.min(
        ...closing.map(run => Date.parse(run.startedAt)),
      );
      const madeBefore = () =>
        replicas.map(r =>
          syncLogs(r.lines.slice(logsFrom.get(r))).filter(
            line => Date.parse(String(line.timestamp)) < closingStart,
          ),
        );
      const made = await until(
        'the log line of every watched run',
        30_000,
        async () => {
          const lines = madeBefore();
          return lines.flat().length >= observed.length ? lines : undefined;
        },
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
    }, 240_000);

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

      const answerOf = async (replica: BackendProcess, path: string) => {
        const response = await replica.fetch(path);
        return { status: response.status, body: await response.text() };
      };
      // B is asked between two identical answers of A, so that no sync
      // changed the data while both were asked (a sync only moves it
      // forward: what changed does not change back).
      const answersHeld = (path: string) =>
        until(
          `an answer to ${path} that holds while both replicas are asked`,
          60_000,
          async () => {
            const first = await answerOf(a, path);
            const fromB = await answerOf(b, path);
            const again = await answerOf(a, path);
            if (JSON.stringify(first) !== JSON.stringify(again))
              return undefined;
            return [first, fromB] as const;
          },
        );

      const fromA: Record<string, string> = {};
      for (const path of paths) {
        const [answerA, answerB] = await answersHeld(path);
        expect({ path, ...answerA }).toEqual({
          path,
          status: 200,
          body: expect.any(String),
        });
        expect({ path, ...answerB }).toEqual({ path, ...answerA });
        fromA[path] = answerA.body;
      }
      expect(fromA[`/api/orkestra/patterns/${WEB_SERVICE_ID}`]).toContain(
        NEW_VERSION,
      );
    }, 180_000);
  },
);
