/**
 * How a source's repositories are found, against a real docker-registry: by
 * the index `ork push` keeps (the default), by `_catalog`, or from a list;
 * what each does when part of the listing cannot be read; and that a source
 * syncs only its own repositories.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  digestOf,
  EMPTY_JSON,
  indexRepository,
  INDEX_TAG,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PatternStore } from '../store/PatternStore';
import { engineFor, publishVersion } from '../__testUtils__/syncTestbed';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';

const databases = orkestraTestDatabases();
const DAY_MS = 86_400_000;

describe.each(databases.eachSupportedId())(
  'repository discovery on %p against a real docker-registry',
  databaseId => {
    let registry: TestRegistry;
    let publisher: RegistryClient;

    beforeAll(async () => {
      registry = await startTestRegistry();
      publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
    }, 60_000);
    afterAll(() => registry?.stop());

    async function freshStore() {
      const knex = await databases.init(databaseId);
      return PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
    }

    /** One motif and one katalog under `prefix`, each in its namespace's index. */
    async function publishTwo(prefix: string) {
      await publishVersion(publisher, {
        from: 'motifs/web-service/v1.1.0',
        repository: `${prefix}/motifs/web-service`,
        version: 'v1.1.0',
      });
      await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: `${prefix}/katalogs/webapp`,
        version: 'v2.0.0',
      });
    }

    const deleteRepository = (repository: string) =>
      rm(
        join(
          registry.storageDir,
          'docker/registry/v2/repositories',
          repository,
        ),
        {
          recursive: true,
          force: true,
        },
      );

    it('index: a namespace nothing was pushed to is empty, not an error', async () => {
      await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: 'lonely/katalogs/webapp',
        version: 'v2.0.0',
      });
      const store = await freshStore();
      const result = await engineFor({
        store,
        host: registry.host,
        prefix: 'lonely',
      }).syncSource('local');
      expect(result).toMatchObject({ status: 'succeeded', errors: [] });
      expect(result.counts.repositories).toBe(1);
    });

    it('index: an index that vanished or cannot be read fails its namespace alone and marks nothing missing', async () => {
      await publishTwo('vanish');
      const store = await freshStore();
      const engine = engineFor({
        store,
        host: registry.host,
        prefix: 'vanish',
      });
      expect((await engine.syncSource('local')).status).toBe('succeeded');

      await deleteRepository(indexRepository('vanish/motifs'));
      const vanished = await engine.syncSource('local');
      expect(vanished.status).toBe('partial');
      expect(vanished.errors).toEqual([
        {
          repository: 'vanish/motifs',
          code: 'NOT_FOUND',
          message: `no pattern index at vanish/motifs/index:latest on ${registry.host}; 1 known repositories under vanish/motifs are kept as they are`,
        },
      ]);
      expect(vanished.counts.missingRepositories).toBe(0);

      // An index whose blob is not JSON: unreadable, not empty.
      const garbage = new TextEncoder().encode('{"entries": [oops');
      await publisher.pushBlob(indexRepository('vanish/motifs'), EMPTY_JSON);
      await publisher.pushBlob(indexRepository('vanish/motifs'), garbage);
      await publisher.pushManifest(
        indexRepository('vanish/motifs'),
        new TextEncoder().encode(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            artifactType: 'application/vnd.orkestra.index.v1+json',
            config: {
              mediaType: 'application/vnd.oci.empty.v1+json',
              digest: digestOf(EMPTY_JSON),
              size: 2,
            },
            layers: [
              {
                mediaType: 'application/vnd.orkestra.index.v1+json',
                digest: digestOf(garbage),
                size: garbage.byteLength,
              },
            ],
          }),
        ),
        'application/vnd.oci.image.manifest.v1+json',
        { tag: INDEX_TAG },
      );
      const unreadable = await engine.syncSource('local');
      expect(unreadable.status).toBe('partial');
      expect(unreadable.errors).toEqual([
        expect.objectContaining({
          repository: 'vanish/motifs',
          message: expect.stringMatching(
            /^the pattern index vanish\/motifs\/index:latest cannot be read: .*; 1 known repositories under vanish\/motifs are kept as they are$/,
          ),
        }),
      ]);
      const motif = await store.getPatternByRepository(
        'local',
        'vanish/motifs/web-service',
      );
      expect(motif?.missingSince).toBeNull();
      expect(
        (await store.getPatternByRepository('local', 'vanish/katalogs/webapp'))
          ?.missingSince,
      ).toBeNull();
    });

    it('index: a repository deleted while its entry stays in the index goes missing, then is dropped after the grace period', async () => {
      await publishTwo('stale');
      const store = await freshStore();
      const events = mockServices.events.mock();
      let now = Date.parse('2026-12-01T12:00:00Z');
      const engine = engineFor({
        store,
        host: registry.host,
        prefix: 'stale',
        events,
        now: () => new Date(now),
      });
      await engine.syncSource('local');
      const changes = () =>
        events.publish.mock.calls.map(
          ([{ eventPayload }]) =>
            `${(eventPayload as any).repository} ${
              (eventPayload as any).change
            }`,
        );

      await deleteRepository('stale/katalogs/webapp');
      events.publish.mockClear();
      now += DAY_MS;
      const missing = await engine.syncSource('local');
      expect(missing).toMatchObject({ status: 'succeeded', errors: [] });
      expect(missing.counts.missingRepositories).toBe(1);
      expect(changes()).toEqual(['stale/katalogs/webapp missing']);
      const kept = await store.getPatternByRepository(
        'local',
        'stale/katalogs/webapp',
      );
      expect(kept?.missingSince).toBe(new Date(now).toISOString());
      expect(await store.listVersions(kept!.id)).toHaveLength(1);

      events.publish.mockClear();
      now += 8 * DAY_MS;
      const dropped = await engine.syncSource('local');
      expect(dropped.counts.droppedRepositories).toBe(1);
      expect(changes()).toEqual(['stale/katalogs/webapp removed']);
      expect(
        await store.getPatternByRepository('local', 'stale/katalogs/webapp'),
      ).toBeUndefined();
      expect(
        await store.getPatternByRepository('local', 'stale/motifs/web-service'),
      ).toBeDefined();
    });

    it('catalog: every repository under the prefix, index repositories excluded', async () => {
      await publishTwo('listed');
      const store = await freshStore();
      const result = await engineFor({
        store,
        host: registry.host,
        prefix: 'listed',
        discovery: 'catalog',
      }).syncSource('local');
      expect(result).toMatchObject({ status: 'succeeded', errors: [] });
      expect(result.counts.repositories).toBe(2);
    });

    describe('list, with a registry that refuses _catalog (a FAKE front)', () => {
      let proxy: FaultProxy;
      beforeAll(async () => {
        await publishTwo('picked');
        proxy = await startFaultProxy(registry.host);
      });
      afterAll(() => proxy?.close());

      it('syncs the named repositories without _catalog, and keeps what it knew under prefix entries', async () => {
        const store = await freshStore();
        const engine = engineFor({
          store,
          host: proxy.host,
          prefix: 'picked',
          discovery: 'list',
          source: {
            repositories: ['picked/katalogs/webapp', 'picked/motifs/'],
          },
        });
        const first = await engine.syncSource('local');
        expect(first).toMatchObject({ status: 'succeeded', errors: [] });
        expect(first.counts.repositories).toBe(2);

        proxy.inject({
          path: '/v2/_catalog',
          fault: { type: 'status', status: 401, message: 'no catalog here' },
        });
        const refused = await engine.syncSource('local');
        expect(refused.status).toBe('partial');
        expect(refused.errors).toEqual([
          {
            repository: 'picked/motifs',
            code: 'UNAUTHORIZED',
            message: `${proxy.host} answered 401 without a WWW-Authenticate challenge; 1 known repositories under picked/motifs are kept as they are`,
          },
        ]);
        expect(refused.counts.missingRepositories).toBe(0);
        expect(
          proxy.requests.some(r =>
            r.path.startsWith('/v2/picked/katalogs/webapp/tags/list'),
          ),
        ).toBe(true);
        proxy.clear();
      });

      it('reports a named repository the registry does not have (a misspelt name), every run', async () => {
        const store = await freshStore();
        const engine = engineFor({
          store,
          host: proxy.host,
          prefix: 'picked',
          discovery: 'list',
          source: {
            repositories: ['picked/katalogs/webapp', 'picked/katalogs/wepapp'],
          },
        });
        for (let run = 0; run < 2; run++) {
          const result = await engine.syncSource('local');
          expect(result.status).toBe('partial');
          expect(result.errors).toEqual([
            expect.objectContaining({
              repository: 'picked/katalogs/wepapp',
              code: 'NOT_FOUND',
            }),
          ]);
        }
      });

      it('never reads a repository outside the source, before any request', async () => {
        const store = await freshStore();
        const sent = proxy.requests.length;
        for (const engine of [
          engineFor({ store, host: proxy.host, prefix: 'picked' }),
          engineFor({
            store,
            host: proxy.host,
            prefix: 'picked',
            discovery: 'list',
            source: { repositories: ['picked/katalogs/webapp'] },
          }),
        ]) {
          await expect(
            engine.syncRepository('local', 'other-team/katalogs/secret'),
          ).rejects.toThrow(
            'other-team/katalogs/secret is not under source local; only its own repositories are synced',
          );
        }
        expect(proxy.requests.length).toBe(sent);
      });
    });
  },
);
