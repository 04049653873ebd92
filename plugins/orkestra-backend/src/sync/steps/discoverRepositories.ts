import {
  INDEX_TAG,
  indexRepository,
  OciError,
  OciNotFoundError,
  OciStore,
  OciUnavailableError,
  readPatternIndex,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';
import { OpenedSource } from '../../sources/OpenSources';
import { inScope } from '../../sources/sourceScope';

/**
 * A part of a source that could not be listed this time: an index namespace
 * (its index missing or unreadable) or, with `list` discovery, the prefix
 * entries when the registry's `_catalog` failed. What the store knows under
 * `scope` is kept as it is, never marked missing.
 */
export interface UnlistedScope {
  /** A repository prefix: `acme/katalogs`. */
  scope: string;
  /** The index artifact is absent (404), as in a namespace never pushed to. */
  absent: boolean;
  /** What could not be read, e.g. `the pattern index acme/katalogs/index:latest`. */
  what?: string;
  error: Error;
}

/**
 * A namespace's index as a discovery saw it: its digest, and its entries
 * (name to entry JSON) when it was read now. Without entries, the index is
 * the one the last sync recorded.
 */
export interface IndexReading {
  digest: string;
  entries?: Record<string, string>;
}

/** An index a previous sync read: its digest and entries (name to entry JSON). */
export interface RecordedIndex {
  indexDigest: string;
  entries: Record<string, string>;
}

/** What a discovery found: the repositories, and what it could not list. */
export interface DiscoveredRepositories {
  repositories: string[];
  unlisted: UnlistedScope[];
  /** Per namespace, with `index` discovery. */
  indexes: Map<string, IndexReading>;
}

/** Index artifacts live in `<namespace>/index`: they are not patterns. */
function isIndexRepository(repository: string): boolean {
  return repository === 'index' || repository.endsWith('/index');
}

/**
 * The index of a namespace: HEAD first, and read only when its digest is not
 * the recorded one. Undefined when the namespace has no index.
 */
async function readIndexOf(
  store: OciStore,
  namespace: string,
  recorded: RecordedIndex | undefined,
  signal?: AbortSignal,
): Promise<{ names: string[]; reading: IndexReading } | undefined> {
  let digest: string;
  try {
    digest = (
      await store.resolve(indexRepository(namespace), INDEX_TAG, { signal })
    ).digest;
  } catch (error) {
    if (error instanceof OciNotFoundError) return undefined;
    throw error;
  }
  if (recorded?.indexDigest === digest)
    return { names: Object.keys(recorded.entries), reading: { digest } };
  const read = await readPatternIndex(store, namespace, { signal });
  if (!read) return undefined;
  const entries = Object.fromEntries(
    read.index.entries.map(entry => [entry.name, JSON.stringify(entry)]),
  );
  return {
    names: Object.keys(entries),
    reading: { digest: read.digest, entries },
  };
}

async function discoverByIndex(
  source: SourceConfig,
  store: OciStore,
  recorded: ReadonlyMap<string, RecordedIndex>,
  signal?: AbortSignal,
): Promise<DiscoveredRepositories> {
  const found = new Set<string>();
  const unlisted: UnlistedScope[] = [];
  const indexes = new Map<string, IndexReading>();
  for (const configured of source.namespaces) {
    const namespace = configured.replace(/\/+$/, '');
    try {
      const index = await readIndexOf(
        store,
        namespace,
        recorded.get(namespace),
        signal,
      );
      if (!index) {
        unlisted.push({
          scope: namespace,
          absent: true,
          error: new OciNotFoundError(
            `no pattern index at ${namespace}/index:latest on ${source.registry}`,
          ),
        });
        continue;
      }
      indexes.set(namespace, index.reading);
      for (const name of index.names) found.add(`${namespace}/${name}`);
    } catch (error) {
      // Unreachable registry or aborted run: the whole source waits.
      if (
        !(error instanceof OciError) ||
        error instanceof OciUnavailableError ||
        signal?.aborted
      )
        throw error;
      unlisted.push({
        scope: namespace,
        absent: false,
        what: `the pattern index ${namespace}/index:latest cannot be read`,
        error: error as Error,
      });
    }
  }
  return { repositories: [...found].sort(), unlisted, indexes };
}

/** The prefixes whose repositories `_catalog` must list. */
function listedPrefixes(source: SourceConfig): string[] {
  const { discovery } = source;
  if (discovery.type === 'catalog') return [source.prefix];
  if (discovery.type !== 'list') return [];
  return discovery.repositories
    .filter(entry => entry.endsWith('/'))
    .map(entry => entry.replace(/\/+$/, ''));
}

async function discoverByListing(
  source: SourceConfig,
  store: OciStore,
  signal?: AbortSignal,
): Promise<DiscoveredRepositories> {
  const { discovery } = source;
  const found = new Set<string>();
  const unlisted: UnlistedScope[] = [];
  const prefixes = listedPrefixes(source);
  if (discovery.type === 'list') {
    // Explicit repositories are patterns even when `_catalog` is not offered.
    for (const entry of discovery.repositories)
      if (!entry.endsWith('/')) found.add(entry);
  }
  if (prefixes.length) {
    let listed: string[];
    try {
      listed = await store.listRepositories({ signal });
    } catch (error) {
      if (discovery.type === 'catalog' || signal?.aborted) throw error;
      for (const prefix of prefixes)
        unlisted.push({ scope: prefix, absent: false, error: error as Error });
      listed = [];
    }
    for (const repository of listed) {
      if (isIndexRepository(repository)) continue;
      if (prefixes.some(prefix => inScope(repository, prefix)))
        found.add(repository);
    }
  }
  return { repositories: [...found].sort(), unlisted, indexes: new Map() };
}

/**
 * Step: every pattern repository of the source that could be listed, by its
 * discovery (`index`, `catalog` or `list`). Throws when nothing could be
 * listed at all (the registry's `_catalog` failed for a `catalog` source).
 */
export function discoverRepositories(
  opened: OpenedSource,
  /** The indexes the last sync recorded: one that did not change is not read again. */
  recorded: ReadonlyMap<string, RecordedIndex>,
  signal?: AbortSignal,
): Promise<DiscoveredRepositories> {
  const { config: source, store } = opened;
  return source.discovery.type === 'index'
    ? discoverByIndex(source, store, recorded, signal)
    : discoverByListing(source, store, signal);
}
