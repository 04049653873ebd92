/**
 * A test token issuer: a small Docker token service written for the tests,
 * so that a real `docker-registry` can run with `auth: token` on loopback.
 * It is not a product component and implements only what the tests need.
 */
import {
  generateKeyPairSync,
  randomUUID,
  sign,
  X509Certificate,
} from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, run } from './processes';

/** One `access` entry of a token, as distribution reads it. */
export interface TestTokenAccess {
  type: string;
  name: string;
  actions: string[];
}

/** The claims of a token; distribution checks iss, aud, exp and nbf (60 s leeway). */
export interface TestTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  access: TestTokenAccess[];
}

/**
 * Which of the requested actions a user gets on a resource. `user` is the
 * Basic-auth user name, undefined for an anonymous request.
 */
export type TestTokenGrant = (request: {
  user: string | undefined;
  type: string;
  name: string;
  actions: string[];
}) => string[];

/** What one token request asked for and got. */
export interface TestTokenRequest {
  service: string | null;
  /** The `scope` parameters exactly as sent, in order. */
  scopes: string[];
  /** The Authorization header the request carried, if any. */
  authorization: string | undefined;
  user: string | undefined;
  /** HTTP status answered (401 for a wrong or missing user). */
  status: number;
  granted: TestTokenAccess[];
}

export interface TestTokenIssuerOptions {
  /** The registry's `service` name, and the tokens' audience. */
  service?: string;
  /** The tokens' `iss`, which the registry must be configured to trust. */
  issuer?: string;
  /** When set, a token needs this user's Basic auth; otherwise anyone is anonymous. */
  user?: { username: string; password: string };
  /** Default: every requested action on every resource. */
  grant?: TestTokenGrant;
  /** `expires_in` answered and the tokens' lifetime. Default 300. */
  expiresInSeconds?: number;
}

/** The `auth.token` settings of a registry trusting this issuer. */
export interface TestRegistryTokenAuth {
  realm: string;
  service: string;
  issuer: string;
  rootCertBundlePath: string;
  /** Called with the registry's URL once it is up (see {@link TestTokenIssuer.useClockOf}). */
  useClockOf?(url: string): Promise<void>;
}

export interface TestTokenIssuer extends TestRegistryTokenAuth {
  /** `127.0.0.1:<port>`, the host to list in a source's `tokenRealms`. */
  host: string;
  /** Every token request received, oldest first. */
  readonly requests: TestTokenRequest[];
  /** Replaces the grant policy (for the next tokens). */
  setGrant(grant: TestTokenGrant): void;
  /** Changes the claims of the next tokens, e.g. another `aud` or an `exp` in the past. */
  setClaims(
    change: ((claims: TestTokenClaims) => TestTokenClaims) | undefined,
  ): void;
  /**
   * Issues tokens on the clock of the registry at `url` (from its `Date`
   * header). docker-registry is a Go binary: it reads the real clock even
   * when the tests run on a faked one (libfaketime), and checks exp and nbf
   * against it. `startTestRegistry` calls this for the issuer it is given.
   */
  useClockOf(url: string): Promise<void>;
  /** Seconds since the epoch on the clock tokens are issued on. */
  nowSeconds(): number;
  /** Signs claims with the issuer's key, as the token endpoint does. */
  signToken(claims: TestTokenClaims): string;
  /** Forgets recorded requests and restores the options' grant and claims. */
  reset(): void;
  stop(): Promise<void>;
}

const grantAll: TestTokenGrant = ({ actions }) => actions;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** `type:name:actions`; a name may hold `:` (e.g. a port), the actions never do. */
function parseScope(scope: string): TestTokenAccess | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function basicUser(
  authorization: string | undefined,
): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/**
 * Starts the test token issuer on a free 127.0.0.1 port. It answers
 * `GET /token?service=&scope=...` with `{token, access_token, expires_in}`:
 * an ES256 JWT whose `x5c` header holds its self-signed certificate, the one
 * in `rootCertBundlePath`. distribution 2.8 (registry/auth/token/token.go)
 * verifies the x5c chain against that bundle, then iss, aud, exp and nbf.
 */
export async function startTestTokenIssuer(
  options: TestTokenIssuerOptions = {},
): Promise<TestTokenIssuer> {
  const openssl = findExecutable('openssl');
  if (!openssl)
    throw new Error(
      'openssl was not found on PATH: apt-get install -y openssl',
    );
  const service = options.service ?? 'orkestra-test-registry';
  const issuer = options.issuer ?? 'orkestra-test-token-issuer';
  const expiresIn = options.expiresInSeconds ?? 300;

  const dir = await mkdtemp(join(tmpdir(), 'orkestra-token-issuer-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyPath = join(dir, 'key.pem');
  const rootCertBundlePath = join(dir, 'root.pem');
  try {
    await writeFile(
      keyPath,
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      {
        mode: 0o600,
      },
    );
    // Node's crypto cannot write certificates; the openssl CLI can. The
    // certificate must be valid on the registry's clock: docker-registry (a
    // Go binary) reads the real clock even when the tests run under
    // libfaketime, so openssl does too.
    const {
      LD_PRELOAD: _preload,
      FAKETIME: _faketime,
      ...realClock
    } = process.env;
    await run(
      openssl,
      [
        'req',
        '-x509',
        '-new',
        '-key',
        keyPath,
        '-out',
        rootCertBundlePath,
        '-days',
        '2',
        '-subj',
        '/CN=orkestra test token issuer',
      ],
      { env: realClock },
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const certificate = new X509Certificate(await readFile(rootCertBundlePath));
  const x5c = [certificate.raw.toString('base64')];

  let grant = options.grant ?? grantAll;
  let changeClaims: ((claims: TestTokenClaims) => TestTokenClaims) | undefined;
  let clockOffsetMs = 0;
  const nowSeconds = () => Math.floor((Date.now() + clockOffsetMs) / 1000);
  const requests: TestTokenRequest[] = [];

  const signToken = (claims: TestTokenClaims): string => {
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c }));
    const payload = base64url(JSON.stringify(claims));
    // JWS wants the raw r||s signature, not DER.
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${header}.${payload}.${base64url(signature)}`;
  };

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const authorization = req.headers.authorization;
    const basic = basicUser(authorization);
    const record: TestTokenRequest = {
      service: url.searchParams.get('service'),
      scopes: url.searchParams.getAll('scope'),
      authorization,
      user: basic?.username,
      status: 200,
      granted: [],
    };
    requests.push(record);
    const expected = options.user;
    if (
      (expected || basic) &&
      (basic?.username !== expected?.username ||
        basic?.password !== expected?.password)
    ) {
      record.status = 401;
      res
        .writeHead(401, {
          'www-authenticate': 'Basic realm="orkestra test token issuer"',
        })
        .end();
      return;
    }
    record.granted = record.scopes
      .flatMap(scope => scope.split(' '))
      .map(parseScope)
      .filter((access): access is TestTokenAccess => access !== undefined)
      .map(access => ({
        ...access,
        actions: grant({ user: basic?.username, ...access }),
      }))
      .filter(access => access.actions.length > 0);
    const now = nowSeconds();
    let claims: TestTokenClaims = {
      iss: issuer,
      sub: basic?.username ?? '',
      aud: service,
      exp: now + expiresIn,
      nbf: now,
      iat: now,
      jti: randomUUID(),
      access: record.granted,
    };
    if (changeClaims) claims = changeClaims(claims);
    const token = signToken(claims);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ token, access_token: token, expires_in: expiresIn }),
      );
  };

  const server = createServer(answer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    realm: `http://${host}/token`,
    service,
    issuer,
    rootCertBundlePath,
    host,
    requests,
    setGrant: next => {
      grant = next;
    },
    setClaims: change => {
      changeClaims = change;
    },
    useClockOf: async url => {
      const response = await fetch(`${url}/v2/`);
      await response.arrayBuffer();
      const date = Date.parse(response.headers.get('date') ?? '');
      if (Number.isNaN(date)) throw new Error(`${url} sent no Date header`);
      clockOffsetMs = date - Date.now();
    },
    nowSeconds,
    signToken,
    reset: () => {
      requests.length = 0;
      grant = options.grant ?? grantAll;
      changeClaims = undefined;
    },
    stop: async () => {
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
