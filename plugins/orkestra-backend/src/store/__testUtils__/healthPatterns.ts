import {
  decodePatternAnnotations,
  PolicyStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { ImportReference, NewVersion, PatternStore } from '../PatternStore';

/*
 * Patterns in every state the health page filters, sorts and rolls up, as a
 * sync would have stored them. "Today" is {@link HEALTH_NOW}'s day.
 *
 * | pattern       | owner | latest   | created    | state                                    |
 * | motifs/web    | web   | v2.0.0   | 2026-10-01 | healthy; its v1.0.0 is deprecated        |
 * | motifs/old    | web   | v9.0.0   | -          | deprecated, end of life since 2026-06-01 |
 * | katalogs/a    | a     | v10.0.0  | 2026-11-03 | forced; imports web:v1.0.0 (deprecated)  |
 * | katalogs/b    | b     | v9.0.0   | 2026-11-05 | healthy; imports web@v2's digest         |
 * | katalogs/c    | a     | latest   | -          | imports old:v9.0.0 (end of life)         |
 * | katalogs/d    | b     | v1.2.0   | 2026-11-04 | deprecated; imports web@v1's digest      |
 * | katalogs/e    | b     | -        | -          | no versions                              |
 * | katalogs/gone | a     | -        | -          | missing                                  |
 */

export const HEALTH_NOW = new Date('2026-12-04T12:00:00Z');
export const HEALTH_REGISTRY = 'oci.orkestra.example';
export const WEB_V1 = 'sha256:web1';
export const WEB_V2 = 'sha256:web2';

export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';
export const WEB_TEAM = 'group:default/web';

const T0 = '2026-11-01T00:00:00.000Z';

function motifImport(
  repository: string,
  at: { tag?: string; digest?: string },
): ImportReference {
  return {
    type: 'motif',
    raw: `oci://${HEALTH_REGISTRY}/${repository}${
      at.digest ? `@${at.digest}` : `:${at.tag}`
    }`,
    registry: HEALTH_REGISTRY,
    repository,
    tag: at.tag ?? null,
    digest: at.digest ?? null,
    crd: null,
  };
}

function version(
  digest: string,
  options: {
    kind: 'Katalog' | 'Motif';
    version: string;
    created?: string;
    annotations?: Record<string, string>;
    imports?: ImportReference[];
  },
): NewVersion {
  return {
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    manifestSize: 100,
    version: options.version,
    ...(options.created ? { created: options.created } : {}),
    signals: decodePatternAnnotations({
      'io.orkestra.pattern.kind': options.kind,
      'io.orkestra.simulate.status': 'passed',
      'io.orkestra.e2e.status': 'passed',
      ...options.annotations,
    }),
    maturity: 'stable',
    crds: [],
    problems: [],
    files: [],
    imports: options.imports ?? [],
  };
}

const deprecated = (to: string, extra: Record<string, string> = {}) => ({
  'io.orkestra.katalog.deprecated': 'true',
  'io.orkestra.katalog.deprecated.timeline_to': to,
  ...extra,
});

/** Store ids of the seeded patterns, by repository's last segment. */
export type HealthPatternIds = Record<
  'web' | 'old' | 'a' | 'b' | 'c' | 'd' | 'e' | 'gone',
  number
>;

/** Seeds the patterns of the table above into `store` (with source `examples`). */
export async function seedHealthPatterns(
  store: PatternStore,
): Promise<HealthPatternIds> {
  await store.upsertSource({
    id: 'examples',
    type: 'layout',
    target: 'x',
    registry: HEALTH_REGISTRY,
  });
  const ids = {} as HealthPatternIds;
  const add = async (
    key: keyof HealthPatternIds,
    kind: 'Katalog' | 'Motif',
    owner: string,
    versions: Array<{ tag: string; version: NewVersion; policy: PolicyStatus }>,
    latest?: string,
  ) => {
    const folder = kind === 'Motif' ? 'motifs' : 'katalogs';
    const id = await store.upsertPattern(
      {
        sourceId: 'examples',
        registry: HEALTH_REGISTRY,
        repository: `orkestra/${folder}/${key}`,
        kind,
        name: key,
        owner,
        tags: [],
      },
      T0,
    );
    ids[key] = id;
    const byTag = new Map<string, number>();
    for (const v of versions) {
      const versionId = await store.insertVersion(id, v.version, T0);
      await store.updatePolicy(versionId, { status: v.policy, reasons: [] });
      byTag.set(v.tag, versionId);
    }
    if (versions.length) {
      await store.applyTags(id, byTag, T0, T0);
    }
    if (latest) await store.setLatest(id, byTag.get(latest)!, latest);
  };

  await add(
    'web',
    'Motif',
    WEB_TEAM,
    [
      {
        tag: 'v1.0.0',
        policy: 'warn',
        version: version(WEB_V1, {
          kind: 'Motif',
          version: 'v1.0.0',
          created: '2026-01-01T00:00:00Z',
          annotations: deprecated('2027-06-30', {
            'io.orkestra.katalog.deprecated.migrated_to':
              'orkestra/motifs/web:v2.0.0',
          }),
        }),
      },
      {
        tag: 'v2.0.0',
        policy: 'pass',
        version: version(WEB_V2, {
          kind: 'Motif',
          version: 'v2.0.0',
          created: '2026-10-01T00:00:00Z',
        }),
      },
    ],
    'v2.0.0',
  );
  await add(
    'old',
    'Motif',
    WEB_TEAM,
    [
      {
        tag: 'v9.0.0',
        policy: 'fail',
        version: version('sha256:old1', {
          kind: 'Motif',
          version: 'v9.0.0',
          annotations: deprecated(' 2026-06-01 '),
        }),
      },
    ],
    'v9.0.0',
  );
  await add(
    'a',
    'Katalog',
    TEAM_A,
    [
      {
        tag: 'v10.0.0',
        policy: 'warn',
        version: version('sha256:a1', {
          kind: 'Katalog',
          version: 'v10.0.0',
          created: '2026-11-03T00:00:00Z',
          annotations: { 'io.orkestra.simulate.status': 'skipped' },
          imports: [motifImport('orkestra/motifs/web', { tag: 'v1.0.0' })],
        }),
      },
    ],
    'v10.0.0',
  );
  await add(
    'b',
    'Katalog',
    TEAM_B,
    [
      {
        tag: 'v9.0.0',
        policy: 'pass',
        version: version('sha256:b1', {
          kind: 'Katalog',
          version: 'v9.0.0',
          created: '2026-11-05T00:00:00Z',
          imports: [motifImport('orkestra/motifs/web', { digest: WEB_V2 })],
        }),
      },
    ],
    'v9.0.0',
  );
  await add(
    'c',
    'Katalog',
    TEAM_A,
    [
      {
        tag: 'latest',
        policy: 'pass',
        version: version('sha256:c1', {
          kind: 'Katalog',
          version: 'v0.1.0',
          imports: [motifImport('orkestra/motifs/old', { tag: 'v9.0.0' })],
        }),
      },
    ],
    'latest',
  );
  await add(
    'd',
    'Katalog',
    TEAM_B,
    [
      {
        tag: 'v1.2.0',
        policy: 'warn',
        version: version('sha256:d1', {
          kind: 'Katalog',
          version: 'v1.2.0',
          created: '2026-11-04T00:00:00Z',
          annotations: deprecated('2027-01-01'),
          imports: [
            motifImport('orkestra/motifs/web', {
              tag: 'v2.0.0',
              digest: WEB_V1,
            }),
          ],
        }),
      },
    ],
    'v1.2.0',
  );
  await add('e', 'Katalog', TEAM_B, []);
  await add('gone', 'Katalog', TEAM_A, [
    {
      tag: 'v1.0.0',
      policy: 'pass',
      version: version('sha256:gone1', { kind: 'Katalog', version: 'v1.0.0' }),
    },
  ]);
  await store
    .knex('orkestra_patterns')
    .where({ id: ids.gone })
    .update({ missing_since: T0 });
  await store.resolveImportTargets();
  return ids;
}
