import { OciUnauthorizedError } from '../errors';
import { discardBody } from '../remote/http';
import { RetryClock, RetryPolicy } from '../remote/retry';
import { Transport } from '../remote/transport';
import {
  basicChallenge,
  bearerChallenge,
  Challenge,
  cleanScopes,
  mergeScopes,
  parseChallenges,
  parseScopes,
} from './challenge';
import { basicHeader, CredentialSource } from './credentials';
import { CredentialRedactor } from './redactor';
import { RedirectingRequest, sendFollowingRedirects } from './redirects';
import { checkTokenRealm } from './tokenRealm';
import { IssuedToken, requestToken } from './tokenService';

export type { CredentialSource } from './credentials';

export interface AuthClientOptions {
  /** `host[:port]` of the registry. */
  registry: string;
  /** Talk HTTP instead of HTTPS. */
  plainHttp: boolean;
  credentials?: CredentialSource;
  /** Per-request time limit, including reading the body (and retries). */
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
  /** When one HTTP request is sent again (each request of the auth flow on its own); never by default. */
  retry?: RetryPolicy;
  /** For tests: the retry waits without real time. */
  retryClock?: RetryClock;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface AuthRequest extends RedirectingRequest {
  /** Token scopes the request needs, e.g. `repository:orkestra/x:pull`. */
  scopes: string[];
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
  readonly #transport: Transport;
  readonly #now: () => number;
  readonly #tokens = new Map<string, IssuedToken>();
  #basicAuthorization?: string;
  #staticBearer?: string;
  /** The configured credential in every form this client sends it, for {@link AuthClient.redact}. */
  readonly #secrets = new CredentialRedactor();

  constructor(options: AuthClientOptions) {
    this.#options = options;
    this.#origin = `${options.plainHttp ? 'http' : 'https'}://${
      options.registry
    }`;
    this.#transport = new Transport({
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
      retry: options.retry,
      clock: options.retryClock,
      fetch: options.fetch,
    });
    this.#now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.#origin;
  }

  /** Requests made (token requests and retries included), for benchmarks and tests. */
  get requestCount(): number {
    return this.#transport.requestCount;
  }

  /**
   * `text` with every credential this client has sent replaced by `***`:
   * for messages a registry wrote, which may echo what it received.
   */
  redact(text: string): string {
    return this.#secrets.redact(
      text,
      [...this.#tokens.values()].map(t => t.token),
    );
  }

  async send(request: AuthRequest): Promise<Response> {
    const first = await this.#sendFollowingRedirects(
      request,
      this.#cachedAuthorization(request.scopes),
    );
    if (first.response.status !== 401) return first.response;
    await this.#refuseForeignChallenge(first, request.method);

    const challenges = parseChallenges(
      first.response.headers.get('www-authenticate'),
    );
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

  #sendFollowingRedirects(
    request: AuthRequest,
    authorization: string | undefined,
  ): Promise<{ response: Response; url: string }> {
    return sendFollowingRedirects(this.#transport, request, authorization, {
      name: this.#options.registry,
      origin: this.#origin,
    });
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
        this.#secrets.remember(credential.registryToken);
        this.#staticBearer = `Bearer ${credential.registryToken}`;
        return this.#staticBearer;
      }
      const realm = checkTokenRealm(bearer.params.realm, {
        registry,
        origin: this.#origin,
        plainHttp: this.#options.plainHttp,
        tokenRealms: this.#options.tokenRealms,
      });
      this.#secrets.remember(
        credential?.identityToken,
        credential?.password,
        credential?.username && credential.password !== undefined
          ? basicHeader(credential.username, credential.password).slice(
              'Basic '.length,
            )
          : undefined,
      );
      const token = await requestToken({
        registry,
        realm,
        challenge: bearer,
        scopes: mergeScopes(parseScopes(bearer.params.scope), scopes),
        credential,
        clientId: this.#options.clientId ?? 'orkestra-backstage',
        transport: this.#transport,
        timeoutMs: this.#options.timeoutMs,
        now: this.#now,
        signal,
      });
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
      this.#secrets.remember(
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
}

function scopeKey(scopes: string[]): string {
  return cleanScopes(scopes).join(' ');
}
