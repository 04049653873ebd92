import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MediaTypes } from '@orkspace/backstage-plugin-orkestra-common';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { digestOf } from '../digest';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciInvalidContentError,
  OciNotFoundError,
} from '../errors';
import { EMPTY_JSON, EMPTY_JSON_DIGEST } from '../mediaTypes';
import { Descriptor } from '../types';
import { OciLayoutStore } from './OciLayoutStore';

const execFileAsync = promisify(execFile);
const REF_NAME = 'org.opencontainers.image.ref.name';
const REPO = 'orkestra/katalogs/postgres';

const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));
const json = (value: unknown) => text(JSON.stringify(value));

/** An ORAS-style artifact manifest: empty config, one YAML layer. */
function artifactManifest(
  layer: Uint8Array,
  created = '2024-05-01T00:00:00Z',
): Uint8Array {
  return json({
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    artifactType: MediaTypes.katalogConfig,
    config: {
      mediaType: MediaTypes.ociEmpty,
      digest: EMPTY_JSON_DIGEST,
      size: 2,
      data: 'e30=',
    },
    layers: [
      {
        mediaType: MediaTypes.katalogLayer,
        digest: digestOf(layer),
        size: layer.length,
        annotations: { 'org.opencontainers.image.title': 'katalog.yaml' },
      },
    ],
    annotations: { 'org.opencontainers.image.created': created },
  });
}

/** Pushes config, layer and tagged manifest of an artifact into the store. */
async function pushArtifact(
  store: OciLayoutStore,
  repository: string,
  tag: string,
  layer: Uint8Array,
): Promise<{ manifest: Uint8Array; descriptor: Descriptor }> {
  await store.pushBlob(repository, EMPTY_JSON);
  await store.pushBlob(repository, layer);
  const manifest = artifactManifest(layer);
  const descriptor = await store.pushManifest(
    repository,
    manifest,
    MediaTypes.ociManifest,
    { tag },
  );
  return { manifest, descriptor };
}

let tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-layout-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(
    tempDirs.map(dir => rm(dir, { recursive: true, force: true })),
  );
  tempDirs = [];
});

describe('OciLayoutStore round trip', () => {
  it('stores an artifact and gives back identical bytes', async () => {
    const root = await tempDir();
    const store = await OciLayoutStore.open(root);
    const layer = text('apiVersion: orkestra.sh/v1\nkind: Katalog\n');
    const { manifest, descriptor } = await pushArtifact(
      store,
      REPO,
      'v1',
      layer,
    );

    expect(descriptor).toEqual({
      mediaType: MediaTypes.ociManifest,
      digest: digestOf(manifest),
      size: manifest.length,
    });
    expect(await store.listRepositories()).toEqual([REPO]);
    expect(await store.listTags(REPO)).toEqual(['v1']);
    expect(await store.resolve(REPO, 'v1')).toMatchObject(descriptor);
    expect(await store.resolve(REPO, descriptor.digest)).toMatchObject(
      descriptor,
    );

    const fetched = await store.fetchManifest(REPO, 'v1');
    expect(Buffer.from(fetched.bytes).equals(Buffer.from(manifest))).toBe(true);
    expect(fetched.descriptor.digest).toBe(descriptor.digest);
    expect(fetched.manifest).toMatchObject({
      schemaVersion: 2,
      artifactType: MediaTypes.katalogConfig,
    });

    const layerDescriptor = (fetched.manifest as { layers: Descriptor[] })
      .layers[0];
    expect(
      Buffer.from(await store.fetchBlob(REPO, layerDescriptor)).equals(
        Buffer.from(layer),
      ),
    ).toBe(true);
    expect(
      await store.fetchBlob(REPO, {
        mediaType: MediaTypes.ociEmpty,
        digest: EMPTY_JSON_DIGEST,
        size: 2,
      }),
    ).toEqual(EMPTY_JSON);
  });

  it('writes a standard image layout', async () => {
    const root = await tempDir();
    const store = await OciLayoutStore.open(join(root, 'new'), {
      create: true,
    });
    const { descriptor } = await pushArtifact(store, REPO, 'v1', text('a'));
    const dir = join(root, 'new', ...REPO.split('/'));

    expect(JSON.parse(await readFile(join(dir, 'oci-layout'), 'utf8'))).toEqual(
      {
        imageLayoutVersion: '1.0.0',
      },
    );
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toEqual(
      {
        schemaVersion: 2,
        mediaType: MediaTypes.ociIndex,
        manifests: [{ ...descriptor, annotations: { [REF_NAME]: 'v1' } }],
      },
    );
    const hex = descriptor.digest.slice('sha256:'.length);
    expect((await stat(join(dir, 'blobs', 'sha256', hex))).size).toBe(
      descriptor.size,
    );
  });

  it('skips blobs it has, mounts from another repository and re-tags', async () => {
    const store = await OciLayoutStore.open(await tempDir());
    const layer = text('layer');
    expect(await store.pushBlob(REPO, layer)).toMatchObject({
      skipped: false,
      mounted: false,
    });
    expect(await store.pushBlob(REPO, layer)).toMatchObject({
      skipped: true,
      mounted: false,
    });
    expect(
      await store.pushBlob('other/repo', layer, { mountFrom: REPO }),
    ).toMatchObject({
      skipped: false,
      mounted: true,
    });
    expect(
      await store.pushBlob('third', text('new'), { mountFrom: REPO }),
    ).toMatchObject({
      skipped: false,
      mounted: false,
    });

    const first = await pushArtifact(store, REPO, 'latest', text('one'));
    const second = await pushArtifact(store, REPO, 'latest', text('two'));
    await store.pushManifest(REPO, first.manifest, MediaTypes.ociManifest, {
      tag: 'v1',
    });
    expect(await store.listTags(REPO)).toEqual(['latest', 'v1']);
    expect((await store.resolve(REPO, 'latest')).digest).toBe(
      second.descriptor.digest,
    );
    expect((await store.resolve(REPO, 'v1')).digest).toBe(
      first.descriptor.digest,
    );

    // An untagged push of a listed digest adds nothing; an unlisted one adds an entry.
    await store.pushManifest(REPO, first.manifest, MediaTypes.ociManifest);
    const untagged = artifactManifest(text('three'));
    await store.pushManifest(REPO, untagged, MediaTypes.ociManifest);
    expect(await store.listTags(REPO)).toEqual(['latest', 'v1']);
    expect((await store.resolve(REPO, digestOf(untagged))).digest).toBe(
      digestOf(untagged),
    );

    await store.deleteManifest(REPO, first.descriptor.digest);
    expect(await store.listTags(REPO)).toEqual(['latest']);
    await expect(store.resolve(REPO, 'v1')).rejects.toThrow(OciNotFoundError);
    await expect(
      store.deleteManifest(REPO, first.descriptor.digest),
    ).rejects.toThrow(OciNotFoundError);
    expect(await store.listRepositories()).toEqual([
      'orkestra/katalogs/postgres',
      'other/repo',
      'third',
    ]);
  });

  it('keeps every tag when pushes to one repository run concurrently', async () => {
    const store = await OciLayoutStore.open(await tempDir());
    const tags = Array.from({ length: 12 }, (_, i) => `v${i}`);
    await Promise.all(
      tags.map(tag =>
        store.pushManifest(
          REPO,
          artifactManifest(text(tag)),
          MediaTypes.ociManifest,
          { tag },
        ),
      ),
    );
    expect(await store.listTags(REPO)).toEqual([...tags].sort());
  });

  it('reads tags and digests through a nested index, each tag once', async () => {
    const store = await OciLayoutStore.open(await tempDir());
    const child = artifactManifest(text('child'));
    const childDescriptor = await store.pushManifest(
      REPO,
      child,
      MediaTypes.ociManifest,
    );
    const nested = json({
      schemaVersion: 2,
      mediaType: MediaTypes.ociIndex,
      manifests: [{ ...childDescriptor, annotations: { [REF_NAME]: 'inner' } }],
    });
    await store.pushManifest(REPO, nested, MediaTypes.ociIndex, {
      tag: 'outer',
    });
    await store.pushManifest(REPO, nested, MediaTypes.ociIndex, {
      tag: 'inner',
    });
    await store.deleteManifest(REPO, childDescriptor.digest);

    expect(await store.listTags(REPO)).toEqual(['inner', 'outer']);
    // The top-level `inner` entry wins over the nested one.
    expect((await store.resolve(REPO, 'inner')).digest).toBe(digestOf(nested));
    expect(await store.resolve(REPO, childDescriptor.digest)).toMatchObject(
      childDescriptor,
    );
    expect((await store.fetchManifest(REPO, 'outer')).manifest).toMatchObject({
      manifests: [expect.anything()],
    });
  });

  it('names repository and reference when something is missing', async () => {
    const root = await tempDir();
    const store = await OciLayoutStore.open(root);
    await expect(store.listTags('no/such')).rejects.toThrow(/no\/such/);
    await expect(store.resolve('no/such', 'v9')).rejects.toThrow(
      /no\/such.*v9/,
    );
    await expect(
      store.deleteManifest('no/such', digestOf(text('v9'))),
    ).rejects.toThrow(OciNotFoundError);
    await pushArtifact(store, REPO, 'v1', text('x'));
    await expect(store.resolve(REPO, 'v2')).rejects.toThrow(
      new OciNotFoundError(`Manifest v2 not found in repository ${REPO}`),
    );
    const missing = digestOf(text('missing'));
    await expect(store.fetchManifest(REPO, missing)).rejects.toThrow(
      OciNotFoundError,
    );
    await expect(
      store.fetchBlob(REPO, { mediaType: 'x', digest: missing, size: 7 }),
    ).rejects.toThrow(new RegExp(`${missing}.*${REPO}`));
    await expect(OciLayoutStore.open(join(root, 'absent'))).rejects.toThrow(
      OciNotFoundError,
    );
  });

  it('rejects a manifest that is not JSON, not schemaVersion 2 or of another media type', async () => {
    const store = await OciLayoutStore.open(await tempDir());
    await expect(
      store.pushManifest(REPO, text('nope'), MediaTypes.ociManifest),
    ).rejects.toThrow(OciInvalidContentError);
    await expect(
      store.pushManifest(
        REPO,
        json({ schemaVersion: 1 }),
        MediaTypes.ociManifest,
      ),
    ).rejects.toThrow(OciInvalidContentError);
    await expect(
      store.pushManifest(
        REPO,
        artifactManifest(text('a')),
        MediaTypes.ociIndex,
      ),
    ).rejects.toThrow(/declares mediaType/);

    // A blob that is not a manifest, fetched by digest.
    const { digest } = await store.pushBlob(REPO, text('not json'));
    await expect(store.fetchManifest(REPO, digest)).rejects.toThrow(
      OciInvalidContentError,
    );
  });
});

describe('OciLayoutStore refuses to leave its root', () => {
  let root: string;
  let outside: string;
  let store: OciLayoutStore;

  beforeEach(async () => {
    const base = await tempDir();
    root = join(base, 'root');
    outside = join(base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret'), 'secret');
    store = await OciLayoutStore.open(root, { create: true });
  });

  /** Writes a hand-made layout whose index.json lists `entries`. */
  async function handLayout(
    repository: string,
    entries: unknown[],
  ): Promise<string> {
    const dir = join(root, ...repository.split('/'));
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: entries }),
    );
    return dir;
  }

  it('rejects an index.json naming a traversing digest', async () => {
    await handLayout('evil', [
      {
        mediaType: MediaTypes.ociManifest,
        digest: 'sha256:../../../../outside/secret',
        size: 6,
        annotations: { [REF_NAME]: 'v1' },
      },
    ]);
    await expect(store.listTags('evil')).rejects.toThrow(
      OciInvalidContentError,
    );
    await expect(store.fetchManifest('evil', 'v1')).rejects.toThrow(
      OciInvalidContentError,
    );
    await expect(
      store.pushManifest(
        'evil',
        artifactManifest(text('a')),
        MediaTypes.ociManifest,
      ),
    ).rejects.toThrow(OciInvalidContentError);
  });

  it('rejects traversing repository names, tags and digests before touching the disk', async () => {
    for (const repository of [
      '../../etc',
      '../outside',
      '/etc',
      'a/../../outside',
      'A',
      '',
    ]) {
      await expect(store.listTags(repository)).rejects.toThrow(
        OciInvalidContentError,
      );
      await expect(store.pushBlob(repository, text('x'))).rejects.toThrow(
        OciInvalidContentError,
      );
      await expect(
        store.pushBlob(REPO, text('x'), { mountFrom: repository }),
      ).rejects.toThrow(OciInvalidContentError);
    }
    await pushArtifact(store, REPO, 'v1', text('x'));
    for (const reference of [
      'a/b',
      '../v1',
      '.hidden',
      'sha256:../../outside/secret',
      'md5:abc',
    ]) {
      await expect(store.resolve(REPO, reference)).rejects.toThrow(
        OciInvalidContentError,
      );
    }
    await expect(
      store.pushManifest(
        REPO,
        artifactManifest(text('y')),
        MediaTypes.ociManifest,
        { tag: 'a/b' },
      ),
    ).rejects.toThrow(OciInvalidContentError);
    await expect(
      store.fetchBlob(REPO, {
        mediaType: 'x',
        digest: 'sha256:../../../outside/secret',
        size: 6,
      }),
    ).rejects.toThrow(OciInvalidContentError);
    await expect(store.deleteManifest(REPO, 'sha256:..')).rejects.toThrow(
      OciInvalidContentError,
    );
    expect(existsSync(join(root, '..', 'etc'))).toBe(false);
    expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('secret');
  });

  it('refuses a blob symlinked outside the root', async () => {
    const secret = text('secret');
    const digest = digestOf(secret);
    const dir = await handLayout('linked', [
      {
        mediaType: MediaTypes.ociManifest,
        digest,
        size: secret.length,
        annotations: { [REF_NAME]: 'v1' },
      },
    ]);
    await symlink(
      join(outside, 'secret'),
      join(dir, 'blobs', 'sha256', digest.slice(7)),
    );

    await expect(store.fetchManifest('linked', 'v1')).rejects.toThrow(
      /outside the layout root/,
    );
    await expect(
      store.fetchBlob('linked', {
        mediaType: 'x',
        digest,
        size: secret.length,
      }),
    ).rejects.toThrow(OciInvalidContentError);
    await expect(store.pushBlob('linked', secret)).rejects.toThrow(
      OciInvalidContentError,
    );
  });

  it('refuses repository folders and index files symlinked outside the root', async () => {
    await symlink(outside, join(root, 'escape'));
    await expect(store.pushBlob('escape/repo', text('x'))).rejects.toThrow(
      OciInvalidContentError,
    );
    expect(existsSync(join(outside, 'repo'))).toBe(false);

    const dir = await handLayout('indexlink', []);
    await writeFile(
      join(outside, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: [] }),
    );
    await rm(join(dir, 'index.json'));
    await symlink(join(outside, 'index.json'), join(dir, 'index.json'));
    await expect(store.listTags('indexlink')).rejects.toThrow(
      /outside the layout root/,
    );

    // listRepositories does not follow the symlinked folder.
    await handLayout('../outside/hidden', []);
    expect(await store.listRepositories()).toEqual(['indexlink']);
  });

  it('follows a symlink that stays inside the root', async () => {
    const layer = text('shared');
    await store.pushBlob('shared', layer);
    const dir = await handLayout('inner', []);
    const hex = digestOf(layer).slice(7);
    await symlink(
      join(root, 'shared', 'blobs', 'sha256', hex),
      join(dir, 'blobs', 'sha256', hex),
    );
    const blob = await store.fetchBlob('inner', {
      mediaType: 'x',
      digest: digestOf(layer),
      size: layer.length,
    });
    expect(blob).toEqual(layer);
  });
});

describe('OciLayoutStore limits and integrity', () => {
  it('refuses a blob larger than maxBytes before reading it', async () => {
    const store = await OciLayoutStore.open(await tempDir());
    const layer = text('0123456789');
    const descriptor = {
      mediaType: 'x',
      digest: digestOf(layer),
      size: layer.length,
    };
    // Not even pushed: the declared size alone is refused.
    await expect(
      store.fetchBlob(REPO, descriptor, { maxBytes: 5 }),
    ).rejects.toThrow(OciContentTooLargeError);
    await store.pushBlob(REPO, layer);
    await expect(
      store.fetchBlob(REPO, descriptor, { maxBytes: 9 }),
    ).rejects.toThrow(OciContentTooLargeError);
    expect(await store.fetchBlob(REPO, descriptor, { maxBytes: 10 })).toEqual(
      layer,
    );

    const { descriptor: manifest } = await pushArtifact(
      store,
      REPO,
      'v1',
      layer,
    );
    await expect(
      store.fetchManifest(REPO, 'v1', { maxBytes: manifest.size - 1 }),
    ).rejects.toThrow(OciContentTooLargeError);
    await expect(
      store.fetchManifest(REPO, manifest.digest, { maxBytes: 10 }),
    ).rejects.toThrow(OciContentTooLargeError);
  });

  it('detects a corrupted blob and a size that does not match', async () => {
    const root = await tempDir();
    const store = await OciLayoutStore.open(root);
    const layer = text('original');
    const { manifest, descriptor } = await pushArtifact(
      store,
      REPO,
      'v1',
      layer,
    );
    const blobs = join(root, ...REPO.split('/'), 'blobs', 'sha256');

    await writeFile(join(blobs, digestOf(layer).slice(7)), 'ORIGINAL');
    const layerDescriptor = {
      mediaType: 'x',
      digest: digestOf(layer),
      size: layer.length,
    };
    await expect(store.fetchBlob(REPO, layerDescriptor)).rejects.toThrow(
      OciDigestMismatchError,
    );

    const corrupted = Buffer.from(manifest);
    corrupted[corrupted.length - 2] = 0x20;
    await writeFile(join(blobs, descriptor.digest.slice(7)), corrupted);
    await expect(store.fetchManifest(REPO, 'v1')).rejects.toThrow(
      OciDigestMismatchError,
    );

    await writeFile(
      join(blobs, descriptor.digest.slice(7)),
      Buffer.concat([Buffer.from(manifest), Buffer.from(' ')]),
    );
    await expect(store.fetchManifest(REPO, 'v1')).rejects.toThrow(
      /bytes on disk/,
    );
  });

  it('rejects a layout with another imageLayoutVersion', async () => {
    const root = await tempDir();
    const store = await OciLayoutStore.open(root);
    await mkdir(join(root, 'old'));
    await writeFile(
      join(root, 'old', 'oci-layout'),
      '{"imageLayoutVersion":"2.0.0"}',
    );
    await writeFile(
      join(root, 'old', 'index.json'),
      '{"schemaVersion":2,"manifests":[]}',
    );
    await expect(store.listTags('old')).rejects.toThrow(OciInvalidContentError);
  });
});

describe('OciLayoutStore interop with skopeo and a registry', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry();
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });

  async function skopeoCopy(
    source: string,
    destination: string,
    flags: string[],
  ): Promise<void> {
    await execFileAsync(
      'skopeo',
      ['copy', '--quiet', '--preserve-digests', ...flags, source, destination],
      {
        timeout: 60_000,
        // skopeo reads registries.conf and policy.json; keep it away from the user's auth files.
        env: {
          ...process.env,
          REGISTRY_AUTH_FILE: join(tmpdir(), 'orkestra-no-auth.json'),
        },
      },
    );
  }

  /** POST then PUT: distribution 2.8 does not store single-request uploads. */
  async function pushRegistryBlob(
    repository: string,
    content: Uint8Array,
  ): Promise<void> {
    const start = await fetch(
      `${registry.url}/v2/${repository}/blobs/uploads/`,
      { method: 'POST' },
    );
    await start.arrayBuffer();
    expect(start.status).toBe(202);
    const location = new URL(start.headers.get('location')!, registry.url);
    location.searchParams.set('digest', digestOf(content));
    const put = await fetch(location, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(content),
    });
    await put.arrayBuffer();
    expect(put.status).toBe(201);
  }

  async function fetchRegistryManifest(
    repository: string,
    tag: string,
  ): Promise<{ bytes: Buffer; digest: string | null }> {
    const response = await fetch(
      `${registry.url}/v2/${repository}/manifests/${tag}`,
      {
        headers: { accept: MediaTypes.ociManifest },
      },
    );
    expect(response.status).toBe(200);
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      digest: response.headers.get('docker-content-digest'),
    };
  }

  it('reads what skopeo copies from the registry, byte-identical', async () => {
    const layer = text(
      'apiVersion: orkestra.sh/v1\nkind: Katalog\nmetadata:\n  name: postgres\n',
    );
    const manifest = artifactManifest(layer);
    await pushRegistryBlob(REPO, EMPTY_JSON);
    await pushRegistryBlob(REPO, layer);
    const put = await fetch(`${registry.url}/v2/${REPO}/manifests/v1`, {
      method: 'PUT',
      headers: { 'content-type': MediaTypes.ociManifest },
      body: new Uint8Array(manifest),
    });
    await put.arrayBuffer();
    expect(put.status).toBe(201);

    const root = await tempDir();
    await mkdir(join(root, ...REPO.split('/')), { recursive: true });
    await skopeoCopy(
      `docker://${registry.host}/${REPO}:v1`,
      `oci:${join(root, REPO)}:v1`,
      ['--src-tls-verify=false'],
    );

    const store = await OciLayoutStore.open(root);
    expect(await store.listRepositories()).toEqual([REPO]);
    expect(await store.listTags(REPO)).toEqual(['v1']);
    const fetched = await store.fetchManifest(REPO, 'v1');
    expect(Buffer.from(fetched.bytes).equals(Buffer.from(manifest))).toBe(true);
    expect(fetched.descriptor).toMatchObject({
      mediaType: MediaTypes.ociManifest,
      digest: digestOf(manifest),
      size: manifest.length,
    });
    const layerDescriptor = (fetched.manifest as { layers: Descriptor[] })
      .layers[0];
    expect(await store.fetchBlob(REPO, layerDescriptor)).toEqual(layer);
  }, 60_000);

  it('writes a layout skopeo copies to the registry, byte-identical', async () => {
    const root = await tempDir();
    const store = await OciLayoutStore.open(root);
    const layer = text('apiVersion: orkestra.sh/v1\nkind: Pattern\n');
    const { manifest, descriptor } = await pushArtifact(
      store,
      'orkestra/patterns/web',
      'v2',
      layer,
    );

    await skopeoCopy(
      `oci:${join(root, 'orkestra/patterns/web')}:v2`,
      `docker://${registry.host}/orkestra/patterns/web-copy:v2`,
      ['--dest-tls-verify=false'],
    );

    const copied = await fetchRegistryManifest(
      'orkestra/patterns/web-copy',
      'v2',
    );
    expect(copied.bytes.equals(Buffer.from(manifest))).toBe(true);
    expect(copied.digest).toBe(descriptor.digest);
  }, 60_000);
});
