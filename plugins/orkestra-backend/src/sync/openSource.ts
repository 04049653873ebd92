import {
  OciNotFoundError,
  OciStore,
  openSourceStore,
  readPatternIndex,
  SourceConfig,
} from '@internal/backstage-plugin-orkestra-node';

/** A source opened for reading: its store and how its pattern repositories are found. */
export interface OpenedSource {
  config: SourceConfig;
  store: OciStore;
  /** Every pattern repository of the source. Throws when the listing is incomplete. */
  discoverRepositories(signal?: AbortSignal): Promise<string[]>;
}

export type StoreFactory = (source: SourceConfig) => Promise<OciStore>;

/** Opens the store of a source: a RegistryClient, or an OciLayoutStore on its folder. */
export const defaultStoreFactory: StoreFactory = source =>
  openSourceStore(source);

function underPrefix(repository: string, prefix: string): boolean {
  return (
    prefix === '' ||
    repository === prefix ||
    repository.startsWith(`${prefix}/`)
  );
}

/**
 * Whether `repository` is one the source covers: under its prefix, under one
 * of its index namespaces, or one of its listed repositories. Anything else
 * is another team's repository on the same registry, not to be read with the
 * source's credentials.
 */
export function sourceCovers(
  source: SourceConfig,
  repository: string,
): boolean {
  if (underPrefix(repository, source.prefix)) return true;
  const { discovery } = source;
  if (discovery.type === 'index')
    return source.namespaces.some(namespace =>
      underPrefix(repository, namespace.replace(/\/+$/, '')),
    );
  if (discovery.type === 'list')
    return discovery.repositories.some(entry =>
      entry.endsWith('/')
        ? underPrefix(repository, entry.replace(/\/+$/, ''))
        : repository === entry,
    );
  return false;
}

/** Index artifacts live in `<namespace>/index`: they are not patterns. */
function isIndexRepository(repository: string): boolean {
  return repository === 'index' || repository.endsWith('/index');
}

export async function openSource(
  source: SourceConfig,
  factory: StoreFactory = defaultStoreFactory,
): Promise<OpenedSource> {
  const store = await factory(source);
  const discoverRepositories = async (
    signal?: AbortSignal,
  ): Promise<string[]> => {
    const found = new Set<string>();
    const { discovery } = source;
    if (discovery.type === 'index') {
      for (const namespace of source.namespaces) {
        const index = await readPatternIndex(store, namespace, { signal });
        if (!index) {
          throw new OciNotFoundError(
            `no pattern index at ${namespace}/index:latest on ${source.registry}`,
          );
        }
        for (const entry of index.index.entries)
          found.add(`${namespace}/${entry.name}`);
      }
    } else {
      const listed = await store.listRepositories({ signal });
      const wanted =
        discovery.type === 'catalog'
          ? [source.prefix]
          : discovery.repositories.map(r => r.replace(/\/+$/, ''));
      for (const repository of listed) {
        if (isIndexRepository(repository)) continue;
        if (
          discovery.type === 'catalog' &&
          underPrefix(repository, source.prefix)
        )
          found.add(repository);
        if (discovery.type === 'list') {
          for (const [i, entry] of discovery.repositories.entries()) {
            const isPrefix = entry.endsWith('/');
            if (
              isPrefix
                ? underPrefix(repository, wanted[i])
                : repository === entry
            )
              found.add(repository);
          }
        }
      }
      if (discovery.type === 'list') {
        // Explicit repositories are patterns even when `_catalog` is not offered.
        for (const entry of discovery.repositories)
          if (!entry.endsWith('/')) found.add(entry);
      }
    }
    return [...found].sort();
  };
  return { config: source, store, discoverRepositories };
}
