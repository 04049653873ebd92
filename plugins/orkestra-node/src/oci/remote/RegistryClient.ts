import {
  isValidRepositoryName,
  isValidTag,
} from '@orkspace/backstage-plugin-orkestra-common';
import { AuthClient, CredentialSource } from '../auth/AuthClient';
import { bearerChallenge, parseChallenges } from '../auth/challenge';
import { digestOf, isDigest, parseDigest } from '../digest';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciHttpError,
  OciInvalidContentError,
  OciNotFoundError,
  OciUnauthorizedError,
  OciUnavailableError,
} from '../errors';
import {
  DEFAULT_MAX_BLOB_BYTES,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
} from '../mediaTypes';
import {
  Descriptor,
  FetchedManifest,
  ImageIndex,
  ImageManifest,
  OciStore,
  ReadOptions,
} from '../types';
import {
  discardBody,
  distributionErrors,
  mediaTypeOf,
  nextLink,
  readBodyCapped,
} from './http';

/**
 * Options of the {@link RegistryClient} constructor.
 *
 * @public
 */
export interface RegistryClientOptions {
  /** `host[:port]`, e.g. `ghcr.io` or `127.0.0.1:5000`. */
  registry: string;
  /** Use HTTP instead of HTTPS (a registry on loopback or a trusted network). */
  plainHttp?: boolean;
  /** Where credentials come from; see `credentialSourceFor`. Anonymous when absent. */
  credentials?: CredentialSource;
  /**
   * Hosts besides the registry's own that may serve its Bearer token realm
   * (they receive the credentials), e.g. `['auth.docker.io']`; see
   * `AuthClientOptions.tokenRealms`.
   */
  tokenRealms?: string[];
  /** Per-request time limit in ms, body included. Default 30 s. */
  timeoutMs?: number;
  /** Page size asked of `_catalog` and `tags/list` (registries may ignore it). */
  pageSize?: number;
  /** Stop following pagination after this many pages (a registry could loop). */
  maxPages?: number;
  /**
   * Waits before retrying an idempotent request (GET, HEAD) that got 429 or
   * a 5xx, as oras-go's retry client does. Default `[100, 400]`: two retries.
   */
  retryDelaysMs?: number[];
  userAgent?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_LIST_PAGE_BYTES = 8 * 1024 * 1024;

/**
 * A client for one registry speaking the OCI distribution API, shaped like
 * oras-go's `remote.Repository`: it reads and writes what `ork` pushes,
 * verifies every digest over raw bytes, caps every download, and turns every
 * failure into a typed `OciError`.
 *
 * @public
 */
export class RegistryClient implements OciStore {
  readonly registry: string;
  readonly #http: AuthClient;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #retryDelaysMs: number[];
  readonly #timeoutMs: number;

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.#pageSize = options.pageSize ?? 1000;
    this.#maxPages = options.maxPages ?? 10_000;
    this.#retryDelaysMs = options.retryDelaysMs ?? [100, 400];
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#http = new AuthClient({
      registry: options.registry,
      plainHttp: options.plainHttp ?? false,
      credentials: options.credentials,
      tokenRealms: options.tokenRealms,
      timeoutMs: this.#timeoutMs,
      userAgent: options.userAgent ?? 'orkestra-backstage',
      fetch: options.fetch,
      now: options.now,
    });
  }

  /** How many HTTP requests this client has made (token requests included). */
  get requestCount(): number {
    return this.#http.requestCount;
  }

  async listRepositories(
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    const first = `${this.#http.baseUrl}/v2/_catalog?n=${this.#pageSize}`;
    return this.#listPages(
      first,
      ['registry:catalog:*'],
      'repositories',
      'the repository catalog',
      options.signal,
    );
  }

  async listTags(
    repository: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    checkRepository(repository);
    const first = `${this.#repoUrl(repository)}/tags/list?n=${this.#pageSize}`;
    return this.#listPages(
      first,
      [pullScope(repository)],
      'tags',
      `tags of ${repository}`,
      options.signal,
    );
  }

  async resolve(
    repository: string,
    reference: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Descriptor> {
    checkRepository(repository);
    checkReference(reference);
    const response = await this.#send({
      method: 'HEAD',
      url: `${this.#repoUrl(repository)}/manifests/${reference}`,
      headers: { accept: MANIFEST_ACCEPT },
      scopes: [pullScope(repository)],
      signal: options.signal,
      what: `manifest ${repository}:${reference}`,
    });
    const digest = response.headers.get('docker-content-digest');
    const size = Number(response.headers.get('content-length'));
    const mediaType = mediaTypeOf(response.headers.get('content-type'));
    if (!digest || !isDigest(digest) || !Number.isFinite(size) || !mediaType) {
      // The header is only a SHOULD: learn the digest from the bytes instead.
      return (await this.fetchManifest(repository, reference, options))
        .descriptor;
    }
    if (isDigest(reference) && digest !== reference) {
      throw new OciDigestMismatchError(
        `manifest ${repository}@${reference}`,
        reference,
        digest,
      );
    }
    return { mediaType, digest, size };
  }

  async fetchManifest(
    repository: string,
    reference: string,
    options: ReadOptions = {},
  ): Promise<FetchedManifest> {
    checkRepository(repository);
    checkReference(reference);
    const what = `manifest ${repository}:${reference}`;
    const response = await this.#send({
      method: 'GET',
      url: `${this.#repoUrl(repository)}/manifests/${reference}`,
      headers: { accept: MANIFEST_ACCEPT },
      scopes: [pullScope(repository)],
      signal: options.signal,
      what,
    });
    const bytes = await readBodyCapped(
      response,
      options.maxBytes ?? MAX_MANIFEST_BYTES,
      what,
      this.#bodySource(options.signal),
    );
    const digest = digestOf(bytes);
    const expected = isDigest(reference)
      ? reference
      : response.headers.get('docker-content-digest');
    if (
      expected &&
      isDigest(expected) &&
      expected !== digestOf(bytes, parseDigest(expected).algorithm)
    ) {
      throw new OciDigestMismatchError(what, expected, digest);
    }
    const manifest = parseManifest(bytes, what);
    const mediaType =
      manifest.mediaType ??
      mediaTypeOf(response.headers.get('content-type')) ??
      'application/octet-stream';
    return {
      descriptor: {
        mediaType,
        digest: expected && isDigest(expected) ? expected : digest,
        size: bytes.byteLength,
      },
      bytes,
      manifest,
    };
  }

  async fetchBlob(
    repository: string,
    descriptor: Descriptor,
    options: ReadOptions = {},
  ): Promise<Uint8Array> {
    checkRepository(repository);
    parseDigest(descriptor.digest);
    const what = `blob ${descriptor.digest} of ${repository}`;
    const limit = options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES;
    if (descriptor.size > limit)
      throw new OciContentTooLargeError(what, limit, descriptor.size);
    const response = await this.#send({
      method: 'GET',
      url: `${this.#repoUrl(repository)}/blobs/${descriptor.digest}`,
      scopes: [pullScope(repository)],
      signal: options.signal,
      what,
    });
    // A registry may not send more than the descriptor says: cap at its size.
    const bytes = await readBodyCapped(
      response,
      descriptor.size,
      what,
      this.#bodySource(options.signal),
    );
    if (bytes.byteLength < descriptor.size) {
      // A body that ended early was cut off on the way, not wrong content: worth another try.
      throw new OciUnavailableError(
        `${what} was cut off: ${bytes.byteLength} of ${descriptor.size} bytes arrived`,
      );
    }
    const actual = digestOf(bytes, parseDigest(descriptor.digest).algorithm);
    if (actual !== descriptor.digest) {
      throw new OciDigestMismatchError(what, descriptor.digest, actual);
    }
    return bytes;
  }

  async pushBlob(
    repository: string,
    content: Uint8Array,
    options: { mountFrom?: string; signal?: AbortSignal } = {},
  ): Promise<Descriptor & { skipped: boolean; mounted: boolean }> {
    checkRepository(repository);
    const digest = digestOf(content);
    const descriptor = {
      mediaType: 'application/octet-stream',
      digest,
      size: content.byteLength,
    };
    const scopes = [pushScope(repository)];
    const what = `blob ${digest} of ${repository}`;

    const head = await this.#http.send({
      method: 'HEAD',
      url: `${this.#repoUrl(repository)}/blobs/${digest}`,
      scopes,
      signal: options.signal,
    });
    await discardBody(head);
    if (head.ok) return { ...descriptor, skipped: true, mounted: false };

    const uploads = `${this.#repoUrl(repository)}/blobs/uploads/`;
    let start: Response | undefined;
    if (options.mountFrom) {
      checkRepository(options.mountFrom);
      const url = `${uploads}?mount=${encodeURIComponent(
        digest,
      )}&from=${encodeURIComponent(options.mountFrom)}`;
      try {
        start = await this.#send({
          method: 'POST',
          url,
          scopes: [...scopes, pullScope(options.mountFrom)],
          signal: options.signal,
          what,
          expect: [201, 202],
        });
      } catch (error) {
        // distribution refuses the whole request (401 insufficient_scope) when the
        // token grants no pull on the source; the content is at hand: upload it.
        if (!(error instanceof OciUnauthorizedError)) throw error;
      }
      if (start?.status === 201) {
        await discardBody(start);
        return { ...descriptor, skipped: false, mounted: true };
      }
    }
    start ??= await this.#send({
      method: 'POST',
      url: uploads,
      scopes,
      signal: options.signal,
      what,
      expect: [202],
    });
    await discardBody(start);
    const location = start.headers.get('location');
    if (!location)
      throw new OciInvalidContentError(
        `${this.registry} opened an upload without a Location`,
      );
    const target = new URL(location, uploads);
    target.searchParams.set('digest', digest);
    const put = await this.#send({
      method: 'PUT',
      url: target.toString(),
      headers: { 'content-type': 'application/octet-stream' },
      body: content,
      scopes,
      signal: options.signal,
      what,
      expect: [201],
    });
    await discardBody(put);
    return { ...descriptor, skipped: false, mounted: false };
  }

  async pushManifest(
    repository: string,
    bytes: Uint8Array,
    mediaType: string,
    options: { tag?: string; signal?: AbortSignal } = {},
  ): Promise<Descriptor> {
    checkRepository(repository);
    const digest = digestOf(bytes);
    if (options.tag !== undefined && !isValidTag(options.tag)) {
      throw new OciInvalidContentError(
        `invalid tag ${JSON.stringify(options.tag)}`,
      );
    }
    const what = `manifest ${repository}:${options.tag ?? digest}`;
    const response = await this.#send({
      method: 'PUT',
      url: `${this.#repoUrl(repository)}/manifests/${options.tag ?? digest}`,
      headers: { 'content-type': mediaType },
      body: bytes,
      scopes: [pushScope(repository)],
      signal: options.signal,
      what,
      expect: [201],
    });
    await discardBody(response);
    const stored = response.headers.get('docker-content-digest');
    if (stored && stored !== digest)
      throw new OciDigestMismatchError(what, digest, stored);
    return { mediaType, digest, size: bytes.byteLength };
  }

  async deleteManifest(
    repository: string,
    digest: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    checkRepository(repository);
    parseDigest(digest);
    const response = await this.#send({
      method: 'DELETE',
      url: `${this.#repoUrl(repository)}/manifests/${digest}`,
      scopes: [`repository:${repository}:delete`],
      signal: options.signal,
      what: `manifest ${repository}@${digest}`,
      expect: [200, 202],
    });
    await discardBody(response);
  }

  #bodySource(signal?: AbortSignal) {
    return { registry: this.registry, timeoutMs: this.#timeoutMs, signal };
  }

  #repoUrl(repository: string): string {
    return `${this.#http.baseUrl}/v2/${repository}`;
  }

  async #listPages(
    firstUrl: string,
    scopes: string[],
    field: 'tags' | 'repositories',
    what: string,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const items: string[] = [];
    const seen = new Set<string>();
    let url: string | undefined = firstUrl;
    for (let page = 0; url && page < this.#maxPages; page++) {
      if (seen.has(url)) break; // a registry that links a page to itself
      seen.add(url);
      const response = await this.#send({
        method: 'GET',
        url,
        scopes,
        signal,
        what,
      });
      const body = await readBodyCapped(
        response,
        MAX_LIST_PAGE_BYTES,
        what,
        this.#bodySource(signal),
      );
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(new TextDecoder().decode(body));
      } catch {
        throw new OciInvalidContentError(
          `${this.registry} answered ${what} with something that is not JSON`,
        );
      }
      const values = parsed?.[field];
      if (values !== null && values !== undefined && !Array.isArray(values)) {
        throw new OciInvalidContentError(
          `${this.registry} answered ${what} without a ${field} list`,
        );
      }
      for (const value of (values as unknown[] | null) ?? []) {
        if (typeof value === 'string') items.push(value);
      }
      url = nextLink(response.headers.get('link'), url);
      const origin = url && new URL(url).origin;
      if (origin && origin !== new URL(this.#http.baseUrl).origin) {
        // A page elsewhere is not the registry's answer, and the listing would be incomplete without it.
        const base = this.#http.baseUrl;
        throw new OciInvalidContentError(
          `${this.registry} linked the next page of ${what} to another origin (${origin}); only pages on ${base} are followed`,
        );
      }
    }
    return items;
  }

  /** Sends, and maps any unexpected status to a typed error naming `what`. */
  async #send(request: {
    method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    body?: Uint8Array;
    scopes: string[];
    signal?: AbortSignal;
    what: string;
    expect?: number[];
  }): Promise<Response> {
    const expected = request.expect ?? [200];
    const idempotent = request.method === 'GET' || request.method === 'HEAD';
    let response = await this.#http.send(request);
    for (const delay of idempotent ? this.#retryDelaysMs : []) {
      if (expected.includes(response.status) || !isTransient(response.status))
        break;
      await discardBody(response);
      await new Promise(resolve => setTimeout(resolve, delay));
      response = await this.#http.send(request);
    }
    if (expected.includes(response.status)) return response;

    const body =
      request.method === 'HEAD'
        ? new Uint8Array()
        : await readBodyCapped(
            response,
            MAX_ERROR_BODY_BYTES,
            'error body',
          ).catch(() => new Uint8Array());
    const errors = distributionErrors(body);
    // A registry may echo what it received, credentials included: they never go further.
    const codes = errors.codes.map(code => this.#http.redact(code));
    const messages = errors.messages.map(message => this.#http.redact(message));
    const detail = messages.length ? `: ${messages.join('; ')}` : '';
    if (response.status === 404) {
      throw new OciNotFoundError(
        `${request.what} not found on ${this.registry}${detail}`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      const refusal = this.#http.redact(
        tokenRefusal(response.headers.get('www-authenticate')),
      );
      throw new OciUnauthorizedError(
        response.status,
        `${this.registry} denied access to ${request.what} (HTTP ${response.status})${detail}${refusal}`,
      );
    }
    throw new OciHttpError(
      response.status,
      `${this.registry} answered HTTP ${response.status} for ${request.what}${detail}`,
      codes,
    );
  }
}

/**
 * Why a registry refused the token it was sent, from its Bearer challenge's
 * `error` (RFC 6750): distribution's own message is only "authentication required".
 */
function tokenRefusal(header: string | null): string {
  const bearer = bearerChallenge(parseChallenges(header));
  if (bearer?.params.error === 'invalid_token') {
    return (
      '; the registry rejected the Bearer token as invalid ' +
      '(issued for another service, expired, or signed by a key the registry does not trust)'
    );
  }
  if (bearer?.params.error === 'insufficient_scope') {
    const needed = bearer.params.scope ? ` (${bearer.params.scope})` : '';
    return `; the Bearer token does not grant the access needed${needed}`;
  }
  return '';
}

/** Worth another try: rate limited, or a server error that is not "not implemented". */
function isTransient(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

function checkRepository(repository: string): void {
  if (!isValidRepositoryName(repository)) {
    throw new OciInvalidContentError(
      `invalid repository name ${JSON.stringify(repository.slice(0, 200))}`,
    );
  }
}

function checkReference(reference: string): void {
  if (!isValidTag(reference) && !isDigest(reference)) {
    throw new OciInvalidContentError(
      `invalid tag or digest ${JSON.stringify(reference.slice(0, 200))}`,
    );
  }
}

/**
 * Parses manifest bytes, requiring an object with `schemaVersion: 2`.
 *
 * @public
 */
export function parseManifest(
  bytes: Uint8Array,
  what: string,
): ImageManifest | ImageIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OciInvalidContentError(`${what} is not JSON`);
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    (parsed as { schemaVersion?: unknown }).schemaVersion !== 2
  ) {
    throw new OciInvalidContentError(
      `${what} is not a schemaVersion 2 manifest`,
    );
  }
  const value = parsed as ImageManifest & ImageIndex;
  if (!Array.isArray(value.layers) && !Array.isArray(value.manifests)) {
    throw new OciInvalidContentError(
      `${what} has neither layers nor manifests`,
    );
  }
  return value;
}
