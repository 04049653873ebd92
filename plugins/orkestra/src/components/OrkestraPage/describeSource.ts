import {
  RepositoryDiscovery,
  SourceSummary,
} from '@internal/backstage-plugin-orkestra-common';

/** How a source finds its repositories, in words an admin recognises from `orkestra.sources`. */
export function describeDiscovery(discovery: RepositoryDiscovery): string {
  switch (discovery.type) {
    case 'index':
      return 'index artifact';
    case 'catalog':
      return '_catalog';
    case 'list': {
      const count = discovery.repositories.length;
      return `list of ${count} ${count === 1 ? 'repository' : 'repositories'}`;
    }
    default:
      return 'unknown';
  }
}

/** Whether credentials are configured; the API never exposes the credentials themselves. */
export function describeCredentials(source: SourceSummary): string {
  return source.hasCredentials ? 'configured' : 'none';
}
