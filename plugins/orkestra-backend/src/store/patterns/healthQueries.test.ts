import { orkestraTestDatabases } from '../../__testUtils__/testDatabases';
import {
  HEALTH_NOW,
  HealthPatternIds,
  seedHealthPatterns,
  TEAM_A,
  TEAM_B,
  WEB_TEAM,
  WEB_V1,
} from '../__testUtils__/healthPatterns';
import { PatternFilter, PatternSort, PatternStore } from '../PatternStore';

const databases = orkestraTestDatabases();
const TODAY = HEALTH_NOW.toISOString().slice(0, 10);

describe.each(databases.eachSupportedId())(
  'health queries of the store on %p',
  databaseId => {
    let store: PatternStore;
    let ids: HealthPatternIds;
    const keyOf = (id: number) =>
      Object.entries(ids).find(([, value]) => value === id)![0];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      ids = await seedHealthPatterns(store);
    });

    const sorted = async (sort: PatternSort, filter: PatternFilter = {}) =>
      (await store.listPatterns(filter, { limit: 100, sort })).rows.map(p =>
        keyOf(p.id),
      );
    const matching = async (filter: PatternFilter) => {
      const page = await store.listPatterns(filter, { limit: 100 });
      expect(page.totalCount).toBe(page.rows.length);
      return page.rows.map(p => keyOf(p.id)).sort();
    };

    it('sorts the whole result by name, kind, owner and version count, ties by id', async () => {
      expect(await sorted({ key: 'name', order: 'asc' })).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'old',
        'web',
      ]);
      expect(await sorted({ key: 'name', order: 'desc' })).toEqual([
        'web',
        'old',
        'e',
        'd',
        'c',
        'b',
        'a',
      ]);
      expect(await sorted({ key: 'kind', order: 'desc' })).toEqual([
        'web',
        'old',
        'a',
        'b',
        'c',
        'd',
        'e',
      ]);
      expect(await sorted({ key: 'owner', order: 'asc' })).toEqual([
        'a',
        'c',
        'b',
        'd',
        'e',
        'web',
        'old',
      ]);
      expect(await sorted({ key: 'versions', order: 'desc' })).toEqual([
        'web',
        'old',
        'a',
        'b',
        'c',
        'd',
        'e',
      ]);
    });

    it('sorts by latest version in version order: v10 after v9, floating tags first, none last', async () => {
      expect(await sorted({ key: 'latest', order: 'asc' })).toEqual([
        'c',
        'd',
        'web',
        'old',
        'b',
        'a',
        'e',
      ]);
      expect(await sorted({ key: 'latest', order: 'desc' })).toEqual([
        'a',
        'old',
        'b',
        'web',
        'd',
        'c',
        'e',
      ]);
    });

    it('sorts by last push (the manifest creation time), patterns without one last in both orders', async () => {
      expect(await sorted({ key: 'lastPushed', order: 'asc' })).toEqual([
        'web',
        'a',
        'd',
        'b',
        'old',
        'c',
        'e',
      ]);
      expect(await sorted({ key: 'lastPushed', order: 'desc' })).toEqual([
        'b',
        'd',
        'a',
        'web',
        'old',
        'c',
        'e',
      ]);
      // With a filter on the latest version as well (the join is shared).
      expect(
        await sorted({ key: 'lastPushed', order: 'desc' }, { forced: false }),
      ).toEqual(['b', 'd', 'web', 'old', 'c', 'e']);
    });

    it('pages a sorted result by offset, stable across pages, counting every match', async () => {
      const sort: PatternSort = { key: 'owner', order: 'desc' };
      const all = await sorted(sort);
      const pages: string[] = [];
      for (let offset = 0; offset < all.length; offset += 3) {
        const page = await store.listPatterns({}, { limit: 3, offset, sort });
        expect(page.totalCount).toBe(7);
        expect(page.hasMore).toBe(offset + 3 < all.length);
        pages.push(...page.rows.map(p => keyOf(p.id)));
      }
      expect(pages).toEqual(all);
      // Unsorted, offset skips into the id order.
      const byId = await store.listPatterns({}, { limit: 2, offset: 5 });
      expect(byId.rows.map(p => keyOf(p.id))).toEqual(['d', 'e']);
    });

    it('filters end of life: deprecated with its day on or before today', async () => {
      expect(
        await matching({ endOfLife: { value: true, today: TODAY } }),
      ).toEqual(['old']);
      expect(
        await matching({ endOfLife: { value: false, today: TODAY } }),
      ).toEqual(['a', 'b', 'c', 'd', 'e', 'web']);
      // The day itself is end of life; the day before is not.
      expect(
        await matching({ endOfLife: { value: true, today: '2026-06-01' } }),
      ).toEqual(['old']);
      expect(
        await matching({ endOfLife: { value: true, today: '2026-05-31' } }),
      ).toEqual([]);
      expect(
        await matching({ endOfLife: { value: true, today: '2027-01-01' } }),
      ).toEqual(['d', 'old']);
    });

    it('filters forced: a gate of the latest version skipped', async () => {
      expect(await matching({ forced: true })).toEqual(['a']);
      expect(await matching({ forced: false })).toEqual([
        'b',
        'c',
        'd',
        'e',
        'old',
        'web',
      ]);
    });

    it('filters imports of deprecated versions, by tag or by digest', async () => {
      expect(await matching({ importsDeprecated: true })).toEqual([
        'a',
        'c',
        'd',
      ]);
      expect(await matching({ importsDeprecated: false })).toEqual([
        'b',
        'e',
        'old',
        'web',
      ]);
      expect(
        await matching({
          importsDeprecated: true,
          kind: 'Katalog',
          forced: false,
        }),
      ).toEqual(['c', 'd']);
    });

    it('lists the deprecated imports of versions in one query, with the imported version', async () => {
      const [a, c, d, b] = await store
        .getPatternsByIds([ids.a, ids.c, ids.d, ids.b])
        .then(rows =>
          [ids.a, ids.c, ids.d, ids.b].map(id => rows.find(r => r.id === id)!),
        );
      const rows = await store.listDeprecatedImports(
        [a, c, d, b].map(p => p.latestVersionId!),
      );
      expect(
        rows.map(r => ({
          importer: keyOf(
            [a, c, d, b].find(p => p.latestVersionId === r.versionId)!.id,
          ),
          reference: r.reference,
          target: keyOf(r.target.id),
          version: r.importedVersion,
          to: r.signals.deprecation?.timelineTo?.trim(),
        })),
      ).toEqual(
        expect.arrayContaining([
          {
            importer: 'a',
            reference: 'oci.orkestra.example/orkestra/motifs/web:v1.0.0',
            target: 'web',
            version: 'v1.0.0',
            to: '2027-06-30',
          },
          {
            importer: 'c',
            reference: 'oci.orkestra.example/orkestra/motifs/old:v9.0.0',
            target: 'old',
            version: 'v9.0.0',
            to: '2026-06-01',
          },
          {
            importer: 'd',
            reference: `oci.orkestra.example/orkestra/motifs/web@${WEB_V1}`,
            target: 'web',
            version: 'v1.0.0',
            to: '2027-06-30',
          },
        ]),
      );
      expect(rows).toHaveLength(3);
    });

    it('rolls up current patterns per owner in one query', async () => {
      expect(await store.ownerRollup()).toEqual([
        {
          owner: TEAM_A,
          total: 2,
          healthy: 0,
          forced: 1,
          deprecated: 0,
          behind: 2,
          policyFailing: 0,
        },
        {
          owner: TEAM_B,
          total: 3,
          healthy: 1,
          forced: 0,
          deprecated: 1,
          behind: 1,
          policyFailing: 0,
        },
        {
          owner: WEB_TEAM,
          total: 2,
          healthy: 1,
          forced: 0,
          deprecated: 1,
          behind: 0,
          policyFailing: 1,
        },
      ]);
      expect(await store.ownerRollup({ kind: 'Motif' })).toEqual([
        expect.objectContaining({ owner: WEB_TEAM, total: 2 }),
      ]);
    });

    it('stores the end-of-life day of a deprecated version when it is a valid day', async () => {
      const rows: Array<{ digest: string; end_of_life: string | null }> =
        await store
          .knex('orkestra_versions')
          .whereIn('digest', [WEB_V1, 'sha256:old1', 'sha256:a1'])
          .orderBy('digest')
          .select('digest', 'end_of_life');
      expect(rows).toEqual([
        { digest: 'sha256:a1', end_of_life: null },
        { digest: 'sha256:old1', end_of_life: '2026-06-01' },
        { digest: WEB_V1, end_of_life: '2027-06-30' },
      ]);
    });
  },
);
