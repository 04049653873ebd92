import {
  Annotations,
  MediaTypes,
} from '@orkspace/backstage-plugin-orkestra-common';
import { OciInvalidContentError, OciNotFoundError } from '../../oci/errors';
import { EMPTY_JSON } from '../../oci/mediaTypes';
import { ImageManifest, OciStore } from '../../oci/types';
import { formatRfc3339, goJsonStringify } from './goEncoding';
import {
  decodeForMerge,
  normaliseEntry,
  parsePatternIndex,
} from './patternIndexDecoding';
import {
  encodePatternIndex,
  indexManifest,
  indexRepository,
  INDEX_TAG,
  INDEX_TITLE,
  PatternIndex,
  PatternIndexEntry,
} from './patternIndexFormat';

export * from './patternIndexFormat';
export { parsePatternIndex } from './patternIndexDecoding';

const MAX_INDEX_BYTES = 8 * 1024 * 1024;

/** The index blob of `<namespace>/index:latest` and the manifest's digest; undefined when there is none yet. */
async function fetchIndexBlob(
  store: OciStore,
  namespace: string,
  options: { signal?: AbortSignal },
): Promise<{ blob: Uint8Array; digest: string } | undefined> {
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
  return { blob, digest: fetched.descriptor.digest };
}

/**
 * Reads `<namespace>/index:latest` for readers ({@link parsePatternIndex}); undefined when there is none yet.
 *
 * @public
 */
export async function readPatternIndex(
  store: OciStore,
  namespace: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ index: PatternIndex; digest: string } | undefined> {
  const fetched = await fetchIndexBlob(store, namespace, options);
  if (!fetched) return undefined;
  return { index: parsePatternIndex(fetched.blob), digest: fetched.digest };
}

/**
 * The update was overwritten by a concurrent writer on every attempt.
 *
 * @public
 */
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
 * (entry replaced by name, or appended; `updatedAt` set; every other entry
 * written back as `ork` would, see DIFFERENCES.md for where we differ). `ork` has no
 * locking; here updates from this process are queued per index, and the index
 * is read again after writing: when another writer's update replaced ours in
 * the meantime, ours is applied again (bounded attempts). Registries offer no
 * compare-and-swap on tags, so a writer elsewhere can still win after that
 * re-read; the next publish of that pattern repairs it.
 *
 * @public
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
    // Only a missing index starts empty; one that cannot be read is not
    // overwritten (ork resets it, losing every other entry).
    const current = await fetchIndexBlob(store, namespace, options);
    const existing = current ? decodeForMerge(current.blob, namespace) : [];
    // ork replaces the first entry of the name and leaves later ones stale;
    // we write one entry for the name, where the first one was.
    const entries = existing.filter(e => e.name !== entry.name);
    const position = existing.findIndex(e => e.name === entry.name);
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
