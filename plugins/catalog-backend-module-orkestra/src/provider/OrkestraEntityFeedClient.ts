import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  PatternEntityData,
  PatternEntityFeed,
} from '@orkspace/backstage-plugin-orkestra-common';

const DEFAULT_PAGE_SIZE = 500;
/** A feed that keeps answering with a next cursor is cut off here. */
const MAX_PAGES = 1000;

/**
 * Reads the Orkestra backend's entity feed with service-to-service auth.
 * The catalog module never talks to a registry itself.
 *
 * @public
 */
export class OrkestraEntityFeedClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;
  readonly #pageSize: number;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
    /** Patterns per page, 1 to 500 (the backend's maximum). Default 500. */
    pageSize?: number;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? fetch;
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
      throw new Error(
        `the Orkestra entity feed page size must be a whole number from 1 to 500, got ${pageSize}`,
      );
    this.#pageSize = pageSize;
  }

  /** Every pattern of a source; throws unless every page was read. */
  async readSource(source: string): Promise<PatternEntityData[]> {
    const items: PatternEntityData[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const feed = await this.#get({
        source,
        limit: String(this.#pageSize),
        ...(cursor ? { cursor } : {}),
      });
      items.push(...feed.items);
      if (!feed.nextCursor) return items;
      cursor = feed.nextCursor;
    }
    throw new Error(
      `the Orkestra entity feed of ${source} did not end after ${MAX_PAGES} pages`,
    );
  }

  /** One pattern (missing ones too, during their grace period), or undefined once the backend dropped it. */
  async readPattern(
    source: string,
    repository: string,
  ): Promise<PatternEntityData | undefined> {
    const feed = await this.#get({ source, repository, limit: '1' });
    return feed.items[0];
  }

  async #get(query: Record<string, string>): Promise<PatternEntityFeed> {
    const baseUrl = await this.#discovery.getBaseUrl('orkestra');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'orkestra',
    });
    const url = `${baseUrl}/entities?${new URLSearchParams(query)}`;
    const response = await this.#fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      throw new Error(
        `the Orkestra entity feed answered ${response.status}: ${detail.slice(
          0,
          300,
        )}`,
      );
    }
    return (await response.json()) as PatternEntityFeed;
  }
}
