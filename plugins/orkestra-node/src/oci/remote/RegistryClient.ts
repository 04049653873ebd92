import { AuthClient } from '../auth/AuthClient';
import { CredentialSource } from '../auth/credentials';
import { digestOf, isDigest, parseDigest } from '../digest';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciUnavailableError,
} from '../errors';
import {
  DEFAULT_MAX_BLOB_BYTES,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
} from '../mediaTypes';
import { Descriptor, FetchedManifest, OciStore, ReadOptions } from '../types';
import { uploadBlob } from './blobUpload';
import { BodySource, discardBody, mediaTypeOf, readBodyCapped } from './http';
import { listPages } from './listPages';
import {
  checkReference,
  checkRepository,
  checkTag,
  deleteScope,
  pullScope,
  pushScope,
} from './names';
import { parseManifest } from './parseManifest';
import { RegistryRequest } from './request';
import { errorForResponse } from './responseErrors';
import { defaultRetryPolicy, fixedRetryPolicy } from './retry';

export { parseManifest } from './parseManifest';

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
  /** Per-request time limit in ms, body and retries included. Default 30 s. */
  timeoutMs?: number;
  /** Page size asked of `_catalog` and `tags/list` (registries may ignore it). */
  pageSize?: number;
  /** Stop following pagination after this many pages (a registry could loop). */
  maxPages?: number;
  /**
   * Waits before retrying an idempotent request (GET, HEAD) that got 429 or
   * a 5xx or could not reach the registry, as oras-go's retry client does; a
   * `Retry-After` on 429 and 503 is honoured. Default: two retries after
   * about 100 and 400 ms (exponential backoff with ±10 % jitter). `[]`: none.
   */
  retryDelaysMs?: number[];
  userAgent?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

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
  readonly #timeoutMs: number;

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.#pageSize = options.pageSize ?? 1000;
    this.#maxPages = options.maxPages ?? 10_000;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#http = new AuthClient({
      registry: options.registry,
      plainHttp: options.plainHttp ?? false,
      credentials: options.credentials,
      tokenRealms: options.tokenRealms,
      timeoutMs: this.#timeoutMs,
      userAgent: options.userAgent ?? 'orkestra-backstage',
      retry: options.retryDelaysMs
        ? fixedRetryPolicy(options.retryDelaysMs)
        : defaultRetryPolicy(),
      fetch: options.fetch,
      now: options.now,
    });
  }

  /** How many HTTP requests this client has made (token requests and retries included). */
  get requestCount(): number {
    return this.#http.requestCount;
  }

  async listRepositories(
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    return this.#list({
      firstUrl: `${this.#http.baseUrl}/v2/_catalog?n=${this.#pageSize}`,
      scopes: ['registry:catalog:*'],
      field: 'repositories',
      what: 'the repository catalog',
      signal: options.signal,
    });
  }

  async listTags(
    repository: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    checkRepository(repository);
    return this.#list({
      firstUrl: `${this.#repoUrl(repository)}/tags/list?n=${this.#pageSize}`,
      scopes: [pullScope(repository)],
      field: 'tags',
      what: `tags of ${repository}`,
      signal: options.signal,
    });
  }

  async resolve(
    repository: string,
    reference: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Descriptor> {
    const response = await this.#sendManifestRequest(
      'HEAD',
      repository,
      reference,
      options.signal,
    );
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
    const what = `manifest ${repository}:${reference}`;
    const response = await this.#sendManifestRequest(
      'GET',
      repository,
      reference,
      options.signal,
    );
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
    return uploadBlob(
      {
        registry: this.registry,
        repositoryUrl: this.#repoUrl(repository),
        send: request => this.#send(request),
        sendRaw: request => this.#http.send(request),
      },
      repository,
      content,
      options,
    );
  }

  async pushManifest(
    repository: string,
    bytes: Uint8Array,
    mediaType: string,
    options: { tag?: string; signal?: AbortSignal } = {},
  ): Promise<Descriptor> {
    checkRepository(repository);
    const digest = digestOf(bytes);
    if (options.tag !== undefined) checkTag(options.tag);
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
    const response = await this.#sendManifestRequest(
      'DELETE',
      repository,
      digest,
      options.signal,
    );
    await discardBody(response);
  }

  #bodySource(signal?: AbortSignal): BodySource {
    return { registry: this.registry, timeoutMs: this.#timeoutMs, signal };
  }

  #repoUrl(repository: string): string {
    return `${this.#http.baseUrl}/v2/${repository}`;
  }

  #list(listing: Parameters<typeof listPages>[1]): Promise<string[]> {
    return listPages(request => this.#send(request), listing, {
      baseUrl: this.#http.baseUrl,
      maxPages: this.#maxPages,
      body: this.#bodySource(listing.signal),
    });
  }

  /** HEAD, GET or DELETE of `/manifests/<reference>`, the names checked first. */
  #sendManifestRequest(
    method: 'HEAD' | 'GET' | 'DELETE',
    repository: string,
    reference: string,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    checkRepository(repository);
    const deleting = method === 'DELETE';
    if (!deleting) checkReference(reference);
    return this.#send({
      method,
      url: `${this.#repoUrl(repository)}/manifests/${reference}`,
      headers: deleting ? undefined : { accept: MANIFEST_ACCEPT },
      scopes: [deleting ? deleteScope(repository) : pullScope(repository)],
      signal,
      what: deleting
        ? `manifest ${repository}@${reference}`
        : `manifest ${repository}:${reference}`,
      expect: deleting ? [200, 202] : [200],
    });
  }

  /** Sends (retries are the transport's), and maps any unexpected status to a typed error naming `what`. */
  async #send(request: RegistryRequest): Promise<Response> {
    const response = await this.#http.send(request);
    if ((request.expect ?? [200]).includes(response.status)) return response;
    throw await errorForResponse(response, request, this.registry, text =>
      this.#http.redact(text),
    );
  }
}
