import { ResponseError } from '@backstage/errors';
import { ORKESTRA_PLUGIN_ID } from '../constants';
import type { PolicyResult } from '../policy';
import type { PatternKind } from '../vocabulary';
import type { paths } from './generated/openapi';
import {
  ListPatternsResponse,
  OwnerRollup,
  PatternCounts,
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
  /** Syncs the whole source now, "Sync now" (needs `orkestra.pattern.resync`). */
  syncSource(sourceId: string): Promise<SyncRun>;
  /** Per owner, how many current patterns are healthy, forced, deprecated and behind. */
  listOwnerRollup(query?: {
    kind?: PatternKind;
  }): Promise<OrkestraItems<OwnerRollup>>;
  /** How many current patterns match each filter of the health summary, in one request. */
  getPatternCounts(): Promise<PatternCounts>;
}

const TRUNCATED_HEADER = 'X-Orkestra-Truncated';
const MEDIA_TYPE_HEADER = 'X-Orkestra-Media-Type';

/** The JSON body of a path's successful (200 or 202) answer to `method`. */
type Answer<
  P extends keyof paths,
  M extends 'get' | 'post' = 'get',
> = paths[P][M] extends {
  responses: {
    [status in 200 | 202]?: { content: { 'application/json': infer B } };
  };
}
  ? B
  : never;

/** The query parameters of `GET` of a path, as the document types them. */
type Query<P extends keyof paths> = paths[P]['get'] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

type QueryValue = string | number | undefined;

/** A boolean query flag in its wire form. */
function flag(value: boolean | undefined): 'true' | 'false' | undefined {
  return value === undefined ? undefined : (String(value) as 'true' | 'false');
}

/** `/patterns/<encoded id>` */
function patternPath(id: string): string {
  return `/patterns/${encodeURIComponent(id)}`;
}

/** `/patterns/<encoded id>/versions/<encoded version>` */
function versionPath(id: string, version: string): string {
  return `${patternPath(id)}/versions/${encodeURIComponent(version)}`;
}

/** `?a=1&b=2` of the defined values, or `''`. */
function queryString(values: { [name: string]: QueryValue }): string {
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
    const wire: Query<'/patterns'> = {
      kind: query.kind,
      simulate: query.simulate,
      e2e: query.e2e,
      deprecated: flag(query.deprecated),
      policy: query.policy,
      importsBehind: flag(query.importsBehind),
      endOfLife: flag(query.endOfLife),
      forced: flag(query.forced),
      importsDeprecated: flag(query.importsDeprecated),
      syncFailing: flag(query.syncFailing),
      owner: query.owner,
      source: query.source,
      q: query.q,
      sort: query.sort,
      order: query.order,
      cursor: query.cursor,
      offset: query.offset,
      limit: query.limit,
    };
    return this.#json<Answer<'/patterns'>>(`/patterns${queryString(wire)}`);
  }

  async getPattern(id: string): Promise<PatternSummary> {
    return this.#json<Answer<'/patterns/{id}'>>(patternPath(id));
  }

  async listVersions(id: string): Promise<OrkestraItems<PatternVersion>> {
    return this.#json<Answer<'/patterns/{id}/versions'>>(
      `${patternPath(id)}/versions`,
    );
  }

  async getVersion(id: string, version: string): Promise<PatternVersion> {
    return this.#json<Answer<'/patterns/{id}/versions/{version}'>>(
      versionPath(id, version),
    );
  }

  async listFiles(
    id: string,
    version: string,
  ): Promise<OrkestraItems<PatternFile>> {
    return this.#json<Answer<'/patterns/{id}/versions/{version}/files'>>(
      `${versionPath(id, version)}/files`,
    );
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
    const wire: Query<'/patterns/{id}/dependencies'> = { version };
    return this.#json<Answer<'/patterns/{id}/dependencies'>>(
      `${patternPath(id)}/dependencies${queryString(wire)}`,
    );
  }

  async listDependents(id: string): Promise<OrkestraItems<PatternDependent>> {
    return this.#json<Answer<'/patterns/{id}/dependents'>>(
      `${patternPath(id)}/dependents`,
    );
  }

  async getUpgradePath(id: string, version: string): Promise<UpgradePath> {
    return this.#json<Answer<'/patterns/{id}/versions/{version}/upgrade-path'>>(
      `${versionPath(id, version)}/upgrade-path`,
    );
  }

  async getPolicy(id: string, version: string): Promise<PolicyResult> {
    return this.#json<Answer<'/patterns/{id}/versions/{version}/policy'>>(
      `${versionPath(id, version)}/policy`,
    );
  }

  async listSources(): Promise<OrkestraItems<SourceStatus>> {
    return this.#json<Answer<'/sources'>>('/sources');
  }

  async listSyncRuns(
    sourceId: string,
    limit?: number,
  ): Promise<OrkestraItems<SyncRun>> {
    const wire: Query<'/sources/{id}/sync-runs'> = { limit };
    return this.#json<Answer<'/sources/{id}/sync-runs'>>(
      `/sources/${encodeURIComponent(sourceId)}/sync-runs${queryString(wire)}`,
    );
  }

  async syncSource(sourceId: string): Promise<SyncRun> {
    return this.#json<Answer<'/sources/{id}/sync', 'post'>>(
      `/sources/${encodeURIComponent(sourceId)}/sync`,
      { method: 'POST' },
    );
  }

  async listOwnerRollup(
    query: { kind?: PatternKind } = {},
  ): Promise<OrkestraItems<OwnerRollup>> {
    const wire: Query<'/owners'> = { kind: query.kind };
    return this.#json<Answer<'/owners'>>(`/owners${queryString(wire)}`);
  }

  async getPatternCounts(): Promise<PatternCounts> {
    return this.#json<Answer<'/pattern-counts'>>('/pattern-counts');
  }

  async resync(id: string): Promise<SyncRun> {
    return this.#json<Answer<'/patterns/{id}/resync', 'post'>>(
      `${patternPath(id)}/resync`,
      { method: 'POST' },
    );
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
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
