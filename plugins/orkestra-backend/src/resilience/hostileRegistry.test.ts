/**
 * A registry the portal does not control, against a real docker-registry
 * and real SQLite and PostgreSQL: container images and Helm charts next to
 * patterns, one malformed version among good ones, strings longer than any
 * column, thousands of layers and imports, a flood of errors, and callers
 * who keep pressing resync. Each becomes a clear, bounded error isolated to
 * the smallest unit, and nothing else changes.
 *
 * Where a real registry cannot misbehave (a tag list naming invalid tags, a
 * repository whose listing fails), the client is wrapped by a FAKE that
 * changes just that answer.
 */
import {
  digestOf,
  EMPTY_JSON,
  OciStore,
  OciUnavailableError,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { PatternStore } from '../store/PatternStore';
import { engineFor, publishVersion } from '../__testUtils__/syncTestbed';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { describeSyncError } from '../sync/syncErrors';

jest.setTimeout(120_000);

const databases = orkestraTestDatabases();
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const KATALOG_YAML = 'application/vnd.orkestra.katalog.v1+yaml';
const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;

/** Pushes a manifest built by hand (its config blob is `{}`), for content `ork` would never write. */
async function pushRaw(
  store: OciStore,
  repository: string,
  tag: string,
  manifest: {
    configMediaType: string;
    layers?: Array<{ title?: string; digest: string; size: number }>;
    annotations?: Record<string, string>;
  },
): Promise<string> {
  await store.pushBlob(repository, EMPTY_JSON);
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: manifest.configMediaType,
        digest: digestOf(EMPTY_JSON),
        size: 2,
      },
      layers: (manifest.layers ?? []).map(l => ({
        mediaType: KATALOG_YAML,
        digest: l.digest,
        size: l.size,
        ...(l.title
          ? { annotations: { 'org.opencontainers.image.title': l.title } }
          : {}),
      })),
      annotations: manifest.annotations ?? {},
    }),
  );
  return (await store.pushManifest(repository, bytes, OCI_MANIFEST, { tag }))
    .digest;
}

async function pushYaml(store: OciStore, repository: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  await store.pushBlob(repository, bytes);
  return { digest: digestOf(bytes), size: bytes.byteLength };
}

/** Counts manifest GETs on the wire. */
function countingFetch() {
  const counts = { manifestGets: 0 };
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (
      url.pathname.includes('/manifests/') &&
      (init?.method ?? 'GET') === 'GET'
    )
      counts.manifestGets++;
    return fetch(input, init);
  };
  return { counts, fetcher };
}

/**
 * A FAKE in front of a real client: `listTags` of the repositories in
 * `extraTags` also names those tags, and `failing` repositories cannot be listed.
 */
function fakeClient(
  client: RegistryClient,
  options: { extraTags?: Record<string, string[]>; failing?: string[] },
): OciStore {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'listTags') {
        return async (repository: string, ...rest: unknown[]) => {
          if (options.failing?.includes(repository))
            throw new OciUnavailableError(
              `cannot reach the registry for ${repository} (injected by the fake)`,
            );
          const tags = await (target.listTags as any)(repository, ...rest);
          return [...tags, ...(options.extraTags?.[repository] ?? [])];
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as OciStore;
}

describe.each(databases.eachSupportedId())(
  'a hostile registry on %p (real docker-registry)',
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
      const store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      return { knex, store };
    }

    /** An engine for the source `local` over `prefix` of the registry, reading through `client`. */
    function engineOver(
      store: PatternStore,
      prefix: string,
      client: OciStore = clientFor(),
    ) {
      // Read through `_catalog`, which lists whatever the registry holds
      // (images and charts too); the crafted manifests here are in no index.
      return engineFor({
        store,
        host: registry.host,
        prefix,
        storeFactory: async () => client,
        discovery: 'catalog',
      });
    }

    function clientFor(fetcher?: typeof fetch) {
      return new RegistryClient({
        registry: registry.host,
        plainHttp: true,
        retryDelaysMs: [5, 20],
        fetch: fetcher,
      });
    }

    it('container images and Helm charts next to patterns are remembered by digest: no error, counted, and no manifest GET on the next sync', async () => {
      const PREFIX = 'np';
      const prefix = PREFIX;
      for (const tag of ['1.0', '1.1', 'latest']) {
        await pushRaw(publisher, `${prefix}/images/app`, tag, {
          configMediaType: 'application/vnd.oci.image.config.v1+json',
          annotations: { 'org.opencontainers.image.version': tag },
        });
      }
      await pushRaw(publisher, `${prefix}/charts/redis`, '18.0.0', {
        configMediaType: 'application/vnd.cncf.helm.config.v1+json',
      });
      await publishVersion(publisher, {
        from: 'motifs/web-service/v1.1.0',
        repository: `${prefix}/motifs/web-service`,
        version: 'v1.0.0',
      });
      // An image pushed into a pattern's repository.
      await pushRaw(publisher, `${prefix}/motifs/web-service`, 'image', {
        configMediaType: 'application/vnd.oci.image.config.v1+json',
      });

      const { store } = await freshStore();
      const wire = countingFetch();
      const engine = engineOver(
        store,
        PREFIX,
        fakeClient(clientFor(wire.fetcher), {}),
      );
      const first = await engine.syncSource('local');
      expect(first.errors).toEqual([]);
      expect(first.status).toBe('succeeded');
      expect(first.counts.notPatterns).toBe(5);
      expect(
        await store.getPatternByRepository('local', `${prefix}/images/app`),
      ).toBeUndefined();
      const pattern = (await store.getPatternByRepository(
        'local',
        `${prefix}/motifs/web-service`,
      ))!;
      expect((await store.listTags(pattern.id)).map(t => t.tag)).toEqual([
        'v1.0.0',
      ]);

      wire.counts.manifestGets = 0;
      const second = await engine.syncSource('local');
      expect(second).toMatchObject({ status: 'succeeded', errors: [] });
      expect(second.counts.notPatterns).toBe(5);
      expect(wire.counts.manifestGets).toBe(0);
      // The run says it on the sources API too (the last full run's counts).
      const [last] = await store.listSyncRuns('local', 1, { fullOnly: true });
      expect(last.counts.notPatterns).toBe(5);
    });

    it('one bad version never blocks the others: duplicate titles, thousands of layers and imports, strings longer than any column, invalid tags', async () => {
      const PREFIX = 'poison';
      const repository = `${PREFIX}/katalogs/mixed`;
      await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository,
        version: 'v1.0.0',
      });
      const yamlA = await pushYaml(publisher, repository, 'kind: Katalog\n');
      const yamlB = await pushYaml(publisher, repository, 'kind: Other\n');
      const katalog = { 'io.orkestra.pattern.kind': 'Katalog' };
      const config = 'application/vnd.orkestra.pattern.v1+tar+gzip';
      await pushRaw(publisher, repository, 'v1.0.1', {
        configMediaType: config,
        layers: [
          { title: 'README.md', ...yamlA },
          { title: 'README.md', ...yamlB },
        ],
        annotations: { ...katalog, 'io.orkestra.pattern.version': 'v1.0.1' },
      });
      await pushRaw(publisher, repository, 'v1.0.2', {
        configMediaType: config,
        layers: Array.from({ length: 3000 }, (_, i) => ({
          title: `files/f${i}.yaml`,
          ...yamlA,
        })),
        annotations: { ...katalog, 'io.orkestra.pattern.version': 'v1.0.2' },
      });
      const long = (n: number) => 'x'.repeat(n);
      await pushRaw(publisher, repository, 'v1.0.3', {
        configMediaType: config,
        annotations: {
          ...katalog,
          'io.orkestra.pattern.version': `v1.0.3-${long(300)}`,
          'io.orkestra.pattern.name': `mixed-${long(1000)}`,
          'io.orkestra.pattern.author': long(600),
          'org.opencontainers.image.created': long(100),
          'org.opencontainers.image.description': `日本語${long(1024 * 1024)}`,
          'io.orkestra.pattern.license': long(10_000),
        },
      });
      const imports = Array.from(
        { length: 2000 },
        (_, i) =>
          `        - motif: oci://oci.orkestra.example/orkestra/motifs/m${i}:v1.0.0\n`,
      ).join('');
      await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository,
        version: 'v1.0.4',
        edit: text =>
          text.replace(/^ {6}imports:\n/m, `      imports:\n${imports}`),
      });

      const { store } = await freshStore();
      const engine = engineOver(
        store,
        PREFIX,
        fakeClient(clientFor(), {
          extraTags: { [repository]: ['bad tag!', '-leading'] },
        }),
      );
      const result = await engine.syncSource('local');
      // The invalid tags are said, once, for their repository; nothing else is an error.
      expect(result.errors).toEqual([
        {
          repository,
          message: expect.stringMatching(
            /^the tag list names 2 invalid tags \(e\.g\. "bad tag!"\); they are skipped$/,
          ),
        },
      ]);
      const pattern = (await store.getPatternByRepository(
        'local',
        repository,
      ))!;
      expect((await store.listTags(pattern.id)).map(t => t.tag).sort()).toEqual(
        ['v1.0.0', 'v1.0.1', 'v1.0.2', 'v1.0.3', 'v1.0.4'],
      );
      const versions = await store.listVersions(pattern.id);
      expect(versions).toHaveLength(5);
      const byTag = new Map(
        await Promise.all(
          (
            await store.listTags(pattern.id)
          ).map(
            async t =>
              [t.tag, versions.find(v => v.id === t.versionId)!] as const,
          ),
        ),
      );
      const problems = (tag: string) =>
        byTag.get(tag)!.problems.map((p: { message: string }) => p.message);

      const duplicate = byTag.get('v1.0.1')!;
      const duplicateFiles = await store.listFiles(duplicate.id);
      expect(duplicateFiles.map(f => [f.name, f.digest])).toEqual([
        ['README.md', yamlA.digest],
      ]);
      expect(problems('v1.0.1')).toEqual([
        '1 layers repeat the title of an earlier layer; the first layer of each title is the file',
      ]);

      expect(await store.listFiles(byTag.get('v1.0.2')!.id)).toHaveLength(1000);
      expect(problems('v1.0.2')).toEqual([
        'the manifest lists more than 1000 files; the first 1000 are kept, 2000 are not',
      ]);

      const longOne = byTag.get('v1.0.3')!;
      const signals = longOne.signals;
      expect(bytesOf(signals.description!)).toBeLessThanOrEqual(4096);
      expect(signals.description!.startsWith('日本語xxx')).toBe(true);
      expect(bytesOf(signals.license!)).toBeLessThanOrEqual(4096);
      expect(longOne.version).toBe(`v1.0.3-${long(300)}`);
      expect(problems('v1.0.3')).toEqual([
        expect.stringMatching(
          /^annotations longer than 4096 bytes were truncated: .*org\.opencontainers\.image\.description/,
        ),
      ]);

      const many = byTag.get('v1.0.4')!;
      expect(await store.listImports([many.id])).toHaveLength(500);
      expect(problems('v1.0.4')).toEqual([
        'the version declares 2002 imports; the first 500 are kept',
      ]);

      // The good version is there, whole, and the pattern follows the highest version tag.
      expect((await store.listFiles(byTag.get('v1.0.0')!.id)).length).toBe(6);
      expect(pattern.latestTag).toBe('v1.0.4');

      // A resync stores nothing twice and finds nothing new.
      const again = await engine.syncSource('local');
      expect(again.counts.newVersions).toBe(0);
      expect(again.errors).toHaveLength(1);
    });

    it('a YAML layer holding NUL is a problem of its version, which is stored (PostgreSQL cannot store NUL as text)', async () => {
      const PREFIX = 'nul';
      const repository = `${PREFIX}/katalogs/nul`;
      const yaml = await pushYaml(
        publisher,
        repository,
        'kind: Katalog\n\u0000\n',
      );
      await pushRaw(publisher, repository, 'v1.0.0', {
        configMediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
        layers: [{ title: 'katalog.yaml', ...yaml }],
        annotations: {
          'io.orkestra.pattern.kind': 'Katalog',
          'io.orkestra.pattern.version': 'v1.0.0',
        },
      });
      const { store } = await freshStore();
      const engine = engineOver(store, PREFIX);
      const result = await engine.syncSource('local');
      expect(result.errors).toEqual([
        {
          repository,
          message: expect.stringMatching(/ katalog\.yaml: /),
        },
      ]);
      expect(result.errors[0].message).not.toContain('\u0000');
      const pattern = (await store.getPatternByRepository(
        'local',
        repository,
      ))!;
      const [version] = await store.listVersions(pattern.id);
      expect(version.problems).toEqual([
        { file: 'katalog.yaml', message: expect.any(String) },
      ]);
      expect((await store.listTags(pattern.id)).map(t => t.tag)).toEqual([
        'v1.0.0',
      ]);
    });

    it('errors stay small: a run keeps at most 50 errors of at most 1 KiB each, and no SQL text', async () => {
      const { knex, store } = await freshStore();
      await store.upsertSource({
        id: 'local',
        type: 'registry',
        target: 'x',
        registry: 'x',
      });
      const runId = await store.startSyncRun(
        'local',
        'schedule',
        '2026-12-01T00:00:00.000Z',
      );
      await store.finishSyncRun(runId, {
        status: 'partial',
        finishedAt: '2026-12-01T00:00:01.000Z',
        counts: { errors: 500 },
        errors: Array.from({ length: 500 }, (_, i) => ({
          repository: `orkestra/r${i}`,
          message: `failure ${i}: ${'y'.repeat(10_000)}`,
        })),
      });
      const [run] = await store.listSyncRuns('local', 1);
      expect(run.errors).toHaveLength(50);
      expect(run.counts.errors).toBe(500);
      for (const error of run.errors)
        expect(bytesOf(error.message)).toBeLessThanOrEqual(1024);

      // A real database error, as the driver raises it, loses its statement text.
      const refused = await knex('orkestra_sources')
        .insert({ id: 'local', type: 'registry', target: 'x', registry: 'x' })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(String((refused as Error).message)).toMatch(/insert into/i);
      const described = describeSyncError(refused);
      expect(described.code).toBe('STORE');
      expect(described.message).toMatch(/^the database refused the write: /);
      expect(described.message).not.toMatch(/insert into|values/i);
      expect(bytesOf(described.message)).toBeLessThanOrEqual(1024);
    });

    it('a flood of broken versions: the run keeps 50 errors and counts them all', async () => {
      const PREFIX = 'flood';
      const repository = `${PREFIX}/katalogs/broken`;
      const broken = await pushYaml(publisher, repository, 'spec: [unclosed\n');
      for (let i = 0; i < 60; i++) {
        await pushRaw(publisher, repository, `v1.0.${i}`, {
          configMediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
          layers: [{ title: 'katalog.yaml', ...broken }],
          annotations: {
            'io.orkestra.pattern.kind': 'Katalog',
            'io.orkestra.pattern.version': `v1.0.${i}`,
          },
        });
      }
      const { store } = await freshStore();
      const engine = engineOver(store, PREFIX);
      const result = await engine.syncSource('local');
      expect(result.counts.errors).toBeGreaterThanOrEqual(60);
      const [run] = await store.listSyncRuns('local', 1);
      expect(run.errors).toHaveLength(50);
      expect(run.counts.errors).toBe(result.counts.errors);
      // Each broken version is still stored, with its problem.
      const pattern = (await store.getPatternByRepository(
        'local',
        repository,
      ))!;
      expect(await store.listVersions(pattern.id)).toHaveLength(60);
    });

    describe('on-demand resync', () => {
      const PREFIX = 'od';
      const prefix = PREFIX;
      const good = `${prefix}/motifs/good`;
      const other = `${prefix}/motifs/other`;
      const failing = `${prefix}/motifs/failing`;

      beforeAll(async () => {
        for (const repository of [good, other, failing]) {
          await publishVersion(publisher, {
            from: 'motifs/web-service/v1.1.0',
            repository,
            version: 'v1.0.0',
          });
        }
      });

      it('requests for one repository share the run already going', async () => {
        const { store } = await freshStore();
        const engine = engineOver(store, PREFIX);
        const [a, b] = await Promise.all([
          engine.syncRepository('local', good),
          engine.syncRepository('local', good),
        ]);
        expect(a.runId).toBe(b.runId);
        expect(await store.listSyncRuns('local', 10)).toHaveLength(1);
        expect(a.status).toBe('succeeded');
      });

      it('inserts are idempotent: a scheduled and an on-demand run storing the same pattern and version meet without a unique-constraint error', async () => {
        const { store } = await freshStore();
        await store.upsertSource({
          id: 'local',
          type: 'registry',
          target: 'x',
          registry: 'x',
        });
        const identity = {
          sourceId: 'local',
          registry: 'x',
          repository: good,
          kind: 'Motif' as const,
          name: 'good',
          owner: 'group:default/platform',
          tags: [],
        };
        const now = '2026-12-01T00:00:00.000Z';
        // Both runs saw no pattern yet, and both insert it.
        const racing = new PatternStore(store.knex);
        /** The first call of `method` sees nothing stored, as a run that read before the other wrote. */
        const blindOnce = (table: any, method: string, nothing: unknown) => {
          let calls = 0;
          const real = table[method].bind(table);
          table[method] = async (...args: unknown[]) =>
            calls++ === 0 ? nothing : real(...args);
        };
        // The table families read through their own lookups.
        blindOnce(racing.patterns, 'rowByRepository', undefined);
        blindOnce(racing.tags, 'listTags', []);
        const [first, second] = [
          await store.upsertPattern(identity, now),
          await racing.upsertPattern(identity, now),
        ];
        expect(second).toBe(first);
        const version = {
          digest: `sha256:${'a'.repeat(64)}`,
          mediaType: OCI_MANIFEST,
          manifestSize: 10,
          signals: {
            tags: [],
            simulate: { state: 'absent' },
            e2e: { state: 'absent' },
          } as any,
          crds: [],
          problems: [],
          files: [
            {
              name: 'motif.yaml',
              mediaType: 'x',
              size: 1,
              digest: `sha256:${'b'.repeat(64)}`,
            },
          ],
          imports: [],
        };
        const v1 = await store.insertVersion(first, version, now);
        const v2 = await store.insertVersion(first, version, now);
        expect(v2).toBe(v1);
        expect(await store.listFiles(v1)).toHaveLength(1);
        await store.applyTags(first, new Map([['v1', v1]]), now, now);
        await racing.applyTags(first, new Map([['v1', v1]]), now, now);
        expect(await store.listTags(first)).toHaveLength(1);
      });

      it("a one-repository run refreshes policy and imports of that repository only, and the source's health stays that of its full runs", async () => {
        const { knex, store } = await freshStore();
        const engine = engineOver(
          store,
          PREFIX,
          fakeClient(clientFor(), { failing: [failing] }),
        );
        const full = await engine.syncSource('local');
        expect(full.status).toBe('partial');
        expect(full.errors.map(e => e.repository)).toEqual([failing]);

        const otherPattern = (await store.getPatternByRepository(
          'local',
          other,
        ))!;
        const [otherVersion] = await store.listVersions(otherPattern.id);
        expect(otherVersion.policy).not.toBeNull();
        await knex('orkestra_versions')
          .where({ id: otherVersion.id })
          .update({ policy_json: null, policy_status: null });

        const one = await engine.syncRepository('local', good);
        expect(one.status).toBe('succeeded');
        // The other pattern was not re-evaluated by someone's resync of `good`.
        const [untouched] = await store.listVersions(otherPattern.id);
        expect(untouched.policy).toBeNull();

        // The source still shows its last full run.
        const [shown] = await store.listSyncRuns('local', 1, {
          fullOnly: true,
        });
        expect(shown).toMatchObject({ id: full.runId, status: 'partial' });
        const [newest] = await store.listSyncRuns('local', 1);
        expect(newest).toMatchObject({
          id: one.runId,
          repository: good,
          status: 'succeeded',
        });
        const source = await knex('orkestra_sources')
          .where({ id: 'local' })
          .first();
        expect(source.last_sync_status).toBe('partial');

        // The next full run evaluates everything again.
        await engine.syncSource('local');
        const [refreshed] = await store.listVersions(otherPattern.id);
        expect(refreshed.policy).not.toBeNull();
      });
    });
  },
);
