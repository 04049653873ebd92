import { decodePatternAnnotations } from '@orkspace/backstage-plugin-orkestra-common';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { digestOf } from '../../oci/digest';
import { RegistryClient } from '../../oci/remote/RegistryClient';
import { OciStore } from '../../oci/types';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { readPatternDirectory } from '../patternDirectory';
import { packPattern } from './packPattern';
import {
  encodePatternIndex,
  indexEntryFor,
  indexManifest,
  readPatternIndex,
  updatePatternIndex,
} from './patternIndex';
import { publishPattern } from './publishPattern';
import { unpackPattern } from './unpackPattern';

const run = promisify(execFile);

const KATALOG_FILES: Record<string, string> = {
  'katalog.yaml': [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    '  name: webapp-operator',
    '  version: v1.0.0',
    '  description: Stateless web app operator <beta> & friends',
    '  author: myorg',
    '  license: Apache-2.0',
    '  tags: [web, deployment]',
    'lifecycle:',
    '  deprecation:',
    '    migratedTo: ghcr.io/myorg/katalogs/webapp:v2.0.0',
    '    message: Migrate to v2',
    '    timeline: { from: "2026-01-01", to: "2026-12-31" }',
    '',
  ].join('\n'),
  'komposer.yaml': 'kind: Komposer\n',
  'crd.yaml': 'kind: CustomResourceDefinition\n',
  'README.md': '# webapp\n',
  'cr.yaml': 'kind: WebApp\n',
  'e2e.yaml': 'kind: E2E\n',
  'simulate.yaml': 'kind: Simulate\n',
  'intent.yaml': 'kind: Intent\n',
  'intent.json': '{}\n',
  'go.mod': 'module x\n',
  'go.sum': '\n',
  Makefile: 'all:\n',
  'notes.txt': 'not packed\n',
};

async function patternDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-codec-'));
  for (const [name, content] of Object.entries(files))
    await writeFile(join(dir, name), content);
  return dir;
}

const created = new Date('2026-06-14T10:00:00.456Z');

/** The manifest bytes a real registry hands out for `<repository>:<tag>`, as skopeo reads them. */
async function skopeoRaw(
  registry: TestRegistry,
  repository: string,
  tag: string,
): Promise<string> {
  const { stdout } = await run('skopeo', [
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${registry.host}/${repository}:${tag}`,
  ]);
  return stdout;
}

/**
 * The index manifest `ork push` writes over an index blob, derived by hand
 * from client.go `pushIndex` (oras-go PackManifest v1.1: artifactType, the
 * empty config with its data, one `index.json` layer) and oras-go
 * `ensureAnnotationCreated` (`time.Now().UTC().Format(time.RFC3339)`).
 */
function orkIndexManifest(blob: string, createdAt: string): string {
  const bytes = Buffer.from(blob, 'utf8');
  return (
    '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
    '"artifactType":"application/vnd.orkestra.index.v1+json",' +
    '"config":{"mediaType":"application/vnd.oci.empty.v1+json",' +
    '"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="},' +
    `"layers":[{"mediaType":"application/json","digest":"${digestOf(
      bytes,
    )}","size":${bytes.byteLength},` +
    '"annotations":{"org.opencontainers.image.title":"index.json"}}],' +
    `"annotations":{"org.opencontainers.image.created":"${createdAt}"}}`
  );
}

describe('pattern codec', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  const dirs: string[] = [];

  beforeAll(async () => {
    registry = await startTestRegistry();
    client = new RegistryClient({ registry: registry.host, plainHttp: true });
  });
  afterAll(async () => {
    await registry?.stop();
    await Promise.all(dirs.map(d => rm(d, { recursive: true, force: true })));
  });

  it('packs a katalog with every optional file exactly like ork push, as skopeo reads it back', async () => {
    const dir = await patternDir(KATALOG_FILES);
    dirs.push(dir);
    const packed = await packPattern(await readPatternDirectory(dir), {
      created,
      simulate: {
        status: 'passed',
        testedAt: new Date('2026-06-14T09:59:58Z'),
        durationMs: 14,
        assertions: 2,
      },
      e2e: {
        status: 'passed',
        testedAt: created,
        runner: 'github-actions',
        durationMs: 48_000,
        assertions: 5,
      },
      typed: { hasHooks: true, hasConstructor: false },
      runtimeVersion: 'v0.7.6',
    });
    await publishPattern(
      client,
      { repository: 'orkestra/katalogs/webapp-operator', tag: 'v1.0.0' },
      packed,
    );

    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/orkestra/katalogs/webapp-operator:v1.0.0`,
    ]);
    expect(stdout).toBe(Buffer.from(packed.manifestBytes).toString('utf8'));
    // Go's encoding/json escapes <, > and & in strings.
    expect(stdout).toContain(
      'Stateless web app operator \\u003cbeta\\u003e \\u0026 friends',
    );

    const manifest = JSON.parse(stdout);
    expect(Object.keys(manifest)).toEqual([
      'schemaVersion',
      'mediaType',
      'config',
      'layers',
      'annotations',
    ]);
    expect(manifest.artifactType).toBeUndefined();
    expect(manifest.config).toEqual({
      mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
      digest:
        'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    });
    expect(
      manifest.layers.map((l: any) => [
        l.annotations['org.opencontainers.image.title'],
        l.mediaType,
      ]),
    ).toEqual([
      ['katalog.yaml', 'application/vnd.orkestra.katalog.v1+yaml'],
      ['komposer.yaml', 'application/octet-stream'],
      ['crd.yaml', 'application/vnd.kubernetes.crd.v1+yaml'],
      ['README.md', 'text/markdown'],
      ['cr.yaml', 'application/vnd.kubernetes.cr.v1+yaml'],
      ['e2e.yaml', 'application/vnd.orkestra.e2e.v1+yaml'],
      ['simulate.yaml', 'application/vnd.orkestra.simulate.v1+yaml'],
      ['intent.yaml', 'application/octet-stream'],
      ['intent.json', 'application/octet-stream'],
      ['go.mod', 'text/plain'],
      ['go.sum', 'text/plain'],
      ['Makefile', 'text/x-makefile'],
    ]);
    for (const layer of manifest.layers) {
      expect(Object.keys(layer)).toEqual([
        'mediaType',
        'digest',
        'size',
        'annotations',
      ]);
      expect(Object.keys(layer.annotations)).toEqual([
        'org.opencontainers.image.title',
      ]);
    }
    expect(manifest.annotations).toEqual({
      'io.orkestra.e2e.assertions': '5',
      'io.orkestra.e2e.duration': '48s',
      'io.orkestra.e2e.runner': 'github-actions',
      'io.orkestra.e2e.status': 'passed',
      'io.orkestra.e2e.tested_at': '2026-06-14T10:00:00Z',
      'io.orkestra.katalog.deprecated': 'true',
      'io.orkestra.katalog.deprecated.message': 'Migrate to v2',
      'io.orkestra.katalog.deprecated.migrated_to':
        'ghcr.io/myorg/katalogs/webapp:v2.0.0',
      'io.orkestra.katalog.deprecated.timeline_from': '2026-01-01',
      'io.orkestra.katalog.deprecated.timeline_to': '2026-12-31',
      'io.orkestra.katalog.has_hooks': 'true',
      'io.orkestra.katalog.runtime_version': 'v0.7.6',
      'io.orkestra.katalog.typed': 'true',
      'io.orkestra.pattern.author': 'myorg',
      'io.orkestra.pattern.kind': 'Katalog',
      'io.orkestra.pattern.license': 'Apache-2.0',
      'io.orkestra.pattern.name': 'webapp-operator',
      'io.orkestra.pattern.tags': 'web,deployment',
      'io.orkestra.pattern.version': 'v1.0.0',
      'io.orkestra.simulate.assertions': '2',
      'io.orkestra.simulate.duration': '14ms',
      'io.orkestra.simulate.status': 'passed',
      'io.orkestra.simulate.tested_at': '2026-06-14T09:59:58Z',
      'org.opencontainers.image.authors': 'myorg',
      'org.opencontainers.image.created': '2026-06-14T10:00:00Z',
      'org.opencontainers.image.description':
        'Stateless web app operator <beta> & friends',
      'org.opencontainers.image.title': 'webapp-operator',
      'org.opencontainers.image.version': 'v1.0.0',
    });
    // Keys sorted as Go marshals a map.
    expect(Object.keys(manifest.annotations)).toEqual(
      Object.keys(manifest.annotations).sort(),
    );

    const unpacked = unpackPattern(
      await client.fetchManifest('orkestra/katalogs/webapp-operator', 'v1.0.0'),
    );
    expect(unpacked.kind).toBe('Katalog');
    expect(unpacked.files.map(f => f.name)).toHaveLength(12);
    expect(unpacked.signals.simulate).toMatchObject({
      state: 'passed',
      assertions: 2,
      duration: '14ms',
    });
    expect(unpacked.signals.e2e).toMatchObject({
      state: 'passed',
      runner: 'github-actions',
    });
    expect(unpacked.signals.deprecation?.timelineTo).toBe('2026-12-31');
    expect(unpacked.signals.typed).toEqual({
      hasHooks: true,
      hasConstructor: false,
    });
  });

  it('packs a motif with the minimal annotation set and empty strings for unset fields', async () => {
    const dir = await patternDir({
      'motif.yaml':
        'kind: Motif\nmetadata:\n  name: web-service\n  version: v1.1.0\n',
      'README.md': '# web-service\n',
    });
    dirs.push(dir);
    const packed = await packPattern(await readPatternDirectory(dir), {
      created,
    });
    await publishPattern(
      client,
      { repository: 'orkestra/motifs/web-service', tag: 'v1.1.0' },
      packed,
    );
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/orkestra/motifs/web-service:v1.1.0`,
    ]);
    expect(stdout).toBe(Buffer.from(packed.manifestBytes).toString('utf8'));
    expect(packed.manifest.config.mediaType).toBe(
      'application/vnd.orkestra.motif.v1+tar+gzip',
    );
    expect(packed.manifest.layers.map(l => l.mediaType)).toEqual([
      'application/vnd.orkestra.motif.v1+yaml',
      'text/markdown',
    ]);
    expect(packed.manifest.annotations).toEqual({
      'io.orkestra.pattern.author': '',
      'io.orkestra.pattern.kind': 'Motif',
      'io.orkestra.pattern.license': '',
      'io.orkestra.pattern.name': 'web-service',
      'io.orkestra.pattern.tags': '',
      'io.orkestra.pattern.version': 'v1.1.0',
      'org.opencontainers.image.created': '2026-06-14T10:00:00Z',
      'org.opencontainers.image.description': 'Motif web-service',
      'org.opencontainers.image.title': 'web-service',
      'org.opencontainers.image.version': 'v1.1.0',
    });
  });

  it('records a forced publish as skipped gates, never as passed', async () => {
    const dir = await patternDir({
      'katalog.yaml':
        'kind: Katalog\nmetadata: {name: draft, version: v0.1.0}\n',
    });
    dirs.push(dir);
    const packed = await packPattern(await readPatternDirectory(dir), {
      created,
      simulate: { status: 'skipped', testedAt: created, durationMs: 10 },
      e2e: { status: 'skipped', testedAt: created, runner: 'local' },
    });
    const annotations = packed.manifest.annotations!;
    expect(annotations['io.orkestra.simulate.status']).toBe('skipped');
    expect(annotations['io.orkestra.simulate.duration']).toBeUndefined();
    expect(annotations['io.orkestra.e2e.status']).toBe('skipped');
    const signals = decodePatternAnnotations(annotations);
    expect(signals.simulate.state).toBe('skipped');
    expect(signals.e2e.state).toBe('skipped');
  });

  it('writes the index artifact the way ork does, and repairs lost concurrent updates', async () => {
    const entry = (name: string, version: string) =>
      indexEntryFor({
        name,
        version,
        description: `Pattern ${name}`,
        tags: name === 'postgres' ? ['database'] : [],
        kind: 'Katalog',
        simulateStatus: 'passed',
        deprecated: false,
      });

    await updatePatternIndex(
      client,
      'orkestra/katalogs',
      entry('postgres', 'v1.0.0'),
      { now: () => created },
    );
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/orkestra/katalogs/index:latest`,
    ]);
    const manifest = JSON.parse(stdout);
    expect(manifest.artifactType).toBe(
      'application/vnd.orkestra.index.v1+json',
    );
    expect(manifest.config).toEqual({
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest:
        'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
      data: 'e30=',
    });
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0].mediaType).toBe('application/json');
    expect(manifest.layers[0].annotations).toEqual({
      'org.opencontainers.image.title': 'index.json',
    });

    const read = await readPatternIndex(client, 'orkestra/katalogs');
    expect(read?.index).toEqual({
      updatedAt: '2026-06-14T10:00:00Z',
      entries: [
        {
          name: 'postgres',
          latestVersion: 'v1.0.0',
          description: 'Pattern postgres',
          tags: ['database'],
          kind: 'Katalog',
          simulateStatus: 'passed',
        },
      ],
    });

    // Five publishes at once through one backend are queued, none is lost.
    const names = ['redis', 'kafka', 'nats', 'minio', 'vault'];
    await Promise.all(
      names.map(name =>
        updatePatternIndex(client, 'orkestra/katalogs', entry(name, 'v1.0.0')),
      ),
    );
    await updatePatternIndex(
      client,
      'orkestra/katalogs',
      entry('postgres', 'v1.1.0'),
    );
    const final = await readPatternIndex(client, 'orkestra/katalogs');
    expect(final?.index.entries.map(e => e.name).sort()).toEqual(
      [...names, 'postgres'].sort(),
    );
    expect(
      final?.index.entries.find(e => e.name === 'postgres')?.latestVersion,
    ).toBe('v1.1.0');
    expect(final?.index.entries[0].name).toBe('postgres'); // replaced in place, not moved
  });

  it('detects an update lost to another writer and applies it again', async () => {
    // Another publisher (a separate client, so not queued with ours) read the
    // index before our write and writes its version right after it.
    const other = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
    const before = await readPatternIndex(client, 'orkestra/katalogs');
    let interleaved = false;
    const racing: OciStore = {
      listRepositories: o => client.listRepositories(o),
      listTags: (r, o) => client.listTags(r, o),
      resolve: (r, ref, o) => client.resolve(r, ref, o),
      fetchManifest: (r, ref, o) => client.fetchManifest(r, ref, o),
      fetchBlob: (r, d, o) => client.fetchBlob(r, d, o),
      pushBlob: (r, c, o) => client.pushBlob(r, c, o),
      deleteManifest: (r, d, o) => client.deleteManifest(r, d, o),
      pushManifest: async (repository, bytes, mediaType, options) => {
        const result = await client.pushManifest(
          repository,
          bytes,
          mediaType,
          options,
        );
        if (!interleaved && repository === 'orkestra/katalogs/index') {
          interleaved = true;
          const stale = encodePatternIndex(before!.index);
          await other.pushBlob(repository, stale);
          await other.pushManifest(
            repository,
            new TextEncoder().encode(
              JSON.stringify(indexManifest(stale, new Date())),
            ),
            'application/vnd.oci.image.manifest.v1+json',
            { tag: 'latest' },
          );
        }
        return result;
      },
    };

    const { attempts } = await updatePatternIndex(
      racing,
      'orkestra/katalogs',
      indexEntryFor({
        name: 'etcd',
        version: 'v3.5.0',
        description: 'Pattern etcd',
        tags: [],
        kind: 'Katalog',
        deprecated: false,
      }),
    );
    expect(interleaved).toBe(true);
    expect(attempts).toBe(2);
    const names = (await readPatternIndex(
      client,
      'orkestra/katalogs',
    ))!.index.entries.map(e => e.name);
    expect(names).toContain('etcd');
    expect(names).toEqual(
      expect.arrayContaining(before!.index.entries.map(e => e.name)),
    );
  });

  it('golden: the index updatedAt is whole seconds, as ork writes it (issue 14 item 1)', async () => {
    // client.go updateIndex: index.UpdatedAt = time.Now().UTC().Format(time.RFC3339),
    // then json.Marshal(PatternIndex): fields in struct order, omitempty on author, kind, statuses.
    const blob =
      '{"updatedAt":"2026-06-14T10:00:00Z","entries":[{"name":"postgres","latestVersion":"v1.0.0",' +
      '"description":"Pattern postgres","tags":["database"],"kind":"Katalog","simulateStatus":"passed"}]}';
    const namespace = 'golden/updated-at';
    await updatePatternIndex(
      client,
      namespace,
      indexEntryFor({
        name: 'postgres',
        version: 'v1.0.0',
        description: 'Pattern postgres',
        tags: ['database'],
        kind: 'Katalog',
        simulateStatus: 'passed',
        deprecated: false,
      }),
      { now: () => new Date('2026-06-14T10:00:00.456Z'), settleMs: 0 },
    );
    const raw = await skopeoRaw(registry, `${namespace}/index`, 'latest');
    expect(raw).toBe(orkIndexManifest(blob, '2026-06-14T10:00:00Z'));
    const manifest = JSON.parse(raw);
    const stored = await client.fetchBlob(
      `${namespace}/index`,
      manifest.layers[0],
    );
    expect(Buffer.from(stored).toString('utf8')).toBe(blob);
    // `ork patterns` keeps the newest of two indexes by comparing this string.
    expect('2026-06-14T10:00:00Z' > '2026-06-14T09:59:59Z').toBe(true);
  });

  it('golden: the e2e duration is Elapsed.Round(time.Second).String(), as ork writes it (issue 14 item 2)', async () => {
    const dir = await patternDir({
      'katalog.yaml':
        'kind: Katalog\nmetadata:\n  name: e2e-timing\n  version: v1.0.0\n',
      'e2e.yaml': 'kind: E2E\n',
      'simulate.yaml': 'kind: Simulate\n',
    });
    dirs.push(dir);
    const pattern = await readPatternDirectory(dir);
    const packed = await packPattern(pattern, {
      created,
      simulate: {
        status: 'passed',
        testedAt: new Date('2026-06-14T09:59:58.900Z'),
        durationMs: 1_234, // simulate keeps Round(time.Millisecond): 1.234s
        assertions: 2,
      },
      e2e: {
        status: 'passed',
        testedAt: new Date('2026-06-14T09:59:59.999Z'),
        runner: 'github-actions',
        durationMs: 90_500,
        assertions: 5,
      },
      runtimeVersion: 'v0.7.6',
    });
    const repository = 'golden/katalogs/e2e-timing';
    await publishPattern(client, { repository, tag: 'v1.0.0' }, packed);

    // client.go Push + artifactMetaToAnnotations, push.go (e2e gate:
    // Duration: result.Duration(), e2e result.go: r.Elapsed.Round(time.Second).String()),
    // oras-go Pack with PackImageManifest; the annotation map marshals with sorted keys.
    const layer = (name: string, mediaType: string, content: string) =>
      `{"mediaType":"${mediaType}","digest":"${digestOf(
        Buffer.from(content),
      )}","size":${Buffer.byteLength(content)},` +
      `"annotations":{"org.opencontainers.image.title":"${name}"}}`;
    const expected =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
      '"config":{"mediaType":"application/vnd.orkestra.pattern.v1+tar+gzip",' +
      '"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},' +
      `"layers":[${layer(
        'katalog.yaml',
        'application/vnd.orkestra.katalog.v1+yaml',
        'kind: Katalog\nmetadata:\n  name: e2e-timing\n  version: v1.0.0\n',
      )},${layer(
        'e2e.yaml',
        'application/vnd.orkestra.e2e.v1+yaml',
        'kind: E2E\n',
      )},${layer(
        'simulate.yaml',
        'application/vnd.orkestra.simulate.v1+yaml',
        'kind: Simulate\n',
      )}],` +
      '"annotations":{' +
      '"io.orkestra.e2e.assertions":"5",' +
      '"io.orkestra.e2e.duration":"1m31s",' +
      '"io.orkestra.e2e.runner":"github-actions",' +
      '"io.orkestra.e2e.status":"passed",' +
      '"io.orkestra.e2e.tested_at":"2026-06-14T09:59:59Z",' +
      '"io.orkestra.katalog.runtime_version":"v0.7.6",' +
      '"io.orkestra.pattern.author":"",' +
      '"io.orkestra.pattern.kind":"Katalog",' +
      '"io.orkestra.pattern.license":"",' +
      '"io.orkestra.pattern.name":"e2e-timing",' +
      '"io.orkestra.pattern.tags":"",' +
      '"io.orkestra.pattern.version":"v1.0.0",' +
      '"io.orkestra.simulate.assertions":"2",' +
      '"io.orkestra.simulate.duration":"1.234s",' +
      '"io.orkestra.simulate.status":"passed",' +
      '"io.orkestra.simulate.tested_at":"2026-06-14T09:59:58Z",' +
      '"org.opencontainers.image.created":"2026-06-14T10:00:00Z",' +
      '"org.opencontainers.image.description":"Pattern e2e-timing",' +
      '"org.opencontainers.image.title":"e2e-timing",' +
      '"org.opencontainers.image.version":"v1.0.0"}}';
    expect(await skopeoRaw(registry, repository, 'v1.0.0')).toBe(expected);
    expect(Buffer.from(packed.manifestBytes).toString('utf8')).toBe(expected);

    // Go's Round rounds halves away from zero; String() of whole seconds.
    const e2eDuration = async (durationMs: number) =>
      (
        await packPattern(pattern, {
          created,
          e2e: {
            status: 'passed',
            testedAt: created,
            runner: 'local',
            durationMs,
          },
        })
      ).manifest.annotations!['io.orkestra.e2e.duration'];
    expect(await e2eDuration(48_123)).toBe('48s');
    expect(await e2eDuration(400)).toBe('0s');
    expect(await e2eDuration(500)).toBe('1s');
    expect(await e2eDuration(2_500)).toBe('3s');
    expect(await e2eDuration(120_000)).toBe('2m0s');
    expect(await e2eDuration(3_723_004)).toBe('1h2m3s');
  });

  it('golden: tags: [] is "tags":[] in the index, a missing or null tags key null (issue 14 item 6)', async () => {
    const namespace = 'golden/tags';
    // An index ork wrote before, holding an entry whose YAML had `tags: []`.
    const foreign =
      '{"name":"foreign","latestVersion":"v1","description":"Pattern foreign","tags":[],"kind":"Katalog"}';
    const before = new TextEncoder().encode(
      `{"updatedAt":"2026-06-14T09:00:00Z","entries":[${foreign}]}`,
    );
    await client.pushBlob(`${namespace}/index`, new TextEncoder().encode('{}'));
    await client.pushBlob(`${namespace}/index`, before);
    await client.pushManifest(
      `${namespace}/index`,
      new TextEncoder().encode(
        JSON.stringify(indexManifest(before, new Date('2026-06-14T09:00:00Z'))),
      ),
      'application/vnd.oci.image.manifest.v1+json',
      { tag: 'latest' },
    );

    // pattern.go LoadPatternMeta reads metadata.tags with yaml.v3 into a
    // []string: `tags: []` is an empty, non-nil slice, json.Marshal writes `[]`;
    // no tags key or `tags:` (null) leaves it nil, written `null`.
    const metas = [
      ['empty-tags', '  tags: []\n'],
      ['no-tags', ''],
      ['null-tags', '  tags:\n'],
      ['two-tags', '  tags: [web, db]\n'],
    ];
    for (const [name, tagsLine] of metas) {
      const dir = await patternDir({
        'katalog.yaml': `kind: Katalog\nmetadata:\n  name: ${name}\n  version: v1.0.0\n${tagsLine}`,
      });
      dirs.push(dir);
      const { meta } = await readPatternDirectory(dir);
      const packed = await packPattern({ dir, meta, files: [] }, { created });
      // strings.Join of a nil or an empty slice alike.
      expect(packed.manifest.annotations!['io.orkestra.pattern.tags']).toBe(
        name === 'two-tags' ? 'web,db' : '',
      );
      await updatePatternIndex(
        client,
        namespace,
        indexEntryFor({
          name: meta.name,
          version: meta.version,
          description: meta.description,
          tags: meta.tags,
          author: meta.author,
          kind: meta.kind,
          deprecated: false,
        }),
        { now: () => created, settleMs: 0 },
      );
    }

    const entry = (name: string, tags: string) =>
      `{"name":"${name}","latestVersion":"v1.0.0","description":"Pattern ${name}","tags":${tags},"kind":"Katalog"}`;
    const blob =
      `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${foreign},` +
      `${entry('empty-tags', '[]')},${entry('no-tags', 'null')},` +
      `${entry('null-tags', 'null')},${entry('two-tags', '["web","db"]')}]}`;
    const raw = await skopeoRaw(registry, `${namespace}/index`, 'latest');
    expect(raw).toBe(orkIndexManifest(blob, '2026-06-14T10:00:00Z'));
    const stored = await client.fetchBlob(
      `${namespace}/index`,
      JSON.parse(raw).layers[0],
    );
    expect(Buffer.from(stored).toString('utf8')).toBe(blob);
  });

  it('encodes an index entry without tags as null, like a Go nil slice, and empty tags as []', () => {
    const bytes = encodePatternIndex({
      updatedAt: '2026-06-14T10:00:00Z',
      entries: [
        {
          name: 'x',
          latestVersion: 'v1',
          description: 'Pattern x',
          tags: null,
        },
        { name: 'y', latestVersion: 'v1', description: 'Pattern y', tags: [] },
      ],
    });
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"updatedAt":"2026-06-14T10:00:00Z","entries":[{"name":"x","latestVersion":"v1","description":"Pattern x","tags":null},' +
        '{"name":"y","latestVersion":"v1","description":"Pattern y","tags":[]}]}',
    );
  });
});
