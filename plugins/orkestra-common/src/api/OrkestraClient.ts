import { ORKESTRA_PLUGIN_ID } from '../constants';
import type { PolicyResult } from '../policy';
import {
  ListPatternsResponse,
  PatternDependent,
  PatternFile,
  PatternImport,
  PatternQuery,
  PatternSummary,
  PatternVersion,
  SourceStatus,
  SyncRun,
  UpgradePath,
} from './types';

/**
 * The part of Backstage's DiscoveryApi / DiscoveryService the client needs.
 *
 * @public
 */
export interface OrkestraDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The part of Backstage's FetchApi the client needs (it adds the user's token).
 *
 * @public
 */
export interface OrkestraFetch {
  fetch: typeof fetch;
}

/**
 * A list answer of the API.
 *
 * @public
 */
export interface OrkestraItems<T> {
  items: T[];
}

/**
 * A pattern file's content as text, capped by the backend.
 *
 * @public
 */
export interface OrkestraFileText {
  text: string;
  /** The file is larger than the backend's cap; `text` is its start. */
  truncated: boolean;
  /** The file's media type as stored in the manifest. */
  mediaType: string;
}

/**
 * The Orkestra backend's API, as the frontend and other plugins see it.
 * Pattern ids are `<source>:<repository>`; versions are tags or digests.
 *
 * @public
 */
export interface OrkestraApi {
  listPatterns(query?: PatternQuery): Promise<ListPatternsResponse>;
  getPattern(id: string): Promise<PatternSummary>;
  listVersions(id: string): Promise<OrkestraItems<PatternVersion>>;
  getVersion(id: string, version: string): Promise<PatternVersion>;
  listFiles(id: string, version: string): Promise<OrkestraItems<PatternFile>>;
  getFileText(
    id: string,
    version: string,
    file: string,
  ): Promise<OrkestraFileText>;
  /** What a version (default: the latest) imports. */
  listDependencies(
    id: string,
    version?: string,
  ): Promise<OrkestraItems<PatternImport>>;
  listDependents(id: string): Promise<OrkestraItems<PatternDependent>>;
  getUpgradePath(id: string, version: string): Promise<UpgradePath>;
  getPolicy(id: string, version: string): Promise<PolicyResult>;
  /** The configured sources with their last sync; never their credentials. */
  listSources(): Promise<OrkestraItems<SourceStatus>>;
  listSyncRuns(
    sourceId: string,
    limit?: number,
  ): Promise<OrkestraItems<SyncRun>>;
  /** Syncs the pattern's repository now (needs `orkestra.pattern.resync`). */
  resync(id: string): Promise<SyncRun>;
}

/**
 * Error for a non-2xx answer, carrying Backstage's `{ error: { name, message } }` body when present.
 *
 * @public
 */
export class OrkestraApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'OrkestraApiError';
    this.status = status;
  }
}

const TRUNCATED_HEADER = 'X-Orkestra-Truncated';
const MEDIA_TYPE_HEADER = 'X-Orkestra-Media-Type';

type QueryValue = string | number | boolean | undefined;

/** `/patterns/<encoded id>` */
function patternPath(id: string): string {
  return `/patterns/${encodeURIComponent(id)}`;
}

/** `/patterns/<encoded id>/versions/<encoded version>` */
function versionPath(id: string, version: string): string {
  return `${patternPath(id)}/versions/${encodeURIComponent(version)}`;
}

/** `?a=1&b=2` of the defined values, or `''`. */
function queryString(values: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Typed HTTP client for `/api/orkestra`.
 *
 * @public
 */
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

  async listPatterns(query: PatternQuery = {}): Promise<ListPatternsResponse> {
    return this.#json(
      `/patterns${queryString({
        kind: query.kind,
        simulate: query.simulate,
        e2e: query.e2e,
        deprecated: query.deprecated,
        policy: query.policy,
        importsBehind: query.importsBehind,
        owner: query.owner,
        source: query.source,
        q: query.q,
        cursor: query.cursor,
        limit: query.limit,
      })}`,
    );
  }

  async getPattern(id: string): Promise<PatternSummary> {
    return this.#json(patternPath(id));
  }

  async listVersions(id: string): Promise<OrkestraItems<PatternVersion>> {
    return this.#json(`${patternPath(id)}/versions`);
  }

  async getVersion(id: string, version: string): Promise<PatternVersion> {
    return this.#json(versionPath(id, version));
  }

  async listFiles(
    id: string,
    version: string,
  ): Promise<OrkestraItems<PatternFile>> {
    return this.#json(`${versionPath(id, version)}/files`);
  }

  async getFileText(
    id: string,
    version: string,
    file: string,
  ): Promise<OrkestraFileText> {
    const response = await this.#request(
      `${versionPath(id, version)}/files/${encodeURIComponent(file)}/content`,
    );
    const contentType = response.headers.get('Content-Type') ?? '';
    return {
      text: await response.text(),
      truncated: response.headers.get(TRUNCATED_HEADER) === 'true',
      mediaType: response.headers.get(MEDIA_TYPE_HEADER) ?? contentType,
    };
  }

  async listDependencies(
    id: string,
    version?: string,
  ): Promise<OrkestraItems<PatternImport>> {
    return this.#json(
      `${patternPath(id)}/dependencies${queryString({ version })}`,
    );
  }

  async listDependents(id: string): Promise<OrkestraItems<PatternDependent>> {
    return this.#json(`${patternPath(id)}/dependents`);
  }

  async getUpgradePath(id: string, version: string): Promise<UpgradePath> {
    return this.#json(`${versionPath(id, version)}/upgrade-path`);
  }

  async getPolicy(id: string, version: string): Promise<PolicyResult> {
    return this.#json(`${versionPath(id, version)}/policy`);
  }

  async listSources(): Promise<OrkestraItems<SourceStatus>> {
    return this.#json('/sources');
  }

  async listSyncRuns(
    sourceId: string,
    limit?: number,
  ): Promise<OrkestraItems<SyncRun>> {
    return this.#json(
      `/sources/${encodeURIComponent(sourceId)}/sync-runs${queryString({
        limit,
      })}`,
    );
  }

  async resync(id: string): Promise<SyncRun> {
    return this.#json(`${patternPath(id)}/resync`, { method: 'POST' });
  }

  async #json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.#request(path, init);
    return (await response.json()) as T;
  }

  async #request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discovery.getBaseUrl(ORKESTRA_PLUGIN_ID);
    const url = `${baseUrl}${path}`;
    const response = await (init
      ? this.#fetch.fetch(url, init)
      : this.#fetch.fetch(url));
    if (!response.ok) {
      throw new OrkestraApiError(
        response.status,
        await describeFailure(response),
      );
    }
    return response;
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
