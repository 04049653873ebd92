/**
 * Upgrades of a store that holds data: for each migration after the first, a
 * database migrated up to the one before it is filled with realistic rows in
 * every table it has, then migrated to the latest schema. Every row must
 * come through with its values (ids, text, JSON), new columns must hold
 * their documented defaults, keys must still be unique, and PatternStore must
 * read the upgraded data. Every migration has a `down`: rolling back to the
 * seeded schema and up again must keep the same rows.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  CrdSummary,
  decodePatternAnnotations,
  PolicyResult,
  VersionProblem,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';
import { readdirSync } from 'node:fs';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { PatternStore } from './PatternStore';

const databases = orkestraTestDatabases();

const MIGRATIONS_DIR = resolvePackagePath(
  '@orkspace/backstage-plugin-orkestra-backend',
  'migrations',
);
const MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter(name => name.endsWith('.js'))
  .sort();

const INIT = '20261125000000_init.js';
const NAMESPACE_CHECKS = '20261126000000_namespace_checks.js';
const PATTERN_LIST_INDEX = '20261126000001_pattern_list_index.js';
const HARDENING = '20261201000000_hardening.js';
const VERSION_END_OF_LIFE = '20261204000000_version_end_of_life.js';
const REPOSITORY_SYNCS = '20261204000001_repository_syncs.js';

const T0 = '2026-11-20T08:00:00.000Z';
const T1 = '2026-11-21T09:30:00.000Z';
const T2 = '2026-11-22T10:45:00.000Z';
const REGISTRY = 'oci.orkestra.example';
const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const DIGEST_C = `sha256:${'c'.repeat(64)}`;
const LAYER = `sha256:${'d'.repeat(64)}`;
const CRD_LAYER = `sha256:${'e'.repeat(64)}`;
/** Above 2^32: a `bigInteger` column that narrowed would lose it. */
const HUGE_LAYER_SIZE = 5_368_709_120;

/**
 * The driver codes of a duplicate key (SQLite, PostgreSQL). A refused insert
 * is checked by its code, not with `toThrow`: better-sqlite3's native addon is
 * loaded once per process and keeps the `SqliteError` class of the first test
 * file that loaded it, so when another file ran before this one in the same
 * jest process, SQLite's errors are not `instanceof` this file's `Error` and
 * `toThrow` reports that nothing was thrown.
 */
const DUPLICATE_KEY = /^(SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)|23505)$/;

type Row = Record<string, unknown>;
/** What was inserted, table by table, in key order. */
type Seeded = Record<string, Row[]>;

/** The key each table is read back in, so rows compare in a stable order. */
const ORDER: Record<string, string[]> = {
  orkestra_sources: ['id'],
  orkestra_patterns: ['id'],
  orkestra_versions: ['id'],
  orkestra_tags: ['pattern_id', 'tag'],
  orkestra_files: ['version_id', 'name'],
  orkestra_imports: ['id'],
  orkestra_blobs: ['digest'],
  orkestra_sync_runs: ['id'],
  orkestra_gate_runs: ['id'],
  orkestra_namespace_checks: ['source_id', 'namespace'],
  orkestra_not_patterns: ['source_id', 'repository', 'digest'],
};

const json = (value: unknown) => JSON.stringify(value);

async function insertReturningId(
  knex: Knex,
  table: string,
  row: Row,
): Promise<number> {
  const [inserted] = await knex(table).insert(row).returning('id');
  return typeof inserted === 'object' ? inserted.id : inserted;
}

/**
 * Fills every table that the migrations in `applied` created, as a sync, a
 * policy run and a gate run would have left them. Ids come from the
 * database (explicit ids would leave PostgreSQL's sequences behind).
 */
async function seed(knex: Knex, applied: string[]): Promise<Seeded> {
  const seeded: Seeded = {};
  const add = async (table: string, row: Row, withId = false) => {
    const stored = withId
      ? { id: await insertReturningId(knex, table, row), ...row }
      : (await knex(table).insert(row), row);
    (seeded[table] ??= []).push(stored);
    return stored;
  };

  await add('orkestra_sources', {
    id: 'examples',
    type: 'registry',
    target: `https://${REGISTRY}/orkestra`,
    registry: REGISTRY,
    last_sync_started_at: T1,
    last_sync_finished_at: T2,
    last_sync_status: 'partial',
  });
  await add('orkestra_sources', {
    id: 'layout',
    type: 'layout',
    target: '/srv/orkestra/layout',
    registry: 'layout.local',
    last_sync_started_at: null,
    last_sync_finished_at: null,
    last_sync_status: null,
  });

  const katalog = await add(
    'orkestra_patterns',
    {
      source_id: 'examples',
      registry: REGISTRY,
      repository: 'orkestra/katalogs/webapp-operator',
      kind: 'Katalog',
      name: 'webapp-operator',
      description: 'Déploie une application web — with "quotes" and ünïcode',
      author: 'platform-team',
      owner: 'group:default/platform-team',
      tags_json: json(['web', 'operator']),
      latest_version_id: null,
      latest_tag: null,
      first_seen_at: T0,
      updated_at: T1,
      missing_since: null,
    },
    true,
  );
  const motif = await add(
    'orkestra_patterns',
    {
      source_id: 'examples',
      registry: REGISTRY,
      repository: 'orkestra/motifs/web-service',
      kind: 'Motif',
      name: 'web-service',
      description: null,
      author: null,
      owner: 'group:default/web',
      tags_json: '[]',
      latest_version_id: null,
      latest_tag: null,
      first_seen_at: T0,
      updated_at: T0,
      missing_since: null,
    },
    true,
  );
  const gone = await add(
    'orkestra_patterns',
    {
      source_id: 'examples',
      registry: REGISTRY,
      repository: 'orkestra/katalogs/retired',
      kind: 'Katalog',
      name: 'retired',
      description: 'No longer in the registry',
      author: 'someone',
      owner: 'group:default/platform-team',
      tags_json: json(['legacy']),
      latest_version_id: null,
      latest_tag: null,
      first_seen_at: T0,
      updated_at: T2,
      missing_since: T2,
    },
    true,
  );

  const signals = decodePatternAnnotations({
    'io.orkestra.pattern.kind': 'Katalog',
    'io.orkestra.simulate.status': 'passed',
    'io.orkestra.e2e.status': 'failed',
    'io.orkestra.simulate.assertions': '12',
    'io.orkestra.katalog.deprecated': 'true',
    'io.orkestra.katalog.deprecated.message': 'use webapp-operator v3',
  });
  const crds: CrdSummary[] = [
    {
      group: 'apps.orkestra.example',
      kind: 'WebApp',
      plural: 'webapps',
      versions: [
        { name: 'v1', served: true, storage: true, schemaFingerprint: 'f1' },
        { name: 'v1beta1', served: true, storage: false },
      ],
    },
  ];
  const policy: PolicyResult = {
    status: 'warn',
    reasons: [
      { rule: 'min-maturity', status: 'warn', message: 'beta < stable' },
    ],
  };
  const problems: VersionProblem[] = [
    { file: 'README.md', message: 'README.md could not be read' },
  ];
  const v1 = await add(
    'orkestra_versions',
    {
      pattern_id: katalog.id,
      digest: DIGEST_A,
      media_type: 'application/vnd.oci.image.manifest.v1+json',
      manifest_size: 1234,
      version: 'v2.0.0',
      created: '2026-11-19T12:00:00Z',
      signals_json: json(signals),
      simulate_state: signals.simulate.state,
      e2e_state: signals.e2e.state,
      deprecated: true,
      maturity: 'beta',
      crds_json: json(crds),
      policy_status: policy.status,
      policy_json: json(policy),
      problems_json: json(problems),
      first_seen_at: T0,
    },
    true,
  );
  // Retired with an end-of-life day (padded, as an annotation may be).
  const retiredSignals = decodePatternAnnotations({
    'io.orkestra.pattern.kind': 'Katalog',
    'io.orkestra.katalog.deprecated': 'true',
    'io.orkestra.katalog.deprecated.timeline_to': ' 2026-06-30 ',
  });
  const motifSignals = decodePatternAnnotations({
    'io.orkestra.pattern.kind': 'Motif',
  });
  const v2 = await add(
    'orkestra_versions',
    {
      pattern_id: motif.id,
      digest: DIGEST_B,
      media_type: 'application/vnd.oci.image.manifest.v1+json',
      manifest_size: 512,
      version: null,
      created: null,
      signals_json: json(motifSignals),
      simulate_state: motifSignals.simulate.state,
      e2e_state: motifSignals.e2e.state,
      deprecated: false,
      maturity: null,
      crds_json: '[]',
      policy_status: null,
      policy_json: null,
      problems_json: '[]',
      first_seen_at: T1,
    },
    true,
  );
  const v3 = await add(
    'orkestra_versions',
    {
      pattern_id: gone.id,
      digest: DIGEST_C,
      media_type: 'application/vnd.oci.image.manifest.v1+json',
      manifest_size: 99,
      version: 'v0.1.0',
      created: null,
      signals_json: json(retiredSignals),
      simulate_state: retiredSignals.simulate.state,
      e2e_state: retiredSignals.e2e.state,
      deprecated: true,
      maturity: 'alpha',
      crds_json: '[]',
      policy_status: 'fail',
      policy_json: json({ status: 'fail', reasons: [] }),
      problems_json: '[]',
      first_seen_at: T0,
    },
    true,
  );
  await knex('orkestra_patterns')
    .where({ id: katalog.id })
    .update({ latest_version_id: v1.id, latest_tag: 'v2.0.0' });
  katalog.latest_version_id = v1.id;
  katalog.latest_tag = 'v2.0.0';
  await knex('orkestra_patterns')
    .where({ id: motif.id })
    .update({ latest_version_id: v2.id, latest_tag: 'latest' });
  motif.latest_version_id = v2.id;
  motif.latest_tag = 'latest';

  for (const tag of [
    { pattern_id: katalog.id, tag: 'latest', version_id: v1.id },
    { pattern_id: katalog.id, tag: 'v2.0.0', version_id: v1.id },
    {
      pattern_id: katalog.id,
      tag: 'v1.9.0',
      version_id: v1.id,
      missing_since: T2,
    },
    { pattern_id: motif.id, tag: 'latest', version_id: v2.id },
    { pattern_id: gone.id, tag: 'v0.1.0', version_id: v3.id },
  ]) {
    await add('orkestra_tags', {
      missing_since: null,
      updated_at: T1,
      ...tag,
    });
  }

  await add('orkestra_files', {
    version_id: v1.id,
    position: 0,
    name: 'crd.yaml',
    media_type: 'application/vnd.orkestra.crd.v1+yaml',
    size: HUGE_LAYER_SIZE,
    digest: CRD_LAYER,
  });
  await add('orkestra_files', {
    version_id: v1.id,
    position: 1,
    name: 'katalog.yaml',
    media_type: 'application/vnd.orkestra.katalog.v1+yaml',
    size: 2048,
    digest: LAYER,
  });
  await add('orkestra_files', {
    version_id: v2.id,
    position: 0,
    name: 'motif.yaml',
    media_type: 'application/vnd.orkestra.motif.v1+yaml',
    size: 64,
    digest: LAYER,
  });

  await add(
    'orkestra_imports',
    {
      version_id: v1.id,
      type: 'motif',
      raw: `oci://${REGISTRY}/orkestra/motifs/web-service:v1.0.0`,
      registry: REGISTRY,
      repository: 'orkestra/motifs/web-service',
      tag: 'v1.0.0',
      digest: null,
      crd: 'webapps.apps.orkestra.example',
      target_pattern_id: motif.id,
    },
    true,
  );
  await add(
    'orkestra_imports',
    {
      version_id: v1.id,
      type: 'profile',
      raw: 'profiles/production.yaml',
      registry: null,
      repository: null,
      tag: null,
      digest: null,
      crd: null,
      target_pattern_id: null,
    },
    true,
  );

  await add('orkestra_blobs', {
    digest: LAYER,
    content: 'kind: Katalog\nmetadata:\n  name: webapp-operator # é ✓\n',
    fetched_at: T0,
  });

  await add(
    'orkestra_sync_runs',
    {
      source_id: 'examples',
      trigger: 'schedule',
      started_at: T1,
      finished_at: T2,
      status: 'partial',
      counts_json: json({ repositories: 3, newVersions: 2, errors: 1 }),
      errors_json: json([
        {
          repository: 'orkestra/katalogs/broken',
          code: 'HTTP_503',
          message: `${REGISTRY} answered HTTP 503`,
        },
      ]),
    },
    true,
  );
  await add(
    'orkestra_sync_runs',
    {
      source_id: 'examples',
      trigger: 'manual',
      started_at: T2,
      finished_at: null,
      status: 'running',
      counts_json: '{}',
      errors_json: '[]',
    },
    true,
  );

  await add(
    'orkestra_gate_runs',
    {
      task_id: 'task-42',
      reference: `${REGISTRY}/orkestra/katalogs/webapp-operator:v2.0.0`,
      gate: 'simulate',
      status: 'passed',
      started_at: T0,
      finished_at: T1,
      detail_json: json({ assertions: 2, durationMs: 72000 }),
    },
    true,
  );

  if (applied.includes(NAMESPACE_CHECKS)) {
    await add('orkestra_namespace_checks', {
      source_id: 'examples',
      namespace: 'orkestra/katalogs',
      index_digest: DIGEST_A,
      entries_json: json({
        'webapp-operator': json({ name: 'webapp-operator', version: 'v2.0.0' }),
      }),
      checked_at: T1,
    });
  }
  if (applied.includes(HARDENING)) {
    await add('orkestra_not_patterns', {
      source_id: 'examples',
      repository: 'orkestra/images/nginx',
      digest: DIGEST_C,
      reason: 'config media type application/vnd.oci.image.config.v1+json',
      first_seen_at: T0,
    });
    await add(
      'orkestra_sync_runs',
      {
        source_id: 'examples',
        trigger: 'push',
        repository: 'orkestra/katalogs/webapp-operator',
        started_at: T2,
        finished_at: T2,
        status: 'succeeded',
        counts_json: json({ repositories: 1 }),
        errors_json: '[]',
      },
      true,
    );
  }
  return seeded;
}

/** A column's value as both databases return it alike. */
function normalized(column: string, value: unknown): unknown {
  // SQLite stores booleans as 0/1; PostgreSQL returns bigint as a string.
  if (column === 'deprecated') return Boolean(value);
  if (column === 'size') return Number(value);
  return value;
}

/** Every row of a table, in key order, with only the given columns. */
async function readTable(
  knex: Knex,
  table: string,
  columns: string[],
): Promise<Row[]> {
  const rows: Row[] = await knex(table)
    .select(columns)
    .orderBy(ORDER[table].map(column => ({ column })));
  return rows.map(row =>
    Object.fromEntries(columns.map(c => [c, normalized(c, row[c])])),
  );
}

function byKey(table: string) {
  return (a: Row, b: Row) => {
    for (const column of ORDER[table]) {
      const [x, y] = [a[column], b[column]] as Array<string | number>;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

async function expectRowsKept(knex: Knex, seeded: Seeded) {
  for (const [table, rows] of Object.entries(seeded)) {
    const columns = Object.keys(Object.assign({}, ...rows));
    const expected = rows
      .map(row =>
        Object.fromEntries(
          columns.map(c => [c, normalized(c, row[c] ?? null)]),
        ),
      )
      .sort(byKey(table));
    expect({ table, rows: await readTable(knex, table, columns) }).toEqual({
      table,
      rows: expected,
    });
  }
}

async function countRows(knex: Knex, table: string): Promise<number> {
  return Number((await knex(table).count({ n: '*' }))[0].n);
}

function withoutId({ id: _id, ...row }: Row): Row {
  return row;
}

async function appliedMigrations(knex: Knex): Promise<string[]> {
  const [completed] = await knex.migrate.list({ directory: MIGRATIONS_DIR });
  return completed
    .map((m: string | { name: string }) => (typeof m === 'string' ? m : m.name))
    .sort();
}

describe('the migrations', () => {
  it('are the ones this test seeds for: a new migration says here what it must keep', () => {
    expect(MIGRATIONS).toEqual([
      INIT,
      NAMESPACE_CHECKS,
      PATTERN_LIST_INDEX,
      HARDENING,
      VERSION_END_OF_LIFE,
      REPOSITORY_SYNCS,
    ]);
  });
});

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  describe.each(MIGRATIONS.slice(1).map((name, i) => [name, i + 1] as const))(
    'a store filled before %s',
    (_migration, index) => {
      const before = MIGRATIONS.slice(0, index);
      let knex: Knex;
      let seeded: Seeded;
      let appliedWhenSeeded: string[];
      let appliedAfterUpgrade: string[];

      beforeAll(async () => {
        knex = await databases.init(databaseId);
        for (let step = 0; step < before.length; step++)
          await knex.migrate.up({ directory: MIGRATIONS_DIR });
        appliedWhenSeeded = await appliedMigrations(knex);
        seeded = await seed(knex, before);
        await knex.migrate.latest({ directory: MIGRATIONS_DIR });
        appliedAfterUpgrade = await appliedMigrations(knex);
      }, 60_000);

      it('keeps every row with its values, and new columns hold their defaults', async () => {
        expect(appliedWhenSeeded).toEqual(before);
        expect(appliedAfterUpgrade).toEqual(MIGRATIONS);
        expect(Object.keys(seeded)).toEqual(
          expect.arrayContaining([
            'orkestra_sources',
            'orkestra_patterns',
            'orkestra_versions',
            'orkestra_tags',
            'orkestra_files',
            'orkestra_imports',
            'orkestra_blobs',
            'orkestra_sync_runs',
            'orkestra_gate_runs',
          ]),
        );
        await expectRowsKept(knex, seeded);
        // Tables the seeded schema did not have are there, empty.
        for (const table of Object.keys(ORDER).filter(t => !seeded[t])) {
          expect({ table, rows: await knex(table).select() }).toEqual({
            table,
            rows: [],
          });
        }
        // Deprecated versions from before the column get their end-of-life
        // day; rows seeded after it hold what the seed wrote (nothing).
        const endOfLife = before.includes(VERSION_END_OF_LIFE)
          ? null
          : '2026-06-30';
        expect(
          await knex('orkestra_versions').orderBy('id').pluck('end_of_life'),
        ).toEqual([null, null, endOfLife]);
        // A run from before runs had a repository was over the whole source.
        expect(
          await knex('orkestra_sync_runs').orderBy('id').pluck('repository'),
        ).toEqual(seeded.orkestra_sync_runs.map(r => r.repository ?? null));
      });

      it('is read by PatternStore as it reads what it wrote', async () => {
        const store = new PatternStore(knex);
        const [katalog, motif, gone] = seeded.orkestra_patterns;
        const [v1, v2] = seeded.orkestra_versions;

        const listed = await store.listPatterns({}, { limit: 10 });
        expect(listed).toMatchObject({ hasMore: false, totalCount: 2 });
        expect(listed.rows.map(p => p.id)).toEqual([katalog.id, motif.id]);
        // Every column the seed wrote, as the store's record names it.
        expect(await store.getPattern(katalog.id as number)).toEqual({
          id: katalog.id,
          sourceId: katalog.source_id,
          registry: katalog.registry,
          repository: katalog.repository,
          kind: katalog.kind,
          name: katalog.name,
          description: katalog.description,
          author: katalog.author,
          owner: katalog.owner,
          tags: JSON.parse(katalog.tags_json as string),
          latestVersionId: katalog.latest_version_id,
          latestTag: katalog.latest_tag,
          firstSeenAt: katalog.first_seen_at,
          updatedAt: katalog.updated_at,
          missingSince: katalog.missing_since,
        });
        expect(
          await store.listPatterns(
            { includeMissing: true, text: 'ünïcode' },
            { limit: 10 },
          ),
        ).toMatchObject({ totalCount: 1, rows: [{ id: katalog.id }] });
        expect(
          (
            await store.listPatterns(
              { includeMissing: true, kind: 'Katalog' },
              { limit: 10 },
            )
          ).rows.map(p => p.id),
        ).toEqual([katalog.id, gone.id]);
        expect(
          await store.listPatterns({ deprecated: true }, { limit: 10 }),
        ).toMatchObject({ totalCount: 1, rows: [{ id: katalog.id }] });

        const [version] = await store.listVersions(katalog.id as number);
        expect(version.id).toBe(v1.id);
        expect(version.signals).toEqual(JSON.parse(v1.signals_json as string));
        expect(version.crds).toEqual(JSON.parse(v1.crds_json as string));
        expect(version.policy).toEqual(JSON.parse(v1.policy_json as string));
        expect(
          (await store.listFiles(v1.id as number)).map(f => [
            f.name,
            Number(f.size),
          ]),
        ).toEqual([
          ['crd.yaml', HUGE_LAYER_SIZE],
          ['katalog.yaml', 2048],
        ]);
        expect(
          await store.fileContents([v1.id as number], 'katalog.yaml'),
        ).toEqual(new Map([[v1.id, seeded.orkestra_blobs[0].content]]));
        expect(
          (await store.listImportsOf(motif.id as number)).map(i => i.versionId),
        ).toEqual([v1.id]);
        expect(
          (await store.listTags(katalog.id as number))
            .map(t => [t.tag, t.missingSince])
            .sort(),
        ).toEqual([
          ['latest', null],
          ['v1.9.0', T2],
          ['v2.0.0', null],
        ]);
        expect(
          await store.versionIdsByDigest(motif.id as number, [DIGEST_B]),
        ).toEqual(new Map([[DIGEST_B, v2.id]]));

        const runs = await store.listSyncRuns('examples');
        const seededRuns = seeded.orkestra_sync_runs;
        expect(runs.map(r => r.id)).toEqual(
          seededRuns.map(r => r.id).reverse(),
        );
        expect(runs.find(r => r.id === seededRuns[0].id)).toEqual({
          id: seededRuns[0].id,
          source: 'examples',
          trigger: 'schedule',
          startedAt: T1,
          finishedAt: T2,
          status: 'partial',
          counts: { repositories: 3, newVersions: 2, errors: 1 },
          errors: JSON.parse(seededRuns[0].errors_json as string),
        });
        // Runs from before the column was added count as full runs.
        expect(
          (await store.listSyncRuns('examples', 20, { fullOnly: true })).map(
            r => r.id,
          ),
        ).toEqual(
          seededRuns
            .filter(r => !r.repository)
            .map(r => r.id)
            .reverse(),
        );
        expect(await store.listNamespaceChecks('examples')).toEqual(
          new Map(
            (seeded.orkestra_namespace_checks ?? []).map(c => [
              c.namespace,
              {
                indexDigest: c.index_digest,
                entries: JSON.parse(c.entries_json as string),
                checkedAt: c.checked_at,
              },
            ]),
          ),
        );
        expect(
          await store.notPatterns.digestsOf(
            'examples',
            'orkestra/images/nginx',
          ),
        ).toEqual(
          new Set(
            (seeded.orkestra_not_patterns ?? []).map(r => r.digest as string),
          ),
        );
      });

      it('rolls back to the seeded schema and up again without losing a row', async () => {
        for (let i = before.length; i < MIGRATIONS.length; i++)
          await knex.migrate.down({ directory: MIGRATIONS_DIR });
        expect(await appliedMigrations(knex)).toEqual(before);
        await expectRowsKept(knex, seeded);

        await knex.migrate.latest({ directory: MIGRATIONS_DIR });
        expect(await appliedMigrations(knex)).toEqual(MIGRATIONS);
        await expectRowsKept(knex, seeded);
      });

      it('still enforces its keys, and the store writes to the upgraded schema', async () => {
        await knex.migrate.latest({ directory: MIGRATIONS_DIR });
        const [katalog] = seeded.orkestra_patterns;
        const [v1] = seeded.orkestra_versions;
        const duplicates: Array<[string, Row]> = [
          ['orkestra_sources', seeded.orkestra_sources[0]],
          ['orkestra_patterns', { ...withoutId(katalog), name: 'another' }],
          ['orkestra_versions', { ...withoutId(v1), manifest_size: 1 }],
          ['orkestra_tags', { ...seeded.orkestra_tags[0], updated_at: T2 }],
          ['orkestra_files', { ...seeded.orkestra_files[0], position: 9 }],
          ['orkestra_blobs', { ...seeded.orkestra_blobs[0], content: 'x' }],
        ];
        for (const [table, row] of duplicates) {
          const rows = await countRows(knex, table);
          const refusedWith = await knex(table)
            .insert(row)
            .then(
              () => 'accepted',
              (error: { code?: unknown }) => error?.code,
            );
          expect({ table, refusedWith }).toEqual({
            table,
            refusedWith: expect.stringMatching(DUPLICATE_KEY),
          });
          expect({ table, rows: await countRows(knex, table) }).toEqual({
            table,
            rows,
          });
        }

        const store = new PatternStore(knex);
        // The same identity is the same pattern, not a second one.
        expect(
          await store.upsertPattern(
            {
              sourceId: 'examples',
              registry: REGISTRY,
              repository: katalog.repository as string,
              kind: 'Katalog',
              name: katalog.name as string,
              description: katalog.description as string,
              author: katalog.author as string,
              owner: katalog.owner as string,
              tags: JSON.parse(katalog.tags_json as string),
            },
            T2,
          ),
        ).toBe(katalog.id);
        // A one-repository run, and a name longer than varchar(255) (text since HARDENING).
        const runId = await store.startSyncRun(
          'examples',
          'push',
          T2,
          'orkestra/motifs/web-service',
        );
        expect(await store.getSyncRun(runId)).toMatchObject({
          repository: 'orkestra/motifs/web-service',
          status: 'running',
        });
        const longName = `webapp-${'x'.repeat(1_000)}`;
        await knex('orkestra_patterns')
          .where({ id: katalog.id })
          .update({ name: longName });
        expect((await store.getPattern(katalog.id as number))?.name).toBe(
          longName,
        );
      });
    },
  );
});
