/**
 * The health page's listing through the service, over a real store (SQLite
 * and PostgreSQL) holding every state it filters and sorts: sorted pages
 * with offsets and cursors, the end-of-life filter at the service's `now`,
 * deprecated imports on summaries, the owner rollup and the summary's counts.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  PATTERN_COUNT_FILTERS,
  PatternQuery,
} from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { readOrkestraConfig } from '../config/orkestraConfig';
import {
  HEALTH_NOW,
  HEALTH_REGISTRY,
  seedHealthPatterns,
  TEAM_A,
  WEB_V1,
} from '../store/__testUtils__/healthPatterns';
import { PatternStore } from '../store/PatternStore';
import { SyncEngine } from '../sync/SyncEngine';
import { PatternServiceImpl } from './PatternServiceImpl';

const databases = orkestraTestDatabases();
const id = (repository: string) => `examples:orkestra/${repository}`;

function serviceAt(store: PatternStore, now: Date): PatternServiceImpl {
  const config = readOrkestraConfig(new ConfigReader({ orkestra: {} }));
  const engine = new SyncEngine({
    store,
    config,
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return new PatternServiceImpl({ store, engine, config, now: () => now });
}

describe.each(databases.eachSupportedId())(
  'the pattern listing on %p',
  databaseId => {
    let store: PatternStore;
    let service: PatternServiceImpl;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      await seedHealthPatterns(store);
      service = serviceAt(store, HEALTH_NOW);
    });

    /** Every page of `query`, following `nextCursor`. */
    async function allPages(query: PatternQuery): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await service.listPatterns({ ...query, cursor });
        expect(page.totalCount).toBe(7);
        pages.push(page.items.map(p => p.name));
        cursor = page.nextCursor;
      } while (cursor);
      return pages;
    }

    it('sorts the whole result before paging, by offset or by cursor', async () => {
      expect(
        await allPages({ sort: 'latest', order: 'desc', limit: 3 }),
      ).toEqual([['a', 'old', 'b'], ['web', 'd', 'c'], ['e']]);
      // `order` defaults to asc.
      expect(await allPages({ sort: 'name', limit: 4 })).toEqual([
        ['a', 'b', 'c', 'd'],
        ['e', 'old', 'web'],
      ]);
      const third = await service.listPatterns({
        sort: 'lastPushed',
        order: 'desc',
        offset: 4,
        limit: 2,
      });
      expect(third.items.map(p => p.name)).toEqual(['old', 'c']);
      // The page after an offset continues where it stopped.
      const fourth = await service.listPatterns({
        sort: 'lastPushed',
        order: 'desc',
        cursor: third.nextCursor,
        limit: 2,
      });
      expect(fourth.items.map(p => p.name)).toEqual(['e']);
      expect(fourth.nextCursor).toBeUndefined();
    });

    it('keeps the id cursor for unsorted queries, and refuses a cursor of another sort', async () => {
      const unsorted = await service.listPatterns({ limit: 2 });
      const byName = await service.listPatterns({ sort: 'name', limit: 2 });
      const next = await service.listPatterns({
        limit: 2,
        cursor: unsorted.nextCursor,
      });
      expect(next.items.map(p => p.name)).toEqual(['a', 'b']);
      // The entity feed shares the id cursor.
      expect(
        (await service.entityFeed({ limit: 2, cursor: unsorted.nextCursor }))
          .items[0].name,
      ).toBe('a');

      for (const query of [
        { cursor: byName.nextCursor },
        { sort: 'name', order: 'desc', cursor: byName.nextCursor },
        { sort: 'owner', cursor: byName.nextCursor },
        { sort: 'name', cursor: unsorted.nextCursor },
      ] as PatternQuery[]) {
        await expect(service.listPatterns(query)).rejects.toMatchObject({
          name: 'InputError',
        });
      }
      await expect(
        service.entityFeed({ cursor: byName.nextCursor }),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        service.listPatterns({
          sort: 'name',
          offset: 2,
          cursor: byName.nextCursor,
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'offset and cursor cannot be used together',
      });
      for (const offset of [-1, 1.5, 1_000_001]) {
        await expect(
          service.listPatterns({ sort: 'name', offset }),
        ).rejects.toMatchObject({ name: 'InputError' });
      }
    });

    it('filters end of life at the service’s now', async () => {
      const names = async (at: Date, query: PatternQuery) =>
        (await serviceAt(store, at).listPatterns(query)).items
          .map(p => p.name)
          .sort();
      expect(await names(HEALTH_NOW, { endOfLife: true })).toEqual(['old']);
      expect(
        await names(new Date('2026-12-31T23:59:59Z'), { endOfLife: true }),
      ).toEqual(['old']);
      expect(
        await names(new Date('2027-01-01T00:00:00Z'), { endOfLife: true }),
      ).toEqual(['d', 'old']);
      expect(
        await names(HEALTH_NOW, { forced: true, importsDeprecated: true }),
      ).toEqual(['a']);
    });

    it('gives each summary the deprecated imports of its latest version, in their state at now', async () => {
      const { items } = await service.listPatterns({ sort: 'name' });
      const byName = new Map(items.map(p => [p.name, p]));
      expect(byName.get('a')!.deprecatedImports).toEqual([
        {
          reference: `${HEALTH_REGISTRY}/orkestra/motifs/web:v1.0.0`,
          patternId: id('motifs/web'),
          version: 'v1.0.0',
          state: 'deprecated',
          migrateTo: 'orkestra/motifs/web:v2.0.0',
        },
      ]);
      expect(byName.get('c')!.deprecatedImports).toEqual([
        {
          reference: `${HEALTH_REGISTRY}/orkestra/motifs/old:v9.0.0`,
          patternId: id('motifs/old'),
          version: 'v9.0.0',
          state: 'end-of-life',
        },
      ]);
      expect(byName.get('d')!.deprecatedImports).toEqual([
        expect.objectContaining({
          reference: `${HEALTH_REGISTRY}/orkestra/motifs/web@${WEB_V1}`,
          version: 'v1.0.0',
        }),
      ]);
      for (const name of ['b', 'e', 'old', 'web'])
        expect(byName.get(name)).not.toHaveProperty('deprecatedImports');
      expect(
        (await service.getPattern(id('katalogs/c'))).deprecatedImports,
      ).toEqual(byName.get('c')!.deprecatedImports);
    });

    it('reads a page of summaries in a constant number of queries', async () => {
      const queries: string[] = [];
      const count = (query: { sql: string }) => queries.push(query.sql);
      store.knex.on('query', count);
      try {
        await service.listPatterns({ limit: 1 });
        const one = queries.length;
        queries.length = 0;
        await service.listPatterns({ limit: 7 });
        expect(queries.length).toBe(one);
      } finally {
        store.knex.removeListener('query', count);
      }
    });

    it('rolls up owners, of one kind on request', async () => {
      const all = await service.listOwnerRollup();
      expect(all.map(row => row.owner)).toEqual([
        TEAM_A,
        'group:default/team-b',
        'group:default/web',
      ]);
      expect(all[0]).toEqual({
        owner: TEAM_A,
        total: 2,
        healthy: 0,
        forced: 1,
        deprecated: 0,
        behind: 2,
        policyFailing: 0,
      });
      expect(await service.listOwnerRollup({ kind: 'Katalog' })).toEqual([
        expect.objectContaining({ owner: TEAM_A, total: 2 }),
        expect.objectContaining({ owner: 'group:default/team-b', total: 3 }),
      ]);
    });

    it("counts each filter of the summary as the listing totals it, end of life at the service's now", async () => {
      for (const at of [HEALTH_NOW, new Date('2027-01-01T00:00:00Z')]) {
        const atService = serviceAt(store, at);
        const listed: Record<string, number> = {};
        for (const [key, filter] of Object.entries(PATTERN_COUNT_FILTERS)) {
          listed[key] = (
            await atService.listPatterns({ ...filter, limit: 1 })
          ).totalCount;
        }
        expect(await atService.getPatternCounts()).toEqual(listed);
      }
      expect(await service.getPatternCounts()).toMatchObject({
        total: 7,
        endOfLife: 1,
      });
      expect(
        await serviceAt(
          store,
          new Date('2027-01-01T00:00:00Z'),
        ).getPatternCounts(),
      ).toMatchObject({ endOfLife: 2 });
    });
  },
);
