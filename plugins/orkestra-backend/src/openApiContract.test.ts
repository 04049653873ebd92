/**
 * The contract of openapi.yaml over real data: the whole plugin (router,
 * service, sync, store on SQLite and PostgreSQL) synced from the bundled
 * example registry, every operation driven over every pattern, version and
 * file. contractRequest checks every answer against the document, and the
 * file fails unless every operation answered 2xx at least once.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ListPatternsResponse,
  OwnerRollup,
  PATTERN_COUNT_FILTERS,
  PatternCounts,
  PatternEntityFeed,
  PatternFile,
  PatternSummary,
  PatternVersion,
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  EXAMPLE_REGISTRY_DIR,
  testClockServiceFactory,
} from '@orkspace/orkestra-test-utils';
import {
  contractRequest as request,
  expectEveryOperationExercised,
} from './__testUtils__/contractRequest';
import { orkestraTestDatabases } from './__testUtils__/testDatabases';
import { orkestraPlugin } from './plugin';

// A sync of the example registry and a few hundred requests on a loaded CI machine.
jest.setTimeout(120_000);

expectEveryOperationExercised();

const databases = orkestraTestDatabases();

const API = '/api/orkestra';
const enc = encodeURIComponent;

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
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      },
    ],
  },
};

describe.each(databases.eachSupportedId())(
  'openapi.yaml against the plugin on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;

    const get = async <T>(path: string): Promise<T> =>
      (await request(server).get(`${API}${path}`).expect(200)).body;

    /** The runs of the example source once none is running (or fails after 60 s). */
    async function settledRuns(): Promise<SyncRun[]> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { items } = await get<{ items: SyncRun[] }>(
          '/sources/examples/sync-runs',
        );
        if (items.length > 0 && items.every(run => run.status !== 'running')) {
          return items;
        }
        if (Date.now() > deadline) {
          throw new Error(`sync runs still running: ${JSON.stringify(items)}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          orkestraPlugin,
          testClockServiceFactory(),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: config }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
      const [run] = await settledRuns();
      if (run.status !== 'succeeded') {
        throw new Error(`the example sync ended ${JSON.stringify(run)}`);
      }
    });

    afterAll(async () => {
      await stop?.();
    });

    it('serves the public paths', async () => {
      await request(server).get(`${API}/health`).expect(200);
      const document = await request(server)
        .get(`${API}/openapi.yaml`)
        .expect(200);
      expect(document.text).toContain('openapi: 3.0.3');
    });

    it('serves every pattern, version and file of the example registry', async () => {
      const list = await get<ListPatternsResponse>('/patterns?limit=200');
      expect(list.items.length).toBeGreaterThanOrEqual(8);
      let files = 0;
      for (const pattern of list.items) {
        const base = `/patterns/${enc(pattern.id)}`;
        await get<PatternSummary>(base);
        await get(`${base}/dependencies`);
        await get(`${base}/dependents`);
        const { items: versions } = await get<{ items: PatternVersion[] }>(
          `${base}/versions`,
        );
        for (const version of versions) {
          const at = `${base}/versions/${enc(version.digest)}`;
          await get(at);
          await get(`${base}/versions/${enc(version.version)}`);
          await get(`${at}/upgrade-path`);
          await get(`${at}/policy`);
          await get(`${base}/dependencies?version=${enc(version.digest)}`);
          const { items } = await get<{ items: PatternFile[] }>(`${at}/files`);
          for (const file of items) {
            await request(server)
              .get(`${API}${at}/files/${enc(file.name)}/content`)
              .buffer(true)
              .expect(200);
            files++;
          }
        }
      }
      expect(files).toBeGreaterThan(list.items.length);
    });

    it('pages patterns and entities with cursors and filters', async () => {
      let page = await get<ListPatternsResponse>('/patterns?limit=3');
      const seen = [...page.items];
      while (page.nextCursor) {
        page = await get<ListPatternsResponse>(
          `/patterns?limit=3&cursor=${enc(page.nextCursor)}`,
        );
        seen.push(...page.items);
      }
      expect(seen.length).toBe(page.totalCount);
      await get('/patterns?kind=Motif&simulate=passed&q=web');
      await get('/patterns?importsBehind=true&deprecated=false&policy=pass');

      // Sorted over the whole result, paged by cursor and by offset alike.
      const sorted: PatternSummary[] = [];
      let sortedPage = await get<ListPatternsResponse>(
        '/patterns?sort=latest&order=desc&limit=3',
      );
      sorted.push(...sortedPage.items);
      while (sortedPage.nextCursor) {
        sortedPage = await get<ListPatternsResponse>(
          `/patterns?sort=latest&order=desc&limit=3&cursor=${enc(
            sortedPage.nextCursor,
          )}`,
        );
        sorted.push(...sortedPage.items);
      }
      expect(sorted.map(p => p.id).sort()).toEqual(seen.map(p => p.id).sort());
      const byOffset = await get<ListPatternsResponse>(
        '/patterns?sort=latest&order=desc&limit=3&offset=3',
      );
      expect(byOffset.items.map(p => p.id)).toEqual(
        sorted.slice(3, 6).map(p => p.id),
      );
      for (const sort of ['name', 'kind', 'lastPushed', 'owner', 'versions'])
        await get(`/patterns?sort=${sort}&order=asc&limit=2`);
      await get(
        '/patterns?endOfLife=false&forced=false&importsDeprecated=false',
      );
      await get('/patterns?endOfLife=true&forced=true&importsDeprecated=true');

      let entities = await get<PatternEntityFeed>('/entities?limit=3');
      let count = entities.items.length;
      while (entities.nextCursor) {
        entities = await get<PatternEntityFeed>(
          `/entities?limit=3&cursor=${enc(entities.nextCursor)}`,
        );
        count += entities.items.length;
      }
      expect(count).toBe(seen.length);
      await get(
        `/entities?source=examples&repository=${enc(
          'orkestra/katalogs/webapp-operator',
        )}`,
      );
    });

    it('rolls up the owners of current patterns', async () => {
      const { items } = await get<{ items: OwnerRollup[] }>('/owners');
      const list = await get<ListPatternsResponse>('/patterns?limit=200');
      expect(items.reduce((sum, row) => sum + row.total, 0)).toBe(
        list.totalCount,
      );
      expect(items.map(row => row.owner)).toEqual(
        [...new Set(list.items.map(p => p.owner))].sort(),
      );
      const motifs = await get<{ items: OwnerRollup[] }>('/owners?kind=Motif');
      expect(motifs.items.every(row => row.forced === 0)).toBe(true);
    });

    it('counts each filter of the summary as GET /patterns counts it', async () => {
      const counts = await get<PatternCounts>('/pattern-counts');
      const listed: Record<string, number> = {};
      for (const [key, filter] of Object.entries(PATTERN_COUNT_FILTERS)) {
        const query = new URLSearchParams({
          ...Object.fromEntries(
            Object.entries(filter).map(([name, value]) => [name, `${value}`]),
          ),
          limit: '1',
        });
        listed[key] = (
          await get<ListPatternsResponse>(`/patterns?${query}`)
        ).totalCount;
      }
      expect(counts).toEqual(listed);
      expect(counts.total).toBeGreaterThanOrEqual(8);
    });

    it('answers errors with the documented bodies', async () => {
      const answers = [
        await request(server).get(
          `${API}/patterns/${enc('examples:orkestra/nope')}`,
        ),
        await request(server).get(`${API}/patterns?limit=0`),
        await request(server).get(`${API}/sources/nope/sync-runs`),
      ];
      expect(answers.map(answer => answer.body.error.name)).toEqual([
        'NotFoundError',
        'InputError',
        'NotFoundError',
      ]);
    });

    it('records gate runs, resyncs and syncs a source now', async () => {
      const { items: sources } = await get<{ items: SourceStatus[] }>(
        '/sources',
      );
      expect(sources.map(source => source.id)).toEqual(['examples']);
      await request(server)
        .post(`${API}/gate-runs`)
        .send({
          reference:
            'oci.orkestra.example/orkestra/katalogs/webapp-operator:v1.0.0',
          gate: 'simulate',
          status: 'passed',
          startedAt: '2026-11-25T10:00:00.000Z',
          finishedAt: '2026-11-25T10:00:01.000Z',
          detail: { assertions: 3 },
        })
        .expect(201);
      await request(server)
        .post(
          `${API}/patterns/${enc(
            'examples:orkestra/katalogs/webapp-operator',
          )}/resync`,
        )
        .expect(202);
      await request(server)
        .post(`${API}/sources/examples/resync`)
        .send({ repository: 'orkestra/katalogs/webapp-operator' })
        .expect(202);
      // "Sync now": a full run, answered before it finishes.
      const started = await request(server)
        .post(`${API}/sources/examples/sync`)
        .expect(202);
      expect(started.body).toMatchObject({ source: 'examples' });
      expect(started.body.repository).toBeUndefined();
      // The runs finish before the backend stops; they are served too.
      const runs = await settledRuns();
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.map(run => run.id)).toContain(started.body.id);
      const [status] = (await get<{ items: SourceStatus[] }>('/sources')).items;
      expect(status).toMatchObject({
        health: 'ok',
        failingRepositories: [],
        failingRepositoryCount: 0,
      });
    });
  },
);
