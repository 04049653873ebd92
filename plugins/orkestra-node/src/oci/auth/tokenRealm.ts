import { OciUnauthorizedError } from '../errors';
import { isLoopbackHost } from '../remote/http';

/**
 * Token services on another host than their registry, allowed without
 * configuration because the pair is well known and run by one operator:
 * Docker Hub's registry API and its token service.
 */
const WELL_KNOWN_TOKEN_REALMS: Record<string, string[]> = {
  'registry-1.docker.io': ['auth.docker.io'],
};

/** Who may receive a registry's credentials at its token realm. */
export interface RealmPolicy {
  registry: string;
  /** `http(s)://registry`. */
  origin: string;
  plainHttp: boolean;
  /** Hosts besides the registry's own allowed to serve its token realm. */
  tokenRealms?: string[];
}

/**
 * The realm of a Bearer challenge as a URL, refused unless it is https (or
 * http to a loopback registry talked to over http) on the registry's own
 * host or an allowed one: the realm receives the credentials.
 */
export function checkTokenRealm(
  realm: string | undefined,
  policy: RealmPolicy,
): URL {
  const { registry, plainHttp, tokenRealms = [] } = policy;
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
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpAllowed)) {
    throw new OciUnauthorizedError(
      401,
      `${registry} sent a token realm over ${url.protocol.replace(
        ':',
        '',
      )}; only https realms are followed`,
    );
  }
  const hostOf = (host: string) => {
    try {
      return new URL(`${url.protocol}//${host}`).host;
    } catch {
      return undefined;
    }
  };
  const allowed = [
    new URL(policy.origin).host,
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
