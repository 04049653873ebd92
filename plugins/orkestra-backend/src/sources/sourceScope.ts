import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';

/** `scope` itself or anything under it (`''` is everything). */
export function inScope(repository: string, scope: string): boolean {
  return (
    scope === '' || repository === scope || repository.startsWith(`${scope}/`)
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
  const { discovery } = source;
  // A target without a path means the whole registry only to `catalog`
  // discovery; an index or list source covers what it names.
  if (
    (source.prefix !== '' || discovery.type === 'catalog') &&
    inScope(repository, source.prefix)
  )
    return true;
  if (discovery.type === 'index')
    return source.namespaces.some(namespace =>
      inScope(repository, namespace.replace(/\/+$/, '')),
    );
  if (discovery.type === 'list')
    return discovery.repositories.some(entry =>
      entry.endsWith('/')
        ? inScope(repository, entry.replace(/\/+$/, ''))
        : repository === entry,
    );
  return false;
}
