/**
 * Where the AuthClient sends credentials, shown with in-process FAKE servers
 * (node:http) on two loopback origins: the FAKE registry on 127.0.0.1 and a
 * FAKE "other host" on 127.0.0.2 (or on another port of 127.0.0.1). A real
 * docker-registry cannot redirect to another host or name a token realm
 * elsewhere, so these are fakes, named as such.
 */
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { OciUnauthorizedError, OciUnavailableError } from '../errors';
import { AuthClient, AuthClientOptions } from './AuthClient';

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => void;

interface FakeServer {
  /** `http://<address>:<port>` */
  url: string;
  /** `<address>:<port>` */
  host: string;
  requests: Array<{
    method: string;
    url: string;
    authorization?: string;
    body: string;
  }>;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

async function startFakeServer(address: string): Promise<FakeServer> {
  let handler: Handler = (_req, res) => res.writeHead(500).end();
  const requests: FakeServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({
        method: req.method!,
        url: req.url!,
        authorization: req.headers.authorization,
        body,
      });
      handler(req, res, body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    host: `${address}:${port}`,
    requests,
    handle: h => (handler = h),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PASSWORD = 's3cret-pw';
const BASIC = `Basic ${Buffer.from(`bot:${PASSWORD}`).toString('base64')}`;
const IDENTITY_TOKEN = 'identity-refresh-token-123';

function tokenService(res: ServerResponse) {
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ token: 'issued-token', expires_in: 300 }));
}

/** Neither the password, nor its Basic encoding, nor the identity token. */
function expectNoSecrets(error: unknown) {
  const message = String((error as Error)?.message);
  expect(message).not.toContain(PASSWORD);
  expect(message).not.toContain(BASIC.slice('Basic '.length));
  expect(message).not.toContain(IDENTITY_TOKEN);
}

/**
 * Settles `promise`; `error()` then returns its rejection, or throws when it
 * resolved. Tests check what the servers received first, so that on a client
 * that leaks, the leak is what fails.
 */
async function settle(promise: Promise<unknown>): Promise<{ error(): Error }> {
  try {
    const value = await promise;
    return {
      error() {
        throw new Error(
          `expected the request to fail, but it succeeded (${
            (value as Response)?.status ?? value
          })`,
        );
      },
    };
  } catch (error) {
    return { error: () => error as Error };
  }
}

describe('AuthClient: credentials go only to the registry origin and its token realm (FAKE servers)', () => {
  let registry: FakeServer;
  let foreign: FakeServer;
  beforeEach(async () => {
    registry = await startFakeServer('127.0.0.1');
    foreign = await startFakeServer('127.0.0.2');
  });
  afterEach(async () => {
    await registry.close();
    await foreign.close();
  });

  function client(options: Partial<AuthClientOptions> = {}) {
    return new AuthClient({
      registry: registry.host,
      plainHttp: true,
      credentials: async () => ({ username: 'bot', password: PASSWORD }),
      timeoutMs: 5_000,
      userAgent: 'orkestra-test',
      ...options,
    });
  }

  const get = (url: string) => ({
    method: 'GET' as const,
    url,
    scopes: ['repository:acme/app:pull'],
  });

  describe('a 401 from a redirect target on another origin', () => {
    beforeEach(() => {
      registry.handle((_req, res) =>
        res.writeHead(307, { location: `${foreign.url}/storage/x` }).end(),
      );
    });

    it('is not answered with a token: no token request and no credentials reach the other origin', async () => {
      foreign.handle((req, res) => {
        if (req.url!.startsWith('/token')) return tokenService(res);
        return res
          .writeHead(401, {
            'www-authenticate': `Bearer realm="${foreign.url}/token",service="foreign"`,
          })
          .end();
      });

      const outcome = await settle(
        client().send(get(`${registry.url}/v2/acme/app/blobs/sha256:x`)),
      );
      // The other origin saw the redirected request only, without credentials.
      expect(foreign.requests.map(r => [r.url, r.authorization])).toEqual([
        ['/storage/x', undefined],
      ]);
      // Nothing was retried with credentials against the registry either.
      expect(registry.requests).toHaveLength(1);
      const error = outcome.error();
      expect(error).toBeInstanceOf(OciUnauthorizedError);
      expect(error.message).toContain(foreign.host);
      expect(error.message).toContain(registry.host);
      expectNoSecrets(error);
    });

    it('is not answered with Basic credentials, nor with an identity token', async () => {
      foreign.handle((_req, res) =>
        res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end(),
      );

      const outcomes = [];
      for (const credentials of [
        async () => ({ username: 'bot', password: PASSWORD }),
        async () => ({ identityToken: IDENTITY_TOKEN }),
      ]) {
        outcomes.push(
          await settle(
            client({ credentials }).send(
              get(`${registry.url}/v2/acme/app/blobs/sha256:x`),
            ),
          ),
        );
      }
      // One unauthenticated request each, on both sides: nothing was retried with credentials.
      expect(registry.requests.map(r => r.authorization)).toEqual([
        undefined,
        undefined,
      ]);
      expect(foreign.requests.map(r => r.authorization)).toEqual([
        undefined,
        undefined,
      ]);
      for (const outcome of outcomes) {
        const error = outcome.error();
        expect(error).toBeInstanceOf(OciUnauthorizedError);
        expect(error.message).toContain(`${foreign.host} answered 401`);
        expectNoSecrets(error);
      }
    });
  });

  describe('a Bearer token realm', () => {
    function challengeWithRealm(realm: string) {
      registry.handle((req, res) => {
        if (req.headers.authorization === 'Bearer issued-token') {
          return res.writeHead(200).end('ok');
        }
        return res
          .writeHead(401, {
            'www-authenticate': `Bearer realm="${realm}",service="fake-registry"`,
          })
          .end();
      });
    }

    it('on another host is refused, saying how to allow it, and gets no request at all', async () => {
      foreign.handle((_req, res) => tokenService(res));
      challengeWithRealm(`${foreign.url}/token`);

      const outcomes = [];
      for (const credentials of [
        async () => ({ username: 'bot', password: PASSWORD }),
        async () => ({ identityToken: IDENTITY_TOKEN }),
        async () => undefined, // anonymous: still no request (no SSRF)
      ]) {
        outcomes.push(
          await settle(
            client({ credentials }).send(
              get(`${registry.url}/v2/acme/app/manifests/v1`),
            ),
          ),
        );
      }
      expect(foreign.requests).toEqual([]);
      for (const outcome of outcomes) {
        const error = outcome.error();
        expect(error).toBeInstanceOf(OciUnauthorizedError);
        expect(error.message).toContain(
          `the token realm host ${foreign.host} is not allowed`,
        );
        expect(error.message).toContain('tokenRealms');
        expectNoSecrets(error);
      }
    });

    it('on the same address but another port is another host, and is refused', async () => {
      const otherPort = await startFakeServer('127.0.0.1');
      try {
        otherPort.handle((_req, res) => tokenService(res));
        challengeWithRealm(`${otherPort.url}/token`);
        const outcome = await settle(
          client().send(get(`${registry.url}/v2/acme/app/manifests/v1`)),
        );
        expect(otherPort.requests).toEqual([]);
        const error = outcome.error();
        expect(error).toBeInstanceOf(OciUnauthorizedError);
        expect(error.message).toContain(otherPort.host);
      } finally {
        await otherPort.close();
      }
    });

    it('on a host listed in tokenRealms gets the credentials, and the registry the token', async () => {
      foreign.handle((_req, res) => tokenService(res));
      challengeWithRealm(`${foreign.url}/token`);

      const response = await client({ tokenRealms: [foreign.host] }).send(
        get(`${registry.url}/v2/acme/app/manifests/v1`),
      );
      expect(response.status).toBe(200);
      expect(foreign.requests).toHaveLength(1);
      expect(foreign.requests[0].authorization).toBe(BASIC);
      expect(registry.requests.at(-1)!.authorization).toBe(
        'Bearer issued-token',
      );
    });

    it("on the registry's own host needs no configuration", async () => {
      registry.handle((req, res) => {
        if (req.url!.startsWith('/token')) return tokenService(res);
        if (req.headers.authorization === 'Bearer issued-token')
          return res.writeHead(200).end('ok');
        return res
          .writeHead(401, {
            'www-authenticate': `Bearer realm="${registry.url}/token",service="fake-registry"`,
          })
          .end();
      });
      const response = await client().send(
        get(`${registry.url}/v2/acme/app/manifests/v1`),
      );
      expect(response.status).toBe(200);
      expect(foreign.requests).toHaveLength(0);
    });
  });

  describe("Docker Hub's well-known token service", () => {
    /** Routes https://registry-1.docker.io and https://auth.docker.io to the two FAKE servers. */
    const routed: typeof fetch = (input, init) =>
      fetch(
        String(input)
          .replace('https://registry-1.docker.io', registry.url)
          .replace('https://registry.test', registry.url)
          .replace('https://auth.docker.io', foreign.url),
        init,
      );

    beforeEach(() => {
      foreign.handle((_req, res) => tokenService(res));
      registry.handle((req, res) => {
        if (req.headers.authorization === 'Bearer issued-token')
          return res.writeHead(200).end('ok');
        return res
          .writeHead(401, {
            'www-authenticate':
              'Bearer realm="https://auth.docker.io/token",service="registry.docker.io"',
          })
          .end();
      });
    });

    it('auth.docker.io is allowed for registry-1.docker.io without configuration', async () => {
      const response = await client({
        registry: 'registry-1.docker.io',
        plainHttp: false,
        fetch: routed,
      }).send(get('https://registry-1.docker.io/v2/acme/app/manifests/v1'));
      expect(response.status).toBe(200);
      expect(foreign.requests).toHaveLength(1);
    });

    it('auth.docker.io is not allowed for any other registry', async () => {
      const outcome = await settle(
        client({
          registry: 'registry.test',
          plainHttp: false,
          fetch: routed,
        }).send(get('https://registry.test/v2/acme/app/manifests/v1')),
      );
      expect(foreign.requests).toEqual([]);
      const error = outcome.error();
      expect(error).toBeInstanceOf(OciUnauthorizedError);
      expect(error.message).toContain(
        'the token realm host auth.docker.io is not allowed',
      );
    });
  });

  it('refuses a redirect from https to http and sends nothing to the http target', async () => {
    // The registry is https://registry.test; its requests are routed to the FAKE registry.
    const routed: typeof fetch = (input, init) =>
      fetch(String(input).replace('https://registry.test', registry.url), init);
    registry.handle((_req, res) =>
      res.writeHead(307, { location: `${foreign.url}/storage/x` }).end(),
    );
    foreign.handle((_req, res) => res.writeHead(200).end('blob'));

    const outcome = await settle(
      client({
        registry: 'registry.test',
        plainHttp: false,
        fetch: routed,
      }).send(get('https://registry.test/v2/acme/app/blobs/sha256:x')),
    );
    expect(foreign.requests).toEqual([]);
    const error = outcome.error();
    expect(error).toBeInstanceOf(OciUnavailableError);
    expect(error.message).toContain('from https to http');
    expect(error.message).toContain(foreign.host);
  });

  it('still follows a redirect to another origin without credentials (blob storage)', async () => {
    registry.handle((req, res) => {
      if (!req.headers.authorization)
        return res
          .writeHead(401, { 'www-authenticate': 'Basic realm="fake"' })
          .end();
      return res.writeHead(307, { location: `${foreign.url}/storage/x` }).end();
    });
    foreign.handle((_req, res) => res.writeHead(200).end('blob'));

    const response = await client().send(
      get(`${registry.url}/v2/acme/app/blobs/sha256:x`),
    );
    expect(await response.text()).toBe('blob');
    expect(registry.requests.at(-1)!.authorization).toBe(BASIC);
    expect(foreign.requests).toHaveLength(1);
    expect(foreign.requests[0].authorization).toBeUndefined();
  });
});
