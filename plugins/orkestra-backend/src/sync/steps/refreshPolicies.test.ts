import { ConfigReader } from '@backstage/config';
import { decodePatternAnnotations } from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraTestDatabases } from '../../__testUtils__/testDatabases';
import { readOrkestraConfig } from '../../config/orkestraConfig';
import {
  HEALTH_NOW,
  HEALTH_REGISTRY,
  HealthPatternIds,
  seedHealthPatterns,
  WEB_V1,
} from '../../store/__testUtils__/healthPatterns';
import { PatternStore } from '../../store/PatternStore';
import { refreshPolicies } from './refreshPolicies';

const databases = orkestraTestDatabases();

const policyOf = (policy: Record<string, string | string[]>) =>
  readOrkestraConfig(new ConfigReader({ orkestra: { policy } })).policy;

describe.each(databases.eachSupportedId())(
  'refreshPolicies on %p',
  databaseId => {
    let store: PatternStore;
    let ids: HealthPatternIds;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      ids = await seedHealthPatterns(store);
    });

    const current = async () =>
      (await store.listPatterns({}, { limit: 100 })).rows;
    const latestPolicy = async (patternId: number) => {
      const pattern = (await store.getPattern(patternId))!;
      return (await store.getVersionsByIds([pattern.latestVersionId!]))[0]
        .policy!;
    };

    it('writes only the results that differ, judging imports against the allow-list and their deprecation', async () => {
      const run = (
        policy = policyOf({ allowedRegistries: [HEALTH_REGISTRY] }),
      ) =>
        current().then(patterns =>
          refreshPolicies(store, { patterns, policy, now: HEALTH_NOW }),
        );
      // b and web were stored passing, as they still are.
      expect((await run()).sort()).toEqual([
        'orkestra/katalogs/a',
        'orkestra/katalogs/c',
        'orkestra/katalogs/d',
        'orkestra/motifs/old',
      ]);
      expect(await latestPolicy(ids.a)).toEqual({
        status: 'warn',
        reasons: [
          {
            rule: 'deprecated-import',
            status: 'warn',
            message: `Import ${HEALTH_REGISTRY}/orkestra/motifs/web:v1.0.0 is deprecated, end of life on 2027-06-30. Migrate to orkestra/motifs/web:v2.0.0.`,
          },
        ],
      });
      // End of life fails under the default handling.
      expect(await latestPolicy(ids.c)).toMatchObject({
        status: 'fail',
        reasons: [
          {
            rule: 'deprecated-import',
            status: 'fail',
            message: `Import ${HEALTH_REGISTRY}/orkestra/motifs/old:v9.0.0 is at end of life since 2026-06-01.`,
          },
        ],
      });
      // Pinned by digest.
      expect((await latestPolicy(ids.d)).reasons.map(r => r.message)).toEqual(
        expect.arrayContaining([
          `Import ${HEALTH_REGISTRY}/orkestra/motifs/web@${WEB_V1} is deprecated, end of life on 2027-06-30. Migrate to orkestra/motifs/web:v2.0.0.`,
        ]),
      );
      expect(await latestPolicy(ids.b)).toEqual({
        status: 'pass',
        reasons: [],
      });

      const written = jest.spyOn(store, 'updatePolicy');
      expect(await run()).toEqual([]);
      expect(written).not.toHaveBeenCalled();

      // Only warned under `deprecation: warn`; an import from a registry not allowed fails.
      expect(
        await run(
          policyOf({ deprecation: 'warn', allowedRegistries: ['ghcr.io'] }),
        ),
      ).toContain('orkestra/katalogs/c');
      expect((await latestPolicy(ids.c)).reasons).toEqual([
        expect.objectContaining({ rule: 'allowed-registries', status: 'fail' }),
        expect.objectContaining({ rule: 'imports', status: 'fail' }),
        expect.objectContaining({ rule: 'deprecated-import', status: 'warn' }),
      ]);
    });

    it('re-evaluates the importers when an imported version becomes deprecated, in the same run', async () => {
      const policy = policyOf({});
      // Katalog f imports web:v2.0.0, which is not deprecated.
      const f = await store.upsertPattern(
        {
          sourceId: 'examples',
          registry: HEALTH_REGISTRY,
          repository: 'orkestra/katalogs/f',
          kind: 'Katalog',
          name: 'f',
          owner: 'group:default/team-f',
          tags: [],
        },
        HEALTH_NOW.toISOString(),
      );
      const fVersion = await store.insertVersion(
        f,
        {
          digest: 'sha256:f1',
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          manifestSize: 1,
          version: 'v1.0.0',
          signals: decodePatternAnnotations({
            'io.orkestra.pattern.kind': 'Katalog',
          }),
          crds: [],
          problems: [],
          files: [],
          imports: [
            {
              type: 'motif',
              raw: `oci://${HEALTH_REGISTRY}/orkestra/motifs/web:v2.0.0`,
              registry: HEALTH_REGISTRY,
              repository: 'orkestra/motifs/web',
              tag: 'v2.0.0',
              digest: null,
              crd: null,
            },
          ],
        },
        HEALTH_NOW.toISOString(),
      );
      await store.setLatest(f, fVersion, 'v1.0.0');
      await store.resolveImportTargets();
      await refreshPolicies(store, {
        patterns: await current(),
        policy,
        now: HEALTH_NOW,
      });
      expect((await latestPolicy(f)).status).toBe('pass');

      // A one-repository run of the Motif: v2.0.0 is re-pushed deprecated.
      const web = (await store.getPattern(ids.web))!;
      const deprecatedV2 = await store.insertVersion(
        web.id,
        {
          digest: 'sha256:web2-deprecated',
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          manifestSize: 1,
          version: 'v2.0.0',
          signals: decodePatternAnnotations({
            'io.orkestra.pattern.kind': 'Motif',
            'io.orkestra.katalog.deprecated': 'true',
            'io.orkestra.katalog.deprecated.migrated_to':
              'orkestra/motifs/web:v3.0.0',
          }),
          crds: [],
          problems: [],
          files: [],
          imports: [],
        },
        HEALTH_NOW.toISOString(),
      );
      const tags = new Map(
        (await store.listTags(web.id)).map(t => [t.tag, t.versionId]),
      );
      tags.set('v2.0.0', deprecatedV2);
      const at = HEALTH_NOW.toISOString();
      await store.applyTags(web.id, tags, at, at);
      await store.setLatest(web.id, deprecatedV2, 'v2.0.0');

      const changed = await refreshPolicies(store, {
        patterns: [(await store.getPattern(web.id))!],
        policy,
        now: HEALTH_NOW,
      });
      expect(changed).toEqual(
        expect.arrayContaining(['orkestra/motifs/web', 'orkestra/katalogs/f']),
      );
      expect(await latestPolicy(f)).toEqual({
        status: 'warn',
        reasons: [
          {
            rule: 'deprecated-import',
            status: 'warn',
            message: `Import ${HEALTH_REGISTRY}/orkestra/motifs/web:v2.0.0 is deprecated. Migrate to orkestra/motifs/web:v3.0.0.`,
          },
        ],
      });
    });
  },
);
