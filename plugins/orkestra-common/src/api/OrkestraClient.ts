import { ORKESTRA_PLUGIN_ID } from '../constants';
import { ListSourcesResponse } from './types';

/** The part of Backstage's DiscoveryApi / DiscoveryService the client needs. */
export interface OrkestraDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The part of Backstage's FetchApi the client needs (it adds the user's token). */
export interface OrkestraFetch {
  fetch: typeof fetch;
}

/** The Orkestra backend's API, as the frontend and other plugins see it. */
export interface OrkestraApi {
  listSources(): Promise<ListSourcesResponse>;
}

/** Error for a non-2xx answer, carrying Backstage's `{ error: { name, message } }` body when present. */
export class OrkestraApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'OrkestraApiError';
    this.status = status;
  }
}

/** Typed HTTP client for `/api/orkestra`. */
export class OrkestraClient implements OrkestraApi {
  readonly #discovery: OrkestraDiscovery;
  readonly #fetch: OrkestraFetch;

  constructor(options: {
    discoveryApi: OrkestraDiscovery;
    fetchApi: OrkestraFetch;
  }) {
    this.#discovery = options.discoveryApi;
    this.#fetch = options.fetchApi;
  }

  async listSources(): Promise<ListSourcesResponse> {
    return this.#get<ListSourcesResponse>('/sources');
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl(ORKESTRA_PLUGIN_ID);
    const response = await this.#fetch.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw new OrkestraApiError(
        response.status,
        await describeFailure(response),
      );
    }
    return (await response.json()) as T;
  }
}

async function describeFailure(response: Response): Promise<string> {
  const prefix =
    `Orkestra API request failed with ${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    const message = body?.error?.message;
    return typeof message === 'string' && message
      ? `${prefix}: ${message}`
      : prefix;
  } catch {
    return prefix;
  }
}
