import { OciUnavailableError } from '../errors';
import { discardBody } from '../remote/http';
import { Transport } from '../remote/transport';

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([
  301, 302, 303, 307, 308,
]);

export interface RedirectingRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  signal?: AbortSignal;
}

/**
 * Sends, following redirects by hand so that `authorization` goes to
 * `origin` (the registry's) only, never where it redirects; resolves to the
 * last response and the URL that answered it.
 */
export async function sendFollowingRedirects(
  transport: Transport,
  request: RedirectingRequest,
  authorization: string | undefined,
  registry: { name: string; origin: string },
): Promise<{ response: Response; url: string }> {
  let url = request.url;
  let method = request.method;
  let body = request.body;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = { ...request.headers };
    if (authorization && new URL(url).origin === registry.origin)
      headers.authorization = authorization;
    const response = await transport.send(
      url,
      { method, headers, body },
      request.signal,
    );
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || !location)
      return { response, url };
    await discardBody(response);
    url = redirectTarget(url, location, method);
    if (response.status === 303 && method !== 'HEAD') {
      method = 'GET';
      body = undefined;
    }
  }
  throw new OciUnavailableError(
    `${registry.name} redirected more than ${MAX_REDIRECTS} times`,
  );
}

/** Where a redirect points, refusing a downgrade from https to http and any scheme but http(s). */
function redirectTarget(
  from: string,
  location: string,
  method: string,
): string {
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
