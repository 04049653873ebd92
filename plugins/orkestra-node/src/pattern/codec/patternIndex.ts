import {
  Annotations,
  MediaTypes,
  PatternKind,
} from '@orkspace/backstage-plugin-orkestra-common';
import { digestOf } from '../../oci/digest';
import { OciInvalidContentError, OciNotFoundError } from '../../oci/errors';
import { EMPTY_JSON } from '../../oci/mediaTypes';
import { Descriptor, ImageManifest, OciStore } from '../../oci/types';
import { formatRfc3339, goJsonStringify } from './goEncoding';

/**
 * One entry of `<namespace>/index:latest`, field names as `ork` writes them.
 *
 * @public
 */
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
  /**
   * `Katalog` or `Motif` as `ork push` writes it; any other value (a newer
   * ork's, a hand edit) is kept verbatim, as `ork` keeps it.
   */
  kind?: string;
  e2eStatus?: string;
  simulateStatus?: string;
  deprecated?: boolean;
}

/**
 * The index of a namespace's patterns (`<namespace>/index:latest`), as `ork` writes it.
 *
 * @public
 */
export interface PatternIndex {
  updatedAt: string;
  entries: PatternIndexEntry[];
}

/**
 * The tag of a namespace's index manifest.
 *
 * @public
 */
export const INDEX_TAG = 'latest';

/**
 * The title (`org.opencontainers.image.title`) of the index manifest's one layer.
 *
 * @public
 */
export const INDEX_TITLE = 'index.json';
const MAX_INDEX_BYTES = 8 * 1024 * 1024;

/**
 * `<namespace>/index`: where `ork push` keeps the index of a namespace's patterns.
 *
 * @public
 */
export function indexRepository(namespace: string): string {
  return `${namespace.replace(/\/+$/, '')}/index`;
}

/**
 * A repository's namespace: the repository minus its last path segment.
 *
 * @public
 */
export function namespaceOf(repository: string): string {
  const cut = repository.lastIndexOf('/');
  if (cut <= 0)
    throw new OciInvalidContentError(
      `repository ${repository} has no namespace for an index`,
    );
  return repository.slice(0, cut);
}

/** `PatternEntry`'s JSON fields, in Go's struct order. */
const ENTRY_FIELDS = [
  'name',
  'latestVersion',
  'description',
  'tags',
  'author',
  'kind',
  'e2eStatus',
  'simulateStatus',
  'deprecated',
] as const;
const INDEX_FIELDS = ['updatedAt', 'entries'] as const;
/** Go fields a JSON `null` sets to nil; for the others it changes nothing. */
const NULLABLE_FIELDS: ReadonlySet<string> = new Set(['tags', 'entries']);

/**
 * The value `encoding/json` assigns to each field: a key matches its field
 * exactly or case-insensitively, a later key overwrites an earlier one, and
 * `null` sets a slice to nil but leaves a string or a bool as it is. Keys of
 * no field are ignored. `undefined` means the field keeps its zero value.
 */
function goFields<F extends string>(
  object: Record<string, unknown>,
  fields: readonly F[],
): Partial<Record<F, unknown>> {
  const byFolded = new Map(fields.map(f => [f.toLowerCase(), f]));
  const values: Partial<Record<F, unknown>> = {};
  for (const [key, value] of Object.entries(object)) {
    const field = (fields as readonly string[]).includes(key)
      ? (key as F)
      : byFolded.get(key.toLowerCase());
    if (!field) continue;
    if (value === null && !NULLABLE_FIELDS.has(field)) continue;
    values[field] = value;
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * An entry as readers see it, leniently: one with no name is dropped (it
 * names no repository), fields of the wrong type read as empty, tags that
 * are not strings left out. Any kind is kept verbatim, as `ork` keeps it.
 */
function normaliseEntry(value: unknown): PatternIndexEntry | undefined {
  if (!isObject(value)) return undefined;
  const e = goFields(value, ENTRY_FIELDS);
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
  if (typeof e.kind === 'string' && e.kind) entry.kind = e.kind;
  if (typeof e.e2eStatus === 'string' && e.e2eStatus)
    entry.e2eStatus = e.e2eStatus;
  if (typeof e.simulateStatus === 'string' && e.simulateStatus)
    entry.simulateStatus = e.simulateStatus;
  if (e.deprecated === true) entry.deprecated = true;
  return entry;
}

function parseJson(bytes: Uint8Array): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return undefined;
  }
}

/** The entries list: `entries` as `ork` writes it, else the `patterns` its docs show. */
function entriesOf(
  index: Record<string, unknown>,
  fields: Partial<Record<'updatedAt' | 'entries', unknown>>,
): unknown {
  return fields.entries ?? index.patterns;
}

/**
 * Parses an index blob for readers (discovery, display): as much as can be
 * read, leniently (an entry without a usable name is dropped, other fields
 * are kept when well typed); of entries sharing a name
 * the first is kept, the one `ork push` keeps current. Accepts the
 * documented `patterns` key as well as `entries`.
 *
 * @public
 */
export function parsePatternIndex(bytes: Uint8Array): PatternIndex {
  const parsed = parseJson(bytes);
  if (!parsed)
    throw new OciInvalidContentError('the pattern index is not JSON');
  const index = isObject(parsed.value) ? parsed.value : {};
  const fields = goFields(index, INDEX_FIELDS);
  const list = entriesOf(index, fields) ?? [];
  if (!Array.isArray(list))
    throw new OciInvalidContentError('the pattern index has no entries list');
  const seen = new Set<string>();
  const entries: PatternIndexEntry[] = [];
  for (const value of list) {
    const entry = normaliseEntry(value);
    if (!entry || seen.has(entry.name)) continue;
    seen.add(entry.name);
    entries.push(entry);
  }
  return {
    updatedAt: typeof fields.updatedAt === 'string' ? fields.updatedAt : '',
    entries,
  };
}

/** Why Go's `json.Unmarshal` into `PatternIndex` would fail on this index. */
class NotGoDecodable extends Error {}

function goString(value: unknown, path: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string')
    throw new NotGoDecodable(`${path} is not a string`);
  return value;
}

function goEntry(value: unknown, path: string): PatternIndexEntry {
  // A null entry decodes to the zero PatternEntry.
  const object = value === null ? {} : value;
  if (!isObject(object)) throw new NotGoDecodable(`${path} is not an object`);
  const e = goFields(object, ENTRY_FIELDS);
  let tags: string[] | null = null;
  if (e.tags !== undefined && e.tags !== null) {
    if (!Array.isArray(e.tags))
      throw new NotGoDecodable(`${path}.tags is not a list`);
    // A null item decodes to "".
    tags = e.tags.map((t, i) =>
      t === null ? '' : goString(t, `${path}.tags[${i}]`),
    );
  }
  if (e.deprecated !== undefined && typeof e.deprecated !== 'boolean')
    throw new NotGoDecodable(`${path}.deprecated is not a boolean`);
  const entry: PatternIndexEntry = {
    name: goString(e.name, `${path}.name`),
    latestVersion: goString(e.latestVersion, `${path}.latestVersion`),
    description: goString(e.description, `${path}.description`),
    tags,
  };
  const author = goString(e.author, `${path}.author`);
  if (author) entry.author = author;
  const kind = goString(e.kind, `${path}.kind`);
  if (kind) entry.kind = kind;
  const e2eStatus = goString(e.e2eStatus, `${path}.e2eStatus`);
  if (e2eStatus) entry.e2eStatus = e2eStatus;
  const simulateStatus = goString(e.simulateStatus, `${path}.simulateStatus`);
  if (simulateStatus) entry.simulateStatus = simulateStatus;
  if (e.deprecated === true) entry.deprecated = true;
  return entry;
}

/**
 * The entries of an index as `ork push` reads them before it writes it back
 * (client.go `fetchIndex`: `json.Unmarshal` into `PatternIndex`), so that
 * every entry we do not write is written back as `ork` would: nameless
 * entries, any kind, every duplicate, `[]` and `null` tags. A `patterns`
 * list (ork's docs) is taken for `entries`, so its entries are not lost.
 *
 * Where Go's decoder fails, `ork` resets the index to the one entry it
 * pushes; we refuse to write instead, and say why.
 */
function decodeForMerge(
  bytes: Uint8Array,
  namespace: string,
): PatternIndexEntry[] {
  try {
    const parsed = parseJson(bytes);
    if (!parsed) throw new NotGoDecodable('it is not JSON');
    if (parsed.value === null) return [];
    if (!isObject(parsed.value))
      throw new NotGoDecodable('it is not a JSON object');
    const fields = goFields(parsed.value, INDEX_FIELDS);
    goString(fields.updatedAt, 'updatedAt');
    const list = entriesOf(parsed.value, fields);
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list))
      throw new NotGoDecodable('its entries are not a list');
    return list.map((value, i) => goEntry(value, `entries[${i}]`));
  } catch (error) {
    if (!(error instanceof NotGoDecodable)) throw error;
    throw new OciInvalidContentError(
      `the pattern index of ${namespace} is not one ork can read (${error.message}); ` +
        'it is left as it is, where ork push would replace it by an index of its one entry',
    );
  }
}

/**
 * The index blob exactly as Go marshals `PatternIndex` (field order, omitempty, nil tags as null).
 *
 * @public
 */
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
 *
 * @public
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
 * Builds the index entry `ork push` writes for a pushed pattern.
 *
 * @public
 */
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
