import { orkestraTestDatabases } from '../../__testUtils__/testDatabases';
import { PatternStore } from '../PatternStore';

const databases = orkestraTestDatabases();
const SOURCE = 'acme';
const OTHER = 'other';
const at = (minute: number) =>
  new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();

describe.each(databases.eachSupportedId())(
  'RepositorySyncTable on %p',
  databaseId => {
    let store: PatternStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      for (const id of [SOURCE, OTHER]) {
        await store.upsertSource({
          id,
          type: 'registry',
          target: `registry.example/${id}`,
          registry: 'registry.example',
        });
      }
    }, 60_000);

    beforeEach(async () => {
      await store.knex('orkestra_repository_syncs').delete();
    });

    const record = (
      repository: string,
      minute: number,
      error?: { code?: string; message: string },
      sourceId = SOURCE,
    ) =>
      store.repositorySyncs.record({
        sourceId,
        repository,
        runId: minute,
        finishedAt: at(minute),
        ...(error ? { error } : {}),
      });

    it('keeps one entry per repository: a failure records its error, a later success clears it', async () => {
      await record('katalogs/a', 1, { code: 'UNAVAILABLE', message: 'down' });
      await record('katalogs/b', 2, { message: 'bad manifest' });
      expect(await store.repositorySyncs.listFailing(SOURCE, 50)).toEqual({
        items: [
          {
            source: SOURCE,
            repository: 'katalogs/b',
            at: at(2),
            runId: 2,
            message: 'bad manifest',
          },
          {
            source: SOURCE,
            repository: 'katalogs/a',
            at: at(1),
            runId: 1,
            code: 'UNAVAILABLE',
            message: 'down',
          },
        ],
        count: 2,
      });

      await record('katalogs/a', 3);
      const after = await store.repositorySyncs.listFailing(SOURCE, 50);
      expect(after.items.map(p => p.repository)).toEqual(['katalogs/b']);
      expect(after.count).toBe(1);
      const rows = await store
        .knex('orkestra_repository_syncs')
        .where({ repository: 'katalogs/a' });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: 'succeeded',
        run_id: 3,
        code: null,
        message: null,
      });
    });

    it('caps the message at 1 KiB and the code at 64 characters', async () => {
      await record('katalogs/a', 1, {
        code: 'X'.repeat(100),
        message: 'é'.repeat(5000),
      });
      const [problem] = (await store.repositorySyncs.listFailing(SOURCE, 1))
        .items;
      expect(Buffer.byteLength(problem.message)).toBeLessThanOrEqual(1024);
      expect(problem.message.endsWith('…')).toBe(true);
      expect(problem.code).toBe('X'.repeat(64));
    });

    it('lists at most the limit, newest first, and counts them all', async () => {
      for (let minute = 0; minute < 55; minute++)
        await record(`katalogs/r${minute}`, minute, { message: 'down' });
      await record('katalogs/ok', 59);
      await record('katalogs/elsewhere', 58, { message: 'down' }, OTHER);
      const failing = await store.repositorySyncs.listFailing(SOURCE, 50);
      expect(failing.count).toBe(55);
      expect(failing.items).toHaveLength(50);
      expect(failing.items[0].repository).toBe('katalogs/r54');
      expect(failing.items[49].repository).toBe('katalogs/r5');
    });

    it('looks up the failing entries of a page of patterns in one query', async () => {
      await record('katalogs/a', 1, { message: 'down' });
      await record('katalogs/b', 2);
      await record('katalogs/a', 3, { message: 'elsewhere' }, OTHER);
      const queries: string[] = [];
      const onQuery = (q: { sql: string }) => queries.push(q.sql);
      store.knex.on('query', onQuery);
      const problems = await store.repositorySyncs.problemsOf([
        { sourceId: SOURCE, repository: 'katalogs/a' },
        { sourceId: SOURCE, repository: 'katalogs/b' },
        { sourceId: SOURCE, repository: 'katalogs/c' },
        { sourceId: OTHER, repository: 'katalogs/a' },
      ]);
      store.knex.off('query', onQuery);
      expect(queries).toHaveLength(1);
      expect(
        problems.of({ sourceId: SOURCE, repository: 'katalogs/a' })?.message,
      ).toBe('down');
      expect(
        problems.of({ sourceId: OTHER, repository: 'katalogs/a' })?.message,
      ).toBe('elsewhere');
      expect(
        problems.fieldsOf({ sourceId: SOURCE, repository: 'katalogs/b' }),
      ).toEqual({});
      expect(
        problems.fieldsOf({ sourceId: SOURCE, repository: 'katalogs/c' }),
      ).toEqual({});
      expect(
        (await store.repositorySyncs.problemsOf([])).of({
          sourceId: SOURCE,
          repository: 'katalogs/a',
        }),
      ).toBeUndefined();
    });

    it('forgets the repositories not kept that finished before the run, in that source only', async () => {
      await record('katalogs/kept', 1, { message: 'down' });
      await record('katalogs/gone', 1, { message: 'down' });
      await record('katalogs/new', 10, { message: 'down' });
      await record('katalogs/gone', 1, { message: 'down' }, OTHER);
      expect(
        await store.repositorySyncs.forgetAllBut(
          SOURCE,
          new Set(['katalogs/kept']),
          at(5),
        ),
      ).toBe(1);
      expect(
        (await store.repositorySyncs.listFailing(SOURCE, 50)).items
          .map(p => p.repository)
          .sort(),
      ).toEqual(['katalogs/kept', 'katalogs/new']);
      expect((await store.repositorySyncs.listFailing(OTHER, 50)).count).toBe(
        1,
      );
    });

    it('filters the pattern listing by a failing latest sync, in SQL', async () => {
      const ids: Record<string, number> = {};
      for (const repository of ['katalogs/a', 'katalogs/b', 'katalogs/c']) {
        const patternId = await store.upsertPattern(
          {
            sourceId: SOURCE,
            registry: 'registry.example',
            repository,
            kind: 'Katalog',
            name: repository.split('/')[1],
            owner: 'group:default/platform',
            tags: [],
          },
          at(0),
        );
        ids[repository] = patternId;
      }
      await record('katalogs/a', 1, { message: 'down' });
      await record('katalogs/b', 2);
      // The same repository name in another source says nothing of this one.
      await record('katalogs/c', 3, { message: 'down' }, OTHER);
      const names = async (syncFailing?: boolean) =>
        (
          await store.listPatterns(
            { source: SOURCE, syncFailing },
            { limit: 10 },
          )
        ).rows.map(p => p.repository);
      expect(await names(true)).toEqual(['katalogs/a']);
      expect(await names(false)).toEqual(['katalogs/b', 'katalogs/c']);
      expect(await names()).toHaveLength(3);
      const page = await store.listPatterns(
        { source: SOURCE, syncFailing: true },
        { limit: 10 },
      );
      expect(page.totalCount).toBe(1);
      expect(page.rows[0].id).toBe(ids['katalogs/a']);
    });
  },
);
