import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { PatternKind } from '@orkspace/backstage-plugin-orkestra-common';
import {
  digestOf,
  EMPTY_JSON,
  indexEntryFor,
  namespaceOf,
  OciStore,
  packPattern,
  publishPattern,
  readPatternDirectory,
  updatePatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';
import { EXAMPLE_PATTERNS_DIR } from '@orkspace/orkestra-test-utils';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrkestraConfig } from '../config/orkestraConfig';
import { PatternStore } from '../store/PatternStore';
import { StoreFactory } from '../sources/OpenSources';
import { SyncEngine } from '../sync/SyncEngine';

/**
 * The `orkestra` section for one source `local` over `target`, discovering
 * its repositories as the product does by default: a registry by the index
 * `ork push` keeps in the `motifs` and `katalogs` namespaces under the
 * target's path, a layout by listing it.
 */
export function orkestraConfigFor(
  source: JsonObject,
  sync: JsonObject = {},
): JsonObject {
  const byIndex =
    (source.type ?? 'registry') === 'registry' &&
    (source.discovery ?? 'index') === 'index';
  const path = String(source.target ?? '')
    .replace(/^[a-z]+:\/\//, '')
    .split('/')
    .slice(1)
    .join('/');
  const namespaces =
    byIndex && !source.namespaces && path
      ? { namespaces: [`${path}/motifs`, `${path}/katalogs`] }
      : {};
  return {
    sources: [{ id: 'local', ...namespaces, ...source }],
    policy: { requiredGates: ['simulate'], minMaturity: 'beta' },
    ownership: {
      defaultOwner: 'group:default/platform',
      authors: { 'data-team': 'group:default/data' },
    },
    // Faults are injected into resyncs: check every repository every run,
    // never skipping a namespace whose index did not change.
    sync: {
      missingGracePeriod: { days: 7 },
      fullCheckInterval: { seconds: 0 },
      ...sync,
    },
  };
}

/** A SyncEngine for the source `local` at `http://<host>/<prefix>` (`orkestra` by default). */
export function engineFor(options: {
  store: PatternStore;
  host: string;
  prefix?: string;
  storeFactory?: StoreFactory;
  credentials?: JsonObject;
  sync?: JsonObject;
  logger?: LoggerService;
  /** `index` (the default), `catalog` or `list`. */
  discovery?: string;
  /** More of the source's configuration, e.g. `repositories` for `list`. */
  source?: JsonObject;
  now?: () => Date;
  events?: EventsService;
}): SyncEngine {
  const source: JsonObject = {
    type: 'registry',
    target: `http://${options.host}/${options.prefix ?? 'orkestra'}`,
  };
  if (options.discovery) source.discovery = options.discovery;
  Object.assign(source, options.source);
  if (options.credentials) source.credentials = options.credentials;
  return new SyncEngine({
    store: options.store,
    config: readOrkestraConfig(
      new ConfigReader({ orkestra: orkestraConfigFor(source, options.sync) }),
    ),
    logger: options.logger ?? mockServices.logger.mock(),
    storeFactory: options.storeFactory,
    now: options.now,
    events: options.events,
  });
}

/**
 * Publishes a new version of an example pattern with the codec, as `ork
 * push` would: the example folder `from` (e.g. `motifs/web-service/v1.1.0`)
 * with its `metadata.version` set to `version` and `files` replaced.
 */
export async function publishVersion(
  store: OciStore,
  options: {
    from: string;
    repository: string;
    version: string;
    files?: Record<string, string>;
    /** Edits the primary file (`katalog.yaml` or `motif.yaml`). */
    edit?: (text: string) => string;
  },
) {
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-version-'));
  try {
    await cp(join(EXAMPLE_PATTERNS_DIR, options.from), dir, {
      recursive: true,
    });
    const primary = (await readPatternDirectory(dir)).files[0];
    await writeFile(
      primary.path,
      (options.edit ?? (text => text))(
        await readFile(primary.path, 'utf8'),
      ).replace(/^( {2}version:).*$/m, `$1 ${options.version}`),
    );
    for (const [name, content] of Object.entries(options.files ?? {}))
      await writeFile(join(dir, name), content);
    const packed = await packPattern(await readPatternDirectory(dir), {
      created: new Date('2026-11-24T10:00:00Z'),
    });
    const manifest = await publishPattern(
      store,
      { repository: options.repository, tag: options.version },
      packed,
    );
    const annotations = packed.manifest.annotations ?? {};
    await updateIndexOf(store, options.repository, {
      version: options.version,
      kind: annotations['io.orkestra.pattern.kind'] as PatternKind,
      description: annotations['org.opencontainers.image.description'] ?? '',
    });
    return { packed, manifest };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Pushes a manifest whose layers are given by hand (kind Katalog), for
 * content the codec would never produce.
 */
export async function pushManifestWithLayers(
  store: OciStore,
  repository: string,
  tag: string,
  layers: Array<{
    name: string;
    mediaType: string;
    digest: string;
    size: number;
  }>,
  annotations: Record<string, string> = {},
): Promise<string> {
  await store.pushBlob(repository, EMPTY_JSON);
  const manifest = new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
        digest: digestOf(EMPTY_JSON),
        size: 2,
      },
      layers: layers.map(l => ({
        mediaType: l.mediaType,
        digest: l.digest,
        size: l.size,
        annotations: { 'org.opencontainers.image.title': l.name },
      })),
      annotations: {
        'io.orkestra.pattern.kind': 'Katalog',
        'io.orkestra.pattern.name': repository.split('/').pop()!,
        ...annotations,
      },
    }),
  );
  const descriptor = await store.pushManifest(
    repository,
    manifest,
    'application/vnd.oci.image.manifest.v1+json',
    { tag },
  );
  await updateIndexOf(store, repository, {
    version: tag,
    kind: 'Katalog',
    description: '',
  });
  return descriptor.digest;
}

/** Writes the repository's entry into its namespace's index, as `ork push` does after a push. */
async function updateIndexOf(
  store: OciStore,
  repository: string,
  entry: { version: string; kind: PatternKind; description: string },
): Promise<void> {
  await updatePatternIndex(
    store,
    namespaceOf(repository),
    indexEntryFor({
      name: repository.slice(namespaceOf(repository).length + 1),
      tags: null,
      deprecated: false,
      ...entry,
    }),
  );
}

const CHUNK = 1024 * 1024;

/** `size` bytes of YAML comment lines, produced one chunk at a time. */
function* paddingChunks(size: number): Generator<Buffer> {
  const line = Buffer.from(`# ${'x'.repeat(61)}\n`);
  const chunk = Buffer.alloc(CHUNK);
  for (let at = 0; at < CHUNK; at += line.length) line.copy(chunk, at);
  for (let sent = 0; sent < size; sent += CHUNK)
    yield chunk.subarray(0, Math.min(CHUNK, size - sent));
}

/**
 * Streams a blob of `size` bytes into a real registry (POST, then one PUT),
 * generated on the fly: the test never holds it in memory.
 */
export async function streamLargeBlob(
  registryUrl: string,
  repository: string,
  size: number,
): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  for (const chunk of paddingChunks(size)) hash.update(chunk);
  const digest = `sha256:${hash.digest('hex')}`;

  const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
  });
  await start.arrayBuffer();
  if (start.status !== 202)
    throw new Error(`upload of a large blob refused: HTTP ${start.status}`);
  const location = new URL(start.headers.get('location')!, registryUrl);
  location.searchParams.set('digest', digest);
  await new Promise<void>((resolve, reject) => {
    const put = request(
      location,
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(size),
        },
      },
      response => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 201
            ? resolve()
            : reject(new Error(`large blob PUT: HTTP ${response.statusCode}`)),
        );
      },
    );
    put.on('error', reject);
    const chunks = paddingChunks(size);
    const pump = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) {
          put.end();
          return;
        }
        if (!put.write(next.value)) {
          put.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  return { digest, size };
}
