import { OciInvalidContentError } from '../../oci/errors';
import { PatternIndex, PatternIndexEntry } from './patternIndexFormat';

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
export function normaliseEntry(value: unknown): PatternIndexEntry | undefined {
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
export function decodeForMerge(
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
