import { OciUnauthorizedError, OciUnavailableError } from '../errors';
import { discardBody, readBodyCapped } from '../remote/http';
import { Transport } from '../remote/transport';
import { Challenge } from './challenge';
import { basicHeader, RegistryCredential } from './credentials';

const MAX_TOKEN_RESPONSE_BYTES = 128 * 1024;
/** Distribution's token spec: a token without `expires_in` lives 60 s. */
const DEFAULT_TOKEN_SECONDS = 60;
const EXPIRY_SKEW_MS = 5_000;

export interface IssuedToken {
  token: string;
  /** When to stop sending it (ms, on the client's clock), a little before it expires. */
  expiresAt: number;
}

/** What a token request needs besides the challenge. */
export interface TokenRequest {
  registry: string;
  /** The checked realm URL (see `checkTokenRealm`). */
  realm: URL;
  challenge: Challenge;
  scopes: string[];
  credential?: RegistryCredential;
  /** OAuth2 `client_id` sent with refresh-token grants. */
  clientId: string;
  transport: Transport;
  timeoutMs: number;
  now: () => number;
  signal?: AbortSignal;
}

/**
 * Asks a registry's token service for a Bearer token (distribution's token
 * spec): the OAuth2 refresh-token grant for an identity token, else a GET
 * with Basic credentials when there are some, anonymous otherwise.
 */
export async function requestToken(
  request: TokenRequest,
): Promise<IssuedToken> {
  const { registry, credential, transport, signal } = request;
  const realm = new URL(request.realm);
  const service = request.challenge.params.service;
  let response: Response;
  if (credential?.identityToken) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credential.identityToken,
      client_id: request.clientId,
    });
    if (service) form.set('service', service);
    if (request.scopes.length) form.set('scope', request.scopes.join(' '));
    response = await transport.send(
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
    for (const scope of request.scopes)
      realm.searchParams.append('scope', scope);
    const headers: Record<string, string> = {};
    if (credential?.username && credential.password !== undefined) {
      headers.authorization = basicHeader(
        credential.username,
        credential.password,
      );
    }
    response = await transport.send(
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
    { registry: realm.host, timeoutMs: request.timeoutMs, signal },
  );
  return parseTokenResponse(body, registry, request.now());
}

function parseTokenResponse(
  body: Uint8Array,
  registry: string,
  now: number,
): IssuedToken {
  let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown };
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
  return { token, expiresAt: now + seconds * 1000 - EXPIRY_SKEW_MS };
}
