import { decodePatternAnnotations } from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraTestDatabases } from '../../__testUtils__/testDatabases';
import {
  HEALTH_NOW,
  HEALTH_REGISTRY,
  seedHealthPatterns,
  TEAM_B,
} from '../__testUtils__/healthPatterns';
import { PatternFilter, PatternStore } from '../PatternStore';

const databases = orkestraTestDatabases();
const TODAY = HEALTH_NOW.toISOString().slice(0, 10);
const T0 = '2026-11-01T00:00:00.000Z';

/** A current Katalog with one version `v1.0.0` of these annotations (no simulate status: absent). */
async function addKatalog(
  store: PatternStore,
  name: string,
  annotations: Record<string, string>,
) {
  const id = await store.upsertPattern(
    {
      sourceId: 'examples',
      registry: HEALTH_REGISTRY,
      repository: `orkestra/katalogs/${name}`,
      kind: 'Katalog',
      name,
      owner: TEAM_B,
      tags: [],
    },
    T0,
  );
  const versionId = await store.insertVersion(
    id,
    {
      digest: `sha256:${name}1`,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      manifestSize: 100,
      version: 'v1.0.0',
      signals: decodePatternAnnotations({
        'io.orkestra.pattern.kind': 'Katalog',
        ...annotations,
      }),
      maturity: 'stable',
      crds: [],
      problems: [],
      files: [],
      imports: [],
    },
    T0,
  );
  await store.updatePolicy(versionId, { status: 'fail', reasons: [] });
  await store.applyTags(id, new Map([['v1.0.0', versionId]]), T0, T0);
  await store.setLatest(id, versionId, 'v1.0.0');
}

/** The filters of the health summary's counts, as the service passes them. */
const FILTERS = {
  total: {},
  simulatePassed: { kind: 'Katalog', simulate: 'passed' },
  simulateAbsent: { kind: 'Katalog', simulate: 'absent' },
  simulateSkipped: { kind: 'Katalog', simulate: 'skipped' },
  simulateNoAssertion: { kind: 'Katalog', simulate: 'no-assertion' },
  forced: { forced: true },
  deprecated: { deprecated: true },
  endOfLife: { endOfLife: { value: true, today: TODAY } },
  importsDeprecated: { importsDeprecated: true },
  importsBehind: { importsBehind: true },
  policyFail: { policyStatus: 'fail' },
  policyWarn: { policyStatus: 'warn' },
} satisfies Record<string, PatternFilter>;

describe.each(databases.eachSupportedId())(
  'countPatterns on %p',
  databaseId => {
    let store: PatternStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      await seedHealthPatterns(store);
      await addKatalog(store, 'unverified', {});
      await addKatalog(store, 'assertless', {
        'io.orkestra.simulate.status': 'no-assertion',
        'io.orkestra.e2e.status': 'skipped',
      });
    });

    it("counts each filter as the listing's totalCount does, missing patterns left out", async () => {
      const counts = await store.countPatterns(FILTERS);
      const listed: Record<string, number> = {};
      for (const [key, filter] of Object.entries(FILTERS)) {
        listed[key] = (
          await store.listPatterns(filter, { limit: 1 })
        ).totalCount;
      }
      expect(counts).toEqual(listed);
      // The fixture's states (healthPatterns.ts) and the two Katalogs above.
      expect(counts).toEqual({
        total: 9,
        simulatePassed: 3,
        simulateAbsent: 1,
        simulateSkipped: 1,
        simulateNoAssertion: 1,
        forced: 2,
        deprecated: 2,
        endOfLife: 1,
        importsDeprecated: 3,
        importsBehind: 1,
        policyFail: 3,
        policyWarn: 2,
      });
    });

    it('counts in one query', async () => {
      const queries: string[] = [];
      const record = (query: { sql: string }) => queries.push(query.sql);
      store.knex.on('query', record);
      try {
        await store.countPatterns(FILTERS);
      } finally {
        store.knex.removeListener('query', record);
      }
      expect(queries).toHaveLength(1);
    });

    it('answers no counts for no filters, without a query', async () => {
      expect(await store.countPatterns({})).toEqual({});
    });
  },
);
