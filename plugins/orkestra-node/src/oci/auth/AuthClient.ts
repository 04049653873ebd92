import { OciUnauthorizedError, OciUnavailableError } from '../errors';
import { discardBody, isLoopbackHost, readBodyCapped } from '../remote/http';
import {
  basicChallenge,
  bearerChallenge,
  Challenge,
  cleanScopes,
  mergeScopes,
  parseChallenges,
  parseScopes,
} from './challenge';
import { RegistryCredential } from './dockerConfig';

/**
 * Where credentials for a registry come from (app-config first, then docker config, ...).
 *
 * @public
 */
export type CredentialSource = (
  registry: string,
) => Promise<RegistryCredential | undefined>;

export interface AuthClientOptions {
  /** `host[:port]` of the registry. */
  registry: string;
  /** Talk HTTP instead of HTTPS. */
  plainHttp: boolean;
  credentials?: CredentialSource;
  /** Per-request time limit, including reading the body. */
  timeoutMs: number;
  userAgent: string;
  /** OAuth2 `client_id` sent with refresh-token grants. */
  clientId?: string;
  /**
   * Hosts (`host[:port]`, e.g. `auth.docker.io`) besides the registry's own
   * that may serve its Bearer token realm. A realm on any other host is
   * refused before anything is sent to it: the realm would receive the
   * registry's credentials. Docker Hub's own pair, `registry-1.docker.io`
   * with `auth.docker.io`, is allowed without being listed.
   */
  tokenRealms?: string[];
  fetch?: typeof fetch;
  now?: () => number;
}

export interface AuthRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Token scopes the request needs, e.g. `repository:orkestra/x:pull`. */
  scopes: string[];
  signal?: AbortSignal;
}

/**
 * Token services on another host than their registry, allowed without
 * configuration because the pair is well known and run by one operator:
 * Docker Hub's registry API and its token service.
 */
const WELL_KNOWN_TOKEN_REALMS: Record<string, string[]> = {
  'registry-1.docker.io': ['auth.docker.io'],
};

const MAX_REDIRECTS = 5;
const MAX_TOKEN_RESPONSE_BYTES = 128 * 1024;
/** Distribution's token spec: a token without `expires_in` lives 60 s. */
const DEFAULT_TOKEN_SECONDS = 60;
const EXPIRY_SKEW_MS = 5_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * HTTP with registry authentication, shaped like oras-go's `auth.Client`:
 * sends the cached Authorization for the request's scopes, and on a 401
 * answers the challenge (Basic, or a Bearer token from the realm, with the
 * refresh-token grant for identity tokens) and retries once. Redirects are
 * followed by hand so that `Authorization` never reaches another origin.
 * Credentials are never logged or put into error messages.
 *
 * Where credentials go: the registry's own origin (Authorization), and its
 * token realm only when the realm's host is the registry's or allowed by
 * `tokenRealms`. A 401 that a redirect target on another origin answers is
 * never answered; a redirect from https to http is never followed.
 */
export class AuthClient {
  readonly #options: AuthClientOptions;
  readonly #origin: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #tokens = new Map<string, CachedToken>();
  #basicAuthorization?: string;
  #staticBearer?: string;
  /** The configured credential in every form this client sends it, for {@link AuthClient.redact}. */
  readonly #credentialSecrets = new Set<string>();
  /** Requests made, for benchmarks and tests. */
  requestCount = 0;

  constructor(options: AuthClientOptions) {
    this.#options = options;
    this.#origin = `${options.plainHttp ? 'http' : 'https'}://${
      options.registry
    }`;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.#origin;
  }

  /**
   * `text` with every credential this client has sent replaced by `***`:
   * for messages a registry wrote, which may echo what it received.
   */
  redact(text: string): string {
    const secrets = [
      ...this.#credentialSecrets,
      ...[...this.#tokens.values()].map(t => t.token),
    ].filter(Boolean);
    // Longest first, so that a secret containing another is replaced whole.
    secrets.sort((a, b) => b.length - a.length);
    return secrets.reduce(
      (redacted, secret) => redacted.split(secret).join('***'),
      text,
    );
  }

  #remember(...secrets: Array<string | undefined>): void {
    for (const secret of secrets)
      if (secret) this.#credentialSecrets.add(secret);
  }

  async send(request: AuthRequest): Promise<Response> {
    const first = await this.#sendFollowingRedirects(
      request,
      this.#cachedAuthorization(request.scopes),
    );
    if (first.response.status !== 401) return first.response;
    await this.#refuseForeignChallenge(first, request.method);

    const challenges = parseChallengesOf(first.response);
    await discardBody(first.response);
    const authorization = await this.#authorize(
      challenges,
      request.scopes,
      request.signal,
    );
    const second = await this.#sendFollowingRedirects(request, authorization);
    if (second.response.status === 401)
      await this.#refuseForeignChallenge(second, request.method);
    return second.response;
  }

  /**
   * A 401 from another origin than the registry's (a redirect target) is
   * not the registry asking for its credentials: it is never answered.
   */
  async #refuseForeignChallenge(
    sent: { response: Response; url: string },
    method: string,
  ): Promise<void> {
    const target = new URL(sent.url);
    if (target.origin === this.#origin) return;
    await discardBody(sent.response);
    const { registry } = this.#options;
    throw new OciUnauthorizedError(
      401,
      `${target.host} answered 401 to ${method} ${target.pathname} after ${registry} redirected the request there; ` +
        `credentials for ${registry} go only to ${registry} itself and its token service, ` +
        `never to another host, so the challenge was not answered`,
    );
  }

  #cachedAuthorization(scopes: string[]): string | undefined {
    if (this.#staticBearer) return this.#staticBearer;
    if (this.#basicAuthorization) return this.#basicAuthorization;
    const cached = this.#tokens.get(scopeKey(scopes));
    if (cached && cached.expiresAt > this.#now())
      return `Bearer ${cached.token}`;
    return undefined;
  }

  async #authorize(
    challenges: Challenge[],
    scopes: string[],
    signal?: AbortSignal,
  ): Promise<string> {
    const { registry } = this.#options;
    const credential = await this.#options.credentials?.(registry);
    const bearer = bearerChallenge(challenges);
    if (bearer) {
      if (credential?.registryToken) {
        this.#remember(credential.registryToken);
        this.#staticBearer = `Bearer ${credential.registryToken}`;
        return this.#staticBearer;
      }
      const tokenScopes = mergeScopes(parseScopes(bearer.params.scope), scopes);
      const token = await this.#fetchToken(
        bearer,
        tokenScopes,
        credential,
        signal,
      );
      this.#tokens.set(scopeKey(scopes), token);
      return `Bearer ${token.token}`;
    }
    if (basicChallenge(challenges)) {
      if (!credential?.username || credential.password === undefined) {
        throw new OciUnauthorizedError(
          401,
          `${registry} requires a username and password (Basic auth) and none are configured for it`,
        );
      }
      this.#basicAuthorization = basicHeader(
        credential.username,
        credential.password,
      );
      this.#remember(
        credential.password,
        this.#basicAuthorization.slice('Basic '.length),
      );
      return this.#basicAuthorization;
    }
    throw new OciUnauthorizedError(
      401,
      challenges.length
        ? `${registry} asks for unsupported authentication (${challenges
            .map(c => c.scheme)
            .join(', ')})`
        : `${registry} answered 401 without a WWW-Authenticate challenge`,
    );
  }

  #checkRealm(realm: string | undefined): URL {
    const { registry, plainHttp, tokenRealms = [] } = this.#options;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new OciUnauthorizedError(
        401,
        `${registry} sent a Bearer challenge without a valid realm`,
      );
    }
    const httpAllowed = plainHttp && isLoopbackHost(registry);
    if (
      url.protocol !== 'https:' &&
      !(url.protocol === 'http:' && httpAllowed)
    ) {
      throw new OciUnauthorizedError(
        401,
        `${registry} sent a token realm over ${url.protocol.replace(
          ':',
          '',
        )}; only https realms are followed`,
      );
    }
    // The realm receives the credentials: only the registry's own host or an allowed one.
    const hostOf = (host: string) => {
      try {
        return new URL(`${url.protocol}//${host}`).host;
      } catch {
        return undefined;
      }
    };
    const allowed = [
      new URL(this.#origin).host,
      ...tokenRealms,
      ...(WELL_KNOWN_TOKEN_REALMS[registry.toLowerCase()] ?? []),
    ].map(hostOf);
    if (!allowed.includes(url.host)) {
      throw new OciUnauthorizedError(
        401,
        `${registry} sent a Bearer challenge whose token realm is on another host: ` +
          `the token realm host ${url.host} is not allowed, so nothing was sent to it. ` +
          `If ${url.host} is the token service of ${registry}, add it to the source's ` +
          `tokenRealms (orkestra.sources[].tokenRealms: [${url.host}])`,
      );
    }
    return url;
  }

  async #fetchToken(
    challenge: Challenge,
    scopes: string[],
    credential: RegistryCredential | undefined,
    signal?: AbortSignal,
  ): Promise<CachedToken> {
    const { registry } = this.#options;
    const realm = this.#checkRealm(challenge.params.realm);
    const service = challenge.params.service;
    let response: Response;

    this.#remember(
      credential?.identityToken,
      credential?.password,
      credential?.username && credential.password !== undefined
        ? basicHeader(credential.username, credential.password).slice(
            'Basic '.length,
          )
        : undefined,
    );
    if (credential?.identityToken) {
      // OAuth2 refresh-token grant (docker `identitytoken`).
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.identityToken,
        client_id: this.#options.clientId ?? 'orkestra-backstage',
      });
      if (service) form.set('service', service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      response = await this.#fetchOnce(
        realm.toString(),
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new TextEncoder().encode(form.toString()),
        },
        signal,
      );
    } else {
      if (service) realm.searchParams.set('service', service);
      for (const scope of scopes) realm.searchParams.append('scope', scope);
      const headers: Record<string, string> = {};
      if (credential?.username && credential.password !== undefined) {
        headers.authorization = basicHeader(
          credential.username,
          credential.password,
        );
      }
      response = await this.#fetchOnce(
        realm.toString(),
        { method: 'GET', headers },
        signal,
      );
    }

    if (response.status === 401 || response.status === 403) {
      await discardBody(response);
      throw new OciUnauthorizedError(
        response.status,
        credential
          ? `the token service of ${registry} rejected the configured credentials (HTTP ${response.status})`
          : `the token service of ${registry} refused anonymous access (HTTP ${response.status}); configure credentials`,
      );
    }
    if (!response.ok) {
      await discardBody(response);
      throw new OciUnavailableError(
        `the token service of ${registry} answered HTTP ${response.status}`,
      );
    }
    const body = await readBodyCapped(
      response,
      MAX_TOKEN_RESPONSE_BYTES,
      `token response of ${registry}`,
      { registry: realm.host, timeoutMs: this.#options.timeoutMs, signal },
    );
    let parsed: {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
    };
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new OciUnauthorizedError(
        401,
        `the token service of ${registry} answered something that is not JSON`,
      );
    }
    const token =
      typeof parsed.token === 'string' ? parsed.token : parsed.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new OciUnauthorizedError(
        401,
        `the token service of ${registry} answered without a token`,
      );
    }
    const seconds =
      typeof parsed.expires_in === 'number' && parsed.expires_in > 0
        ? parsed.expires_in
        : DEFAULT_TOKEN_SECONDS;
    return { token, expiresAt: this.#now() + seconds * 1000 - EXPIRY_SKEW_MS };
  }

  /** Sends, following redirects by hand; resolves to the last response and the URL that answered it. */
  async #sendFollowingRedirects(
    request: AuthRequest,
    authorization: string | undefined,
  ): Promise<{ response: Response; url: string }> {
    let url = request.url;
    let method = request.method;
    let body = request.body;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { ...request.headers };
      // Credentials go to the registry's own origin only, never where it redirects.
      if (authorization && new URL(url).origin === this.#origin)
        headers.authorization = authorization;
      const response = await this.#fetchOnce(
        url,
        { method, headers, body },
        request.signal,
      );
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(response.status) || !location)
        return { response, url };
      await discardBody(response);
      url = this.#redirectTarget(url, location, method);
      if (response.status === 303 && method !== 'HEAD') {
        method = 'GET';
        body = undefined;
      }
    }
    throw new OciUnavailableError(
      `${this.#options.registry} redirected more than ${MAX_REDIRECTS} times`,
    );
  }

  /** Where a redirect points, refusing a downgrade from https to http and any scheme but http(s). */
  #redirectTarget(from: string, location: string, method: string): string {
    const source = new URL(from);
    const redirect = `${source.host} redirected ${method} ${source.pathname}`;
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      throw new OciUnavailableError(`${redirect} to an invalid location`);
    }
    const scheme = target.protocol.replace(/:$/, '');
    if (scheme !== 'https' && scheme !== 'http') {
      throw new OciUnavailableError(
        `${redirect} to a ${scheme} URL; only http(s) redirects are followed`,
      );
    }
    if (source.protocol === 'https:' && scheme === 'http') {
      throw new OciUnavailableError(
        `${redirect} from https to http (${target.host}); a redirect that drops TLS is not followed`,
      );
    }
    return target.toString();
  }

  async #fetchOnce(
    url: string,
    init: {
      method: string;
      headers?: Record<string, string>;
      body?: Uint8Array;
    },
    signal?: AbortSignal,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    this.requestCount++;
    try {
      return await this.#fetch(url, {
        method: init.method,
        headers: { 'user-agent': this.#options.userAgent, ...init.headers },
        // A copy typed as ArrayBuffer-backed, which is what fetch accepts.
        body: init.body ? new Uint8Array(init.body) : undefined,
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const target = new URL(url);
      if (timeout.aborted) {
        throw new OciUnavailableError(
          `${target.host} did not answer ${init.method} ${
            target.pathname
          } within ${this.#options.timeoutMs} ms`,
          { cause: error, timeout: true },
        );
      }
      const code = (error as { cause?: { code?: string } })?.cause?.code;
      throw new OciUnavailableError(
        `cannot reach ${target.host} (${
          code ?? (error as Error)?.message ?? 'network error'
        })`,
        { cause: error },
      );
    }
  }
}

function parseChallengesOf(response: Response): Challenge[] {
  return parseChallenges(response.headers.get('www-authenticate'));
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString(
    'base64',
  )}`;
}

function scopeKey(scopes: string[]): string {
  return cleanScopes(scopes).join(' ');
}
