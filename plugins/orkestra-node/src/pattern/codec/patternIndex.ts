import {
  Annotations,
  MediaTypes,
  PatternKind,
} from '@internal/backstage-plugin-orkestra-common';
import { digestOf } from '../../oci/digest';
import { OciInvalidContentError, OciNotFoundError } from '../../oci/errors';
import { EMPTY_JSON } from '../../oci/mediaTypes';
import { Descriptor, ImageManifest, OciStore } from '../../oci/types';
import { formatRfc3339, goJsonStringify } from './goEncoding';

/** One entry of `<namespace>/index:latest`, field names as `ork` writes them. */
export interface PatternIndexEntry {
  name: string;
  latestVersion: string;
  description: string;
  /**
   * `null` for a nil slice (no `tags` key in the YAML), `[]` for `tags: []`:
   * Go marshals the two differently, and both survive ork's read-modify-write.
   */
  tags: string[] | null;
  author?: string;
  kind?: PatternKind;
  e2eStatus?: string;
  simulateStatus?: string;
  deprecated?: boolean;
}

export interface PatternIndex {
  updatedAt: string;
  entries: PatternIndexEntry[];
}

export const INDEX_TAG = 'latest';
export const INDEX_TITLE = 'index.json';
const MAX_INDEX_BYTES = 8 * 1024 * 1024;

/** `<namespace>/index`: where `ork push` keeps the index of a namespace's patterns. */
export function indexRepository(namespace: string): string {
  return `${namespace.replace(/\/+$/, '')}/index`;
}

/** A repository's namespace: the repository minus its last path segment. */
export function namespaceOf(repository: string): string {
  const cut = repository.lastIndexOf('/');
  if (cut <= 0)
    throw new OciInvalidContentError(
      `repository ${repository} has no namespace for an index`,
    );
  return repository.slice(0, cut);
}

function normaliseEntry(value: unknown): PatternIndexEntry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const e = value as Record<string, unknown>;
  if (typeof e.name !== 'string' || e.name === '') return undefined;
  const entry: PatternIndexEntry = {
    name: e.name,
    latestVersion: typeof e.latestVersion === 'string' ? e.latestVersion : '',
    description: typeof e.description === 'string' ? e.description : '',
    tags: Array.isArray(e.tags)
      ? e.tags.filter((t): t is string => typeof t === 'string')
      : null,
  };
  if (typeof e.author === 'string' && e.author) entry.author = e.author;
  if (e.kind === 'Katalog' || e.kind === 'Motif') entry.kind = e.kind;
  if (typeof e.e2eStatus === 'string' && e.e2eStatus)
    entry.e2eStatus = e.e2eStatus;
  if (typeof e.simulateStatus === 'string' && e.simulateStatus)
    entry.simulateStatus = e.simulateStatus;
  if (e.deprecated === true) entry.deprecated = true;
  return entry;
}

/** Parses an index blob; accepts the documented `patterns` key as well as `entries`. */
export function parsePatternIndex(bytes: Uint8Array): PatternIndex {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OciInvalidContentError('the pattern index is not JSON');
  }
  const list = parsed?.entries ?? parsed?.patterns ?? [];
  if (!Array.isArray(list))
    throw new OciInvalidContentError('the pattern index has no entries list');
  return {
    updatedAt: typeof parsed.updatedAt === 'string' ? parsed.updatedAt : '',
    entries: list
      .map(normaliseEntry)
      .filter((e): e is PatternIndexEntry => e !== undefined),
  };
}

/** The index blob exactly as Go marshals `PatternIndex` (field order, omitempty, nil tags as null). */
export function encodePatternIndex(index: PatternIndex): Uint8Array {
  const entries = index.entries.map(e => ({
    name: e.name,
    latestVersion: e.latestVersion,
    description: e.description,
    tags: e.tags ?? null,
    ...(e.author ? { author: e.author } : {}),
    ...(e.kind ? { kind: e.kind } : {}),
    ...(e.e2eStatus ? { e2eStatus: e.e2eStatus } : {}),
    ...(e.simulateStatus ? { simulateStatus: e.simulateStatus } : {}),
    ...(e.deprecated ? { deprecated: true } : {}),
  }));
  return new TextEncoder().encode(
    goJsonStringify({ updatedAt: index.updatedAt, entries }),
  );
}

/**
 * The index manifest as oras-go `PackManifest` v1.1 writes it: `artifactType`
 * set, the empty config descriptor with its `data`, one `application/json`
 * layer titled `index.json`, and the `created` annotation.
 */
export function indexManifest(blob: Uint8Array, created: Date): ImageManifest {
  const layer: Descriptor = {
    mediaType: 'application/json',
    digest: digestOf(blob),
    size: blob.byteLength,
    annotations: { [Annotations.title]: INDEX_TITLE },
  };
  return {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    artifactType: MediaTypes.indexArtifact,
    config: {
      mediaType: MediaTypes.ociEmpty,
      digest: digestOf(EMPTY_JSON),
      size: 2,
      data: 'e30=',
    },
    layers: [layer],
    annotations: { [Annotations.created]: formatRfc3339(created) },
  };
}

/** Reads `<namespace>/index:latest`; undefined when there is none yet. */
export async function readPatternIndex(
  store: OciStore,
  namespace: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ index: PatternIndex; digest: string } | undefined> {
  const repository = indexRepository(namespace);
  let fetched;
  try {
    fetched = await store.fetchManifest(repository, INDEX_TAG, options);
  } catch (error) {
    if (error instanceof OciNotFoundError) return undefined;
    throw error;
  }
  const layers = (fetched.manifest as ImageManifest).layers ?? [];
  const layer =
    layers.find(l => l.annotations?.[Annotations.title] === INDEX_TITLE) ??
    layers.find(l => l.mediaType === 'application/json');
  if (!layer)
    throw new OciInvalidContentError(
      `${repository}:${INDEX_TAG} has no index.json layer`,
    );
  const blob = await store.fetchBlob(repository, layer, {
    maxBytes: MAX_INDEX_BYTES,
    signal: options.signal,
  });
  return { index: parsePatternIndex(blob), digest: fetched.descriptor.digest };
}

/** Builds the index entry `ork push` writes for a pushed pattern. */
export function indexEntryFor(input: {
  name: string;
  version: string;
  description: string;
  /** `PatternMeta.tags`: `null` when the YAML has no tags (a nil slice in ork), else the list, even empty. */
  tags: string[] | null;
  author?: string;
  kind: PatternKind;
  e2eStatus?: string;
  simulateStatus?: string;
  deprecated: boolean;
}): PatternIndexEntry {
  return {
    name: input.name,
    latestVersion: input.version,
    description: input.description,
    tags: input.tags,
    ...(input.author ? { author: input.author } : {}),
    kind: input.kind,
    ...(input.e2eStatus ? { e2eStatus: input.e2eStatus } : {}),
    ...(input.simulateStatus ? { simulateStatus: input.simulateStatus } : {}),
    ...(input.deprecated ? { deprecated: true } : {}),
  };
}

/** The update was overwritten by a concurrent writer on every attempt. */
export class PatternIndexConflictError extends OciInvalidContentError {
  constructor(namespace: string, attempts: number) {
    super(
      `the pattern index of ${namespace} kept changing under us; gave up after ${attempts} attempts`,
    );
    this.name = 'PatternIndexConflictError';
  }
}

/** In-process updates of one index are queued, so one backend never races itself. */
const indexQueues = new WeakMap<OciStore, Map<string, Promise<unknown>>>();

function queued<T>(
  store: OciStore,
  namespace: string,
  task: () => Promise<T>,
): Promise<T> {
  const queues = indexQueues.get(store) ?? new Map<string, Promise<unknown>>();
  indexQueues.set(store, queues);
  const previous = queues.get(namespace) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(task);
  queues.set(namespace, next);
  return next;
}

/**
 * Read-modify-write of `<namespace>/index:latest` after a push, like `ork`
 * (entry replaced by name, or appended; `updatedAt` set). `ork` has no
 * locking; here updates from this process are queued per index, and the index
 * is read again after writing: when another writer's update replaced ours in
 * the meantime, ours is applied again (bounded attempts). Registries offer no
 * compare-and-swap on tags, so a writer elsewhere can still win after that
 * re-read; the next publish of that pattern repairs it.
 */
export async function updatePatternIndex(
  store: OciStore,
  namespace: string,
  entry: PatternIndexEntry,
  options: {
    now?: () => Date;
    maxAttempts?: number;
    settleMs?: number;
    signal?: AbortSignal;
  } = {},
): Promise<{ digest: string; attempts: number }> {
  return queued(store, namespace, () =>
    writeIndexEntry(store, namespace, entry, options),
  );
}

async function writeIndexEntry(
  store: OciStore,
  namespace: string,
  entry: PatternIndexEntry,
  options: {
    now?: () => Date;
    maxAttempts?: number;
    settleMs?: number;
    signal?: AbortSignal;
  },
): Promise<{ digest: string; attempts: number }> {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 5;
  const settleMs = options.settleMs ?? 50;
  const repository = indexRepository(namespace);
  const wanted = goJsonStringify(normaliseEntry(entry));
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await readPatternIndex(store, namespace, options);
    const entries =
      current?.index.entries.filter(e => e.name !== entry.name) ?? [];
    const position =
      current?.index.entries.findIndex(e => e.name === entry.name) ?? -1;
    entries.splice(position >= 0 ? position : entries.length, 0, entry);

    const time = now();
    const blob = encodePatternIndex({
      // client.go updateIndex: time.Now().UTC().Format(time.RFC3339), whole
      // seconds. `ork patterns` keeps the newer of two indexes by comparing
      // this string, where a fraction (`.` sorts below `Z`) would lose.
      updatedAt: formatRfc3339(time),
      entries,
    });
    const manifestBytes = new TextEncoder().encode(
      goJsonStringify(indexManifest(blob, time)),
    );
    await store.pushBlob(repository, EMPTY_JSON, { signal: options.signal });
    await store.pushBlob(repository, blob, { signal: options.signal });
    const pushed = await store.pushManifest(
      repository,
      manifestBytes,
      MediaTypes.ociManifest,
      {
        tag: INDEX_TAG,
        signal: options.signal,
      },
    );

    // Give a concurrent writer that read before us the time to land, then look.
    await sleep(settleMs);
    const after = await readPatternIndex(store, namespace, options);
    const stored = after?.index.entries.find(e => e.name === entry.name);
    if (stored && goJsonStringify(stored) === wanted) {
      return { digest: pushed.digest, attempts: attempt };
    }
    await sleep(20 * attempt + Math.random() * 50);
  }
  throw new PatternIndexConflictError(namespace, maxAttempts);
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
