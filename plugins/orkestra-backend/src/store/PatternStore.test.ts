import knexFactory from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { decodePatternAnnotations } from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { NewVersion, PatternStore } from './PatternStore';

const databases = orkestraTestDatabases();
const T0 = '2026-11-01T00:00:00.000Z';
const T1 = '2026-11-02T00:00:00.000Z';
const T2 = '2026-11-20T00:00:00.000Z';

function version(
  digest: string,
  annotations: Record<string, string> = {},
): NewVersion {
  return {
    digest,
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
    files: [
      {
        name: 'katalog.yaml',
        mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
        size: 10,
        digest: `${digest}-f`,
      },
    ],
    imports: [
      {
        type: 'motif',
        raw: 'oci://oci.orkestra.example/orkestra/motifs/web-service:v1.0.0',
        registry: 'oci.orkestra.example',
        repository: 'orkestra/motifs/web-service',
        tag: 'v1.0.0',
        digest: null,
        crd: 'webapp',
      },
    ],
  };
}

describe.each(databases.eachSupportedId())('PatternStore on %p', databaseId => {
  let store: PatternStore;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    store = await PatternStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    await store.upsertSource({
      id: 'examples',
      type: 'layout',
      target: 'x',
      registry: 'oci.orkestra.example',
    });
  });

  const identity = (
    repository: string,
    kind: 'Katalog' | 'Motif' = 'Katalog',
  ) => ({
    sourceId: 'examples',
    registry: 'oci.orkestra.example',
    repository,
    kind,
    name: repository.split('/').pop()!,
    description: `About ${repository}`,
    author: 'platform-team',
    owner: 'group:default/platform-team',
    tags: ['web'],
  });

  it('stores patterns, versions, files and imports, and resolves imports to known patterns', async () => {
    const katalog = await store.upsertPattern(
      identity('orkestra/katalogs/webapp-operator'),
      T0,
    );
    const v1 = await store.insertVersion(
      katalog,
      version('sha256:a1', { 'io.orkestra.simulate.status': 'passed' }),
      T0,
    );
    expect(
      await store.upsertPattern(
        identity('orkestra/katalogs/webapp-operator'),
        T0,
      ),
    ).toBe(katalog);

    expect((await store.listFiles(v1)).map(f => f.name)).toEqual([
      'katalog.yaml',
    ]);
    const [imported] = await store.listImports([v1]);
    expect(imported.targetPatternId).toBeNull();

    const motif = await store.upsertPattern(
      identity('orkestra/motifs/web-service', 'Motif'),
      T0,
    );
    expect(await store.resolveImportTargets()).toBe(1);
    expect((await store.listImportsOf(motif)).map(i => i.versionId)).toEqual([
      v1,
    ]);
    expect(
      await store.versionIdsByDigest(katalog, ['sha256:a1', 'sha256:nope']),
    ).toEqual(new Map([['sha256:a1', v1]]));
  });

  it('moves tags, marks vanished tags missing and drops them only after the grace period', async () => {
    const id = await store.upsertPattern(
      identity('orkestra/katalogs/tagged'),
      T0,
    );
    const a = await store.insertVersion(id, version('sha256:t1'), T0);
    const b = await store.insertVersion(id, version('sha256:t2'), T0);

    expect(
      await store.applyTags(
        id,
        new Map([
          ['v1.0.0', a],
          ['latest', a],
        ]),
        T0,
        T0,
      ),
    ).toEqual({
      added: 2,
      moved: 0,
      markedMissing: 0,
      dropped: 0,
    });
    // A re-push moved v1.0.0; latest vanished.
    expect(await store.applyTags(id, new Map([['v1.0.0', b]]), T1, T0)).toEqual(
      {
        added: 0,
        moved: 1,
        markedMissing: 1,
        dropped: 0,
      },
    );
    const tags = await store.listTags(id);
    expect(tags.find(t => t.tag === 'latest')).toMatchObject({
      versionId: a,
      missingSince: T1,
    });
    // Still within the grace period: kept.
    expect(
      (await store.applyTags(id, new Map([['v1.0.0', b]]), T1, T0)).dropped,
    ).toBe(0);
    // Past it: dropped.
    expect(
      (
        await store.applyTags(
          id,
          new Map([['v1.0.0', b]]),
          T2,
          '2026-11-10T00:00:00.000Z',
        )
      ).dropped,
    ).toBe(1);
    expect((await store.listTags(id)).map(t => t.tag)).toEqual(['v1.0.0']);
  });

  it('marks vanished repositories missing, drops them after the grace period, and revives returning ones', async () => {
    await store.upsertPattern(identity('orkestra/katalogs/flaky'), T0);
    const keep = (
      await store.listPatterns({ source: 'examples' }, { limit: 100 })
    ).rows
      .map(r => r.repository)
      .filter(r => r !== 'orkestra/katalogs/flaky');

    expect(await store.markMissingPatterns('examples', keep, T1, T0)).toEqual({
      markedMissing: 1,
      dropped: 0,
    });
    expect(
      (
        await store.getPatternByRepository(
          'examples',
          'orkestra/katalogs/flaky',
        )
      )?.missingSince,
    ).toBe(T1);

    await store.upsertPattern(identity('orkestra/katalogs/flaky'), T2); // it came back
    expect(
      (
        await store.getPatternByRepository(
          'examples',
          'orkestra/katalogs/flaky',
        )
      )?.missingSince,
    ).toBeNull();

    await store.markMissingPatterns('examples', keep, T1, T0);
    expect(await store.markMissingPatterns('examples', keep, T2, T2)).toEqual({
      markedMissing: 0,
      dropped: 1,
    });
    expect(
      await store.getPatternByRepository('examples', 'orkestra/katalogs/flaky'),
    ).toBeUndefined();
  });

  it('filters and pages patterns by their latest version', async () => {
    const first = await store.upsertPattern(
      identity('orkestra/katalogs/page-a'),
      T0,
    );
    const deprecated = await store.insertVersion(
      first,
      version('sha256:p1', {
        'io.orkestra.katalog.deprecated': 'true',
        'io.orkestra.e2e.status': 'skipped',
      }),
      T0,
    );
    await store.setLatest(first, deprecated, 'v1.0.0');
    await store.updatePolicy(deprecated, { status: 'warn', reasons: [] });

    expect(
      (await store.listPatterns({ deprecated: true }, { limit: 10 })).rows.map(
        r => r.id,
      ),
    ).toEqual([first]);
    expect(
      (await store.listPatterns({ deprecated: true }, { limit: 10 }))
        .totalCount,
    ).toBe(1);
    expect(
      (await store.listPatterns({ e2e: 'skipped' }, { limit: 10 })).rows.map(
        r => r.id,
      ),
    ).toEqual([first]);
    expect(
      (
        await store.listPatterns({ policyStatus: 'warn' }, { limit: 10 })
      ).rows.map(r => r.id),
    ).toEqual([first]);
    expect(
      (await store.listPatterns({ text: 'PAGE-A' }, { limit: 10 })).rows.map(
        r => r.id,
      ),
    ).toEqual([first]);
    expect(
      (await store.listPatterns({ text: '%' }, { limit: 10 })).rows,
    ).toEqual([]);

    const all = await store.listPatterns({}, { limit: 2 });
    expect(all.rows).toHaveLength(2);
    expect(all.hasMore).toBe(true);
    const next = await store.listPatterns(
      {},
      { limit: 100, afterId: all.rows[1].id },
    );
    expect(next.rows.map(r => r.id)).not.toContain(all.rows[0].id);
    expect(all.totalCount).toBe(next.rows.length + 2);
  });

  it('records sync runs and caches blobs once per digest', async () => {
    const run = await store.startSyncRun('examples', 'schedule', T0);
    await store.finishSyncRun(run, {
      status: 'partial',
      finishedAt: T1,
      counts: { repositories: 3 },
      errors: [
        {
          repository: 'orkestra/katalogs/broken',
          code: 'DIGEST_MISMATCH',
          message: 'bad',
        },
      ],
    });
    expect(await store.listSyncRuns('examples')).toEqual([
      expect.objectContaining({
        id: run,
        status: 'partial',
        finishedAt: T1,
        counts: { repositories: 3 },
      }),
    ]);

    await store.putBlob('sha256:b', 'kind: Katalog', T0);
    await store.putBlob('sha256:b', 'ignored', T1);
    expect(await store.getBlob('sha256:b')).toBe('kind: Katalog');
  });

  it('lets two replicas migrate a fresh database at the same time', async () => {
    const knex = await databases.init(databaseId);
    // On PostgreSQL a second connection pool to the same database, as a
    // second replica has; SQLite in memory exists only in its one client.
    const other = databaseId.startsWith('POSTGRES')
      ? knexFactory(knex.client.config)
      : knex;
    try {
      await Promise.all(
        [knex, other].map(client =>
          PatternStore.create({
            database: {
              getClient: async () => client,
              migrations: { skip: false },
            },
          }),
        ),
      );
      expect(await knex.schema.hasTable('orkestra_namespace_checks')).toBe(
        true,
      );
    } finally {
      if (other !== knex) await other.destroy();
    }
  });

  it('migrates down cleanly', async () => {
    const knex = store.knex;
    const directory = resolvePackagePath(
      '@orkspace/backstage-plugin-orkestra-backend',
      'migrations',
    );
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('orkestra_patterns')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('orkestra_patterns')).toBe(true);
  });
});
