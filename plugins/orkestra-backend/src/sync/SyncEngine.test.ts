import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  digestOf,
  EMPTY_JSON,
  OciStore,
  OciDigestMismatchError,
  OciHttpError,
  OciUnavailableError,
  indexEntryFor,
  packPattern,
  publishPattern,
  readPatternDirectory,
  RegistryClient,
  updatePatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  EXAMPLE_PATTERNS_DIR,
  publishExamplePatterns,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrkestraConfig } from '../config/orkestraConfig';
import { PatternStore } from '../store/PatternStore';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { PATTERN_CHANGED_TOPIC, SyncEngine } from './SyncEngine';

const databases = orkestraTestDatabases();

/** Counts the registry requests by kind, on the wire. */
function countingFetch() {
  const counts = {
    manifestGets: 0,
    manifestHeads: 0,
    blobGets: 0,
    tagLists: 0,
    other: 0,
  };
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname.includes('/manifests/')) {
      if (method === 'GET') counts.manifestGets++;
      else if (method === 'HEAD') counts.manifestHeads++;
      else counts.other++;
    } else if (url.pathname.includes('/blobs/') && method === 'GET')
      counts.blobGets++;
    else if (url.pathname.endsWith('/tags/list')) counts.tagLists++;
    else counts.other++;
    return fetch(input, init);
  };
  const reset = () =>
    Object.keys(counts).forEach(k => ((counts as any)[k] = 0));
  return { counts, fetcher, reset };
}

function engineFor(
  store: PatternStore,
  registry: TestRegistry,
  storeFactory: () => Promise<OciStore>,
  extra: Record<string, unknown> = {},
  events = mockServices.events.mock(),
) {
  const config = readOrkestraConfig(
    new ConfigReader({
      orkestra: {
        sources: [
          {
            id: 'local',
            type: 'registry',
            target: `http://${registry.host}/orkestra`,
            // The product's default discovery, over the indexes `ork push` keeps.
            namespaces: ['orkestra/motifs', 'orkestra/katalogs'],
          },
        ],
        policy: { requiredGates: ['simulate'], minMaturity: 'beta' },
        ownership: {
          defaultOwner: 'group:default/platform',
          authors: { 'data-team': 'group:default/data' },
        },
        sync: { missingGracePeriod: { days: 7 }, ...extra },
      },
    }),
  );
  return new SyncEngine({
    store,
    config,
    logger: mockServices.logger.mock(),
    events,
    storeFactory,
  });
}

describe.each(databases.eachSupportedId())(
  'SyncEngine on %p against a real docker-registry',
  databaseId => {
    let registry: TestRegistry;
    let store: PatternStore;
    let client: RegistryClient;
    const wire = countingFetch();

    beforeAll(async () => {
      registry = await startTestRegistry();
      const publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      await publishExamplePatterns(publisher);
      client = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
        fetch: wire.fetcher,
      });
      const knex = await databases.init(databaseId);
      store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
    }, 60_000);
    afterAll(() => registry?.stop());

    it('finds every pattern, version, signal and import on the first sync, then fetches nothing when nothing changed', async () => {
      const events = mockServices.events.mock();
      const engine = engineFor(store, registry, async () => client, {}, events);
      const first = await engine.syncSource('local');
      expect(first.status).toBe('succeeded');
      expect(first.counts).toMatchObject({
        repositories: 8,
        tags: 15,
        newVersions: 15,
        manifestsFetched: 15,
      });
      // 15 versions, and the index of each of the 2 namespaces, read once to
      // remember its entries.
      expect(wire.counts.manifestGets).toBe(15 + 2);
      expect(events.publish).toHaveBeenCalledTimes(8);
      expect(events.publish).toHaveBeenCalledWith({
        topic: PATTERN_CHANGED_TOPIC,
        eventPayload: expect.objectContaining({
          repository: 'orkestra/katalogs/webapp-operator',
          change: 'added',
        }),
      });

      const { rows } = await store.listPatterns({}, { limit: 100 });
      expect(rows.map(r => r.repository).sort()).toEqual([
        'orkestra/katalogs/cache-operator',
        'orkestra/katalogs/legacy-queue-operator',
        'orkestra/katalogs/platform-stack',
        'orkestra/katalogs/postgres-operator',
        'orkestra/katalogs/webapp-operator',
        'orkestra/motifs/platform-admission',
        'orkestra/motifs/postgres-statefulset',
        'orkestra/motifs/web-service',
      ]);
      const postgres = rows.find(
        r => r.repository === 'orkestra/katalogs/postgres-operator',
      )!;
      expect(postgres.owner).toBe('group:default/data');
      expect(postgres.latestTag).toBe('v16.0.0');
      const versions = await store.listVersions(postgres.id);
      expect(versions).toHaveLength(3);
      const v16 = versions.find(v => v.version === 'v16.0.0')!;
      expect(v16.signals.typed).toEqual({
        hasHooks: true,
        hasConstructor: false,
      });
      expect(v16.crds[0]).toMatchObject({
        kind: expect.any(String),
        versions: expect.any(Array),
      });

      const webapp = rows.find(
        r => r.repository === 'orkestra/katalogs/webapp-operator',
      )!;
      const webappVersions = await store.listVersions(webapp.id);
      const imports = await store.listImports(webappVersions.map(v => v.id));
      expect(
        imports
          .filter(i => i.type === 'motif')
          .map(i => `${i.repository}:${i.tag}`),
      ).toEqual(
        expect.arrayContaining([
          'orkestra/motifs/web-service:v1.1.0',
          'orkestra/motifs/web-service:v1.0.0',
        ]),
      );

      const cache = rows.find(
        r => r.repository === 'orkestra/katalogs/cache-operator',
      )!;
      const draft = (await store.listVersions(cache.id)).find(
        v => v.version === 'v0.9.0',
      )!;
      expect(draft.signals.simulate.state).toBe('skipped');
      expect(draft.policy!.status).toBe('fail'); // forced: required simulate skipped, alpha

      // Nothing changed: the index of each namespace (katalogs, motifs) is
      // HEADed and unchanged, so no tag is listed or HEADed, nothing fetched.
      wire.reset();
      events.publish.mockClear();
      const second = await engine.syncSource('local');
      expect(second.status).toBe('succeeded');
      expect(wire.counts).toMatchObject({
        manifestGets: 0,
        blobGets: 0,
        manifestHeads: 2,
        tagLists: 0,
      });
      expect(second.counts).toMatchObject({
        newVersions: 0,
        manifestsFetched: 0,
        blobsFetched: 0,
        changedPatterns: 0,
        skippedRepositories: 8,
      });
      expect(events.publish).not.toHaveBeenCalled();

      // A full check (due every sync.fullCheckInterval) lists and HEADs every tag, still fetching nothing.
      wire.reset();
      const full = await engineFor(store, registry, async () => client, {
        fullCheckInterval: { seconds: 0 },
      }).syncSource('local');
      expect(wire.counts).toMatchObject({
        manifestGets: 0,
        blobGets: 0,
        manifestHeads: 2 + 15,
        tagLists: 8,
      });
      expect(full.counts).toMatchObject({
        newVersions: 0,
        skippedRepositories: 0,
      });
    });

    it('checks every namespace in full on Sync now, whatever the indexes say', async () => {
      const engine = engineFor(store, registry, async () => client);
      wire.reset();
      const runId = await engine.startSourceSync('local');
      // A full run going is joined: this is the Sync now run's result.
      const result = await engine.syncSource('local');
      expect(result.runId).toBe(runId);
      expect(result.counts).toMatchObject({
        newVersions: 0,
        skippedRepositories: 0,
      });
      expect(wire.counts).toMatchObject({
        manifestGets: 0,
        blobGets: 0,
        tagLists: 8,
      });
    });

    it('fetches exactly the new manifest and its new blobs after one new tag, and picks up a re-pushed tag', async () => {
      const engine = engineFor(store, registry, async () => client);
      const publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      const dir = await mkdtemp(join(tmpdir(), 'orkestra-sync-'));
      try {
        // A new version of web-service whose README is unchanged: only motif.yaml is a new blob.
        await cp(join(EXAMPLE_PATTERNS_DIR, 'motifs/web-service/v1.1.0'), dir, {
          recursive: true,
        });
        const motif = (await readPatternDirectory(dir)).files.find(
          f => f.name === 'motif.yaml',
        )!;
        await writeFile(
          motif.path,
          (
            await readFile(motif.path, 'utf8')
          ).replace('version: v1.1.0', 'version: v1.2.0'),
        );
        const packed = await packPattern(await readPatternDirectory(dir), {
          created: new Date('2026-11-21T10:00:00Z'),
        });
        await publishPattern(
          publisher,
          { repository: 'orkestra/motifs/web-service', tag: 'v1.2.0' },
          packed,
        );

        // Until the index changes, a scheduled sync skips the namespace;
        // the next full check would find the tag.
        expect((await engine.syncSource('local')).counts.newVersions).toBe(0);

        // ork push updates the index after the push.
        const pushedIndex = async (deprecated: boolean) =>
          updatePatternIndex(
            publisher,
            'orkestra/motifs',
            indexEntryFor({
              name: 'web-service',
              version: 'v1.2.0',
              description: 'Deployment with a Service',
              tags: ['web'],
              kind: 'Motif',
              deprecated,
            }),
          );
        await pushedIndex(false);
        wire.reset();
        const result = await engine.syncSource('local');
        expect(result.counts).toMatchObject({
          newVersions: 1,
          manifestsFetched: 1,
          blobsFetched: 1,
          changedPatterns: 1,
          // The index says only web-service changed: the other 7 are skipped.
          skippedRepositories: 7,
        });
        // The new manifest and blob, and the changed index (manifest and blob).
        expect(wire.counts).toMatchObject({
          manifestGets: 2,
          blobGets: 2,
          tagLists: 1,
        });
        const webService = (await store.getPatternByRepository(
          'local',
          'orkestra/motifs/web-service',
        ))!;
        expect(webService.latestTag).toBe('v1.2.0');

        // Re-push v1.2.0 with a deprecation block: same tag, new digest.
        await writeFile(
          motif.path,
          `${(
            await readFile(motif.path, 'utf8')
          ).trimEnd()}\nlifecycle:\n  deprecation:\n    message: use v2\n    timeline: { from: "2026-11-01", to: "2027-01-31" }\n`,
        );
        const repacked = await packPattern(await readPatternDirectory(dir), {
          created: new Date('2026-11-22T10:00:00Z'),
        });
        await publishPattern(
          publisher,
          { repository: 'orkestra/motifs/web-service', tag: 'v1.2.0' },
          repacked,
        );
        await pushedIndex(true);
        const moved = await engine.syncSource('local');
        expect(moved.counts).toMatchObject({ newVersions: 1, movedTags: 1 });
        const tags = await store.listTags(webService.id);
        const v120 = tags.find(t => t.tag === 'v1.2.0')!;
        const [row] = await store.getVersionsByIds([v120.versionId]);
        expect(row.digest).toBe(repacked.manifestDigest);
        expect(Boolean(row.deprecated)).toBe(true);
        // The superseded manifest is kept, untagged, reachable by digest.
        expect(
          (await store.listVersions(webService.id)).map(v => v.digest),
        ).toContain(packed.manifestDigest);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('records faults per repository and loses nothing it knew', async () => {
      const before = (await store.listPatterns({}, { limit: 100 })).rows.length;
      const failing: OciStore = {
        listRepositories: o => client.listRepositories(o),
        listTags: (repository, o) => {
          if (repository === 'orkestra/katalogs/cache-operator') {
            return Promise.reject(
              new OciUnavailableError(
                `cannot reach ${registry.host} (ECONNRESET)`,
              ),
            );
          }
          return client.listTags(repository, o);
        },
        resolve: (repository, t, o) => {
          if (repository === 'orkestra/motifs/platform-admission') {
            return Promise.reject(
              new OciHttpError(
                500,
                `${registry.host} answered HTTP 500 for manifest ${repository}:${t}`,
              ),
            );
          }
          return client.resolve(repository, t, o);
        },
        fetchManifest: async (repository, t, o) => {
          const fetched = await client.fetchManifest(repository, t, o);
          if (repository === 'orkestra/katalogs/liar') {
            throw new OciDigestMismatchError(
              `manifest ${repository}:${t}`,
              t,
              digestOf(new Uint8Array([1])),
            );
          }
          return fetched;
        },
        fetchBlob: (r, d, o) => client.fetchBlob(r, d, o),
        pushBlob: (r, c, o) => client.pushBlob(r, c, o),
        pushManifest: (r, b, m, o) => client.pushManifest(r, b, m, o),
        deleteManifest: (r, d, o) => client.deleteManifest(r, d, o),
      };

      // A malformed katalog and an oversized one, pushed next to the good ones.
      const publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      const pushRaw = async (repository: string, katalogYaml: string) => {
        const layer = new TextEncoder().encode(katalogYaml);
        await publisher.pushBlob(repository, EMPTY_JSON);
        await publisher.pushBlob(repository, layer);
        const manifest = new TextEncoder().encode(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: {
              mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
              digest: digestOf(EMPTY_JSON),
              size: 2,
            },
            layers: [
              {
                mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
                digest: digestOf(layer),
                size: layer.byteLength,
                annotations: {
                  'org.opencontainers.image.title': 'katalog.yaml',
                },
              },
            ],
            annotations: {
              'io.orkestra.pattern.kind': 'Katalog',
              'io.orkestra.pattern.name': repository.split('/').pop(),
            },
          }),
        );
        await publisher.pushManifest(
          repository,
          manifest,
          'application/vnd.oci.image.manifest.v1+json',
          { tag: 'v1.0.0' },
        );
        // Listed in the index, as a push leaves it.
        await updatePatternIndex(
          publisher,
          'orkestra/katalogs',
          indexEntryFor({
            name: repository.split('/').pop()!,
            version: 'v1.0.0',
            description: '',
            tags: null,
            kind: 'Katalog',
            deprecated: false,
          }),
        );
      };
      await pushRaw(
        'orkestra/katalogs/broken-yaml',
        'kind: Katalog\nmetadata:\n  name: [oops\n',
      );
      await pushRaw(
        'orkestra/katalogs/liar',
        'kind: Katalog\nmetadata: {name: liar}\n',
      );
      await pushRaw(
        'orkestra/katalogs/huge',
        `kind: Katalog\nmetadata: {name: huge}\n#${'x'.repeat(4096)}\n`,
      );

      const engine = engineFor(store, registry, async () => failing, {
        maxYamlBytes: 2048,
        fullCheckInterval: { seconds: 0 },
      });
      const result = await engine.syncSource('local');
      expect(result.status).toBe('partial');
      const messages = result.errors
        .map(e => `${e.repository}: ${e.message}`)
        .join('\n');
      expect(messages).toContain(
        'orkestra/katalogs/cache-operator: cannot reach',
      );
      expect(messages).toMatch(
        /orkestra\/katalogs\/broken-yaml: .*katalog\.yaml: katalog\.yaml is not valid YAML/,
      );
      expect(messages).toMatch(/orkestra\/katalogs\/huge: .*the limit is 2048/);
      expect(messages).toContain(
        'orkestra/motifs/platform-admission: 127.0.0.1',
      );
      expect(messages).toMatch(
        /orkestra\/katalogs\/liar: manifest .* expected digest/,
      );
      const admission = (await store.getPatternByRepository(
        'local',
        'orkestra/motifs/platform-admission',
      ))!;
      expect(await store.listTags(admission.id)).toHaveLength(1);
      expect(
        await store.getPatternByRepository('local', 'orkestra/katalogs/liar'),
      ).toBeUndefined();
      const [run] = await store.listSyncRuns('local', 1);
      expect(run.errors).toEqual(result.errors);

      // The unreachable repository keeps everything it had; the bad ones are recorded with their problems.
      const cache = (await store.getPatternByRepository(
        'local',
        'orkestra/katalogs/cache-operator',
      ))!;
      expect(cache.missingSince).toBeNull();
      expect(await store.listTags(cache.id)).toHaveLength(2);
      expect((await store.listPatterns({}, { limit: 100 })).rows.length).toBe(
        before + 2,
      );
      const broken = (await store.getPatternByRepository(
        'local',
        'orkestra/katalogs/broken-yaml',
      ))!;
      const [brokenVersion] = await store.listVersions(broken.id);
      expect(brokenVersion.problems[0].file).toBe('katalog.yaml');
    });

    it('never marks anything missing when the repository listing itself fails', async () => {
      const down: OciStore = {
        ...({} as OciStore),
        listRepositories: () =>
          Promise.reject(new OciUnavailableError('registry down')),
        resolve: () => Promise.reject(new OciUnavailableError('registry down')),
      };
      const engine = engineFor(store, registry, async () => down);
      const result = await engine.syncSource('local');
      expect(result.status).toBe('failed');
      expect(result.errors).toEqual([
        { code: 'UNAVAILABLE', message: 'registry down' },
      ]);
      const rows = (await store.listPatterns({}, { limit: 100 })).rows;
      expect(rows.length).toBeGreaterThan(8);
      expect(rows.every(r => r.missingSince === null)).toBe(true);
    });
  },
);
