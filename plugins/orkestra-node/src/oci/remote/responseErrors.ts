import { bearerChallenge, parseChallenges } from '../auth/challenge';
import {
  OciError,
  OciHttpError,
  OciNotFoundError,
  OciUnauthorizedError,
} from '../errors';
import { distributionErrors, readBodyCapped } from './http';

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The typed error for a response with an unexpected status, naming `what`
 * and carrying the registry's own messages with every credential blanked
 * out by `redact` (a registry may echo what it received).
 */
export async function errorForResponse(
  response: Response,
  request: { method: string; what: string },
  registry: string,
  redact: (text: string) => string,
): Promise<OciError> {
  const body =
    request.method === 'HEAD'
      ? new Uint8Array()
      : await readBodyCapped(
          response,
          MAX_ERROR_BODY_BYTES,
          'error body',
        ).catch(() => new Uint8Array());
  const errors = distributionErrors(body);
  const codes = errors.codes.map(redact);
  const messages = errors.messages.map(redact);
  const detail = messages.length ? `: ${messages.join('; ')}` : '';
  if (response.status === 404) {
    return new OciNotFoundError(
      `${request.what} not found on ${registry}${detail}`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    const refusal = redact(
      tokenRefusal(response.headers.get('www-authenticate')),
    );
    return new OciUnauthorizedError(
      response.status,
      `${registry} denied access to ${request.what} (HTTP ${response.status})${detail}${refusal}`,
    );
  }
  return new OciHttpError(
    response.status,
    `${registry} answered HTTP ${response.status} for ${request.what}${detail}`,
    codes,
  );
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
