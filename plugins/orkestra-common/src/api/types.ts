/** How a source's repositories are discovered. */
export type RepositoryDiscovery =
  | { type: 'index' }
  | { type: 'catalog' }
  | { type: 'list'; repositories: string[] };

/**
 * A configured pattern source as the API exposes it. Credentials are never
 * part of it: only whether some are configured.
 */
export interface SourceSummary {
  id: string;
  type: 'registry' | 'layout';
  /** `host[:port]/namespace` for a registry, the folder for a layout. */
  target: string;
  discovery: RepositoryDiscovery;
  hasCredentials: boolean;
}

export interface ListSourcesResponse {
  items: SourceSummary[];
}
