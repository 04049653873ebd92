/**
 * Behaviour a real docker-registry cannot show: Bearer token challenges and
 * expiry, redirects to another origin, a registry that lies about digests,
 * oversized content, 5xx answers and hangs. Served by an in-process FAKE
 * registry built on node:http, named as such.
 */
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { digestOf } from '../digest';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciHttpError,
  OciInvalidContentError,
  OciUnauthorizedError,
} from '../errors';
import { RegistryClient } from './RegistryClient';

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => void;

interface FakeServer {
  url: string;
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

async function startFakeServer(): Promise<FakeServer> {
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
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    handle: h => (handler = h),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const manifestBytes = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: digestOf(Buffer.from('{}')),
      size: 2,
    },
    layers: [],
  }),
);

function serveManifest(res: ServerResponse, digest = digestOf(manifestBytes)) {
  res
    .writeHead(200, {
      'content-type': 'application/vnd.oci.image.manifest.v1+json',
      'docker-content-digest': digest,
      'content-length': manifestBytes.byteLength,
    })
    .end(manifestBytes);
}

describe('RegistryClient against a FAKE registry', () => {
  let fake: FakeServer;
  let other: FakeServer;
  beforeEach(async () => {
    fake = await startFakeServer();
    other = await startFakeServer();
  });
  afterEach(async () => {
    await fake.close();
    await other.close();
  });

  describe('Bearer tokens', () => {
    let issued = 0;
    let validTokens: Set<string>;

    function bearerRegistry(
      options: { requireBasic?: string; expectRefresh?: string } = {},
    ) {
      issued = 0;
      validTokens = new Set();
      fake.handle((req, res, body) => {
        if (req.url!.startsWith('/token')) {
          if (
            options.requireBasic &&
            req.headers.authorization !== options.requireBasic
          ) {
            res.writeHead(401).end();
            return;
          }
          if (options.expectRefresh) {
            const form = new URLSearchParams(body);
            if (
              req.method !== 'POST' ||
              form.get('grant_type') !== 'refresh_token' ||
              form.get('refresh_token') !== options.expectRefresh
            ) {
              res.writeHead(400).end();
              return;
            }
          }
          const token = `token-${++issued}`;
          validTokens.add(token);
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ token, expires_in: 300 }));
          return;
        }
        const token = req.headers.authorization?.replace(/^Bearer /, '');
        if (!token || !validTokens.has(token)) {
          res
            .writeHead(401, {
              'www-authenticate': `Bearer realm="${fake.url}/token",service="fake-registry",scope="repository:acme/app:pull"`,
            })
            .end();
          return;
        }
        serveManifest(res);
      });
    }

    it('fetches a token on the challenge, caches it, and refetches after it expires', async () => {
      bearerRegistry();
      let now = 1_000_000;
      const client = new RegistryClient({
        registry: fake.host,
        plainHttp: true,
        now: () => now,
      });

      await client.fetchManifest('acme/app', 'v1');
      await client.fetchManifest('acme/app', 'v1');
      expect(issued).toBe(1);
      const tokenRequest = fake.requests.find(r => r.url.startsWith('/token'))!;
      expect(
        new URL(tokenRequest.url, fake.url).searchParams.getAll('scope'),
      ).toEqual(['repository:acme/app:pull']);
      expect(
        new URL(tokenRequest.url, fake.url).searchParams.get('service'),
      ).toBe('fake-registry');

      now += 301_000;
      await client.fetchManifest('acme/app', 'v1');
      expect(issued).toBe(2);
    });

    it('recovers once when the registry revokes a cached token', async () => {
      bearerRegistry();
      const client = new RegistryClient({
        registry: fake.host,
        plainHttp: true,
      });
      await client.fetchManifest('acme/app', 'v1');
      validTokens.clear();
      await client.fetchManifest('acme/app', 'v1');
      expect(issued).toBe(2);
    });

    it('sends Basic credentials to the token service, and says so when they are rejected', async () => {
      const basic = `Basic ${Buffer.from('bot:pat').toString('base64')}`;
      bearerRegistry({ requireBasic: basic });
      const good = new RegistryClient({
        registry: fake.host,
        plainHttp: true,
        credentials: async () => ({ username: 'bot', password: 'pat' }),
      });
      await good.fetchManifest('acme/app', 'v1');

      const bad = new RegistryClient({
        registry: fake.host,
        plainHttp: true,
        credentials: async () => ({ username: 'bot', password: 'expired-pat' }),
      });
      const failure = bad.fetchManifest('acme/app', 'v1');
      await expect(failure).rejects.toThrow(
        new OciUnauthorizedError(
          401,
          `the token service of ${fake.host} rejected the configured credentials (HTTP 401)`,
        ),
      );
    });

    it('uses the refresh-token grant for identity tokens', async () => {
      bearerRegistry({ expectRefresh: 'refresh-me' });
      const client = new RegistryClient({
        registry: fake.host,
        plainHttp: true,
        credentials: async () => ({ identityToken: 'refresh-me' }),
      });
      await client.fetchManifest('acme/app', 'v1');
      const form = new URLSearchParams(
        fake.requests.find(r => r.url.startsWith('/token'))!.body,
      );
      expect(form.get('grant_type')).toBe('refresh_token');
      expect(form.get('service')).toBe('fake-registry');
      expect(form.get('scope')).toBe('repository:acme/app:pull');
    });

    it('does not follow a plain-http realm for a registry that is not on loopback', async () => {
      bearerRegistry();
      // The registry is named registry.test; requests are routed to the fake server.
      const routed: typeof fetch = (input, init) =>
        fetch(String(input).replace('http://registry.test', fake.url), init);
      const client = new RegistryClient({
        registry: 'registry.test',
        plainHttp: true,
        fetch: routed,
      });
      await expect(client.fetchManifest('acme/app', 'v1')).rejects.toThrow(
        'registry.test sent a token realm over http; only https realms are followed',
      );
      expect(issued).toBe(0);
    });
  });

  it('never sends Authorization to the origin a blob redirect points at', async () => {
    const blob = Buffer.from('kind: Katalog\n');
    const digest = digestOf(blob);
    fake.handle((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
        return;
      }
      res
        .writeHead(307, { location: `${other.url}/storage/${digest}?sig=abc` })
        .end();
    });
    other.handle((_req, res) => res.writeHead(200).end(blob));

    const client = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      credentials: async () => ({ username: 'u', password: 'p' }),
    });
    const read = await client.fetchBlob('acme/app', {
      mediaType: 'x',
      digest,
      size: blob.byteLength,
    });
    expect(Buffer.from(read)).toEqual(blob);
    expect(fake.requests.at(-1)!.authorization).toMatch(/^Basic /);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0].authorization).toBeUndefined();
  });

  it('rejects a manifest whose bytes do not match the digest the registry announces', async () => {
    fake.handle((_req, res) =>
      serveManifest(res, digestOf(Buffer.from('something else'))),
    );
    const client = new RegistryClient({ registry: fake.host, plainHttp: true });
    await expect(client.fetchManifest('acme/app', 'v1')).rejects.toBeInstanceOf(
      OciDigestMismatchError,
    );
  });

  it('rejects a manifest fetched by digest that hashes to something else', async () => {
    fake.handle((_req, res) => serveManifest(res, `sha256:${'a'.repeat(64)}`));
    const client = new RegistryClient({ registry: fake.host, plainHttp: true });
    await expect(
      client.fetchManifest('acme/app', `sha256:${'a'.repeat(64)}`),
    ).rejects.toThrow(OciDigestMismatchError);
  });

  it('rejects a blob whose content does not match its digest', async () => {
    fake.handle((_req, res) => res.writeHead(200).end('tampered!'));
    const client = new RegistryClient({ registry: fake.host, plainHttp: true });
    const digest = digestOf(Buffer.from('original!'));
    await expect(
      client.fetchBlob('acme/app', { mediaType: 'x', digest, size: 9 }),
    ).rejects.toThrow(
      `blob ${digest} of acme/app: expected digest ${digest} but the content hashes to ${digestOf(
        Buffer.from('tampered!'),
      )}`,
    );
  });

  it('refuses an oversized blob before asking for it, and a blob longer than declared', async () => {
    const client = new RegistryClient({ registry: fake.host, plainHttp: true });
    const descriptor = {
      mediaType: 'x',
      digest: digestOf(Buffer.from('x')),
      size: 10_000_000,
    };
    await expect(
      client.fetchBlob('acme/app', descriptor, { maxBytes: 1024 }),
    ).rejects.toBeInstanceOf(OciContentTooLargeError);
    expect(fake.requests).toHaveLength(0);

    fake.handle((_req, res) => res.writeHead(200).end(Buffer.alloc(4096)));
    await expect(
      client.fetchBlob('acme/app', {
        mediaType: 'x',
        digest: digestOf(Buffer.alloc(10)),
        size: 10,
      }),
    ).rejects.toBeInstanceOf(OciContentTooLargeError);
  });

  it('turns a 5xx into a typed error with the registry message', async () => {
    fake.handle((_req, res) =>
      res.writeHead(503, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          errors: [{ code: 'UNAVAILABLE', message: 'maintenance' }],
        }),
      ),
    );
    const client = new RegistryClient({ registry: fake.host, plainHttp: true });
    const failure = client.listTags('acme/app');
    await expect(failure).rejects.toBeInstanceOf(OciHttpError);
    await expect(failure).rejects.toMatchObject({
      status: 503,
      registryCodes: ['UNAVAILABLE'],
      message: `${fake.host} answered HTTP 503 for tags of acme/app: maintenance`,
    });
  });

  it('blanks out credentials a registry echoes in its error messages', async () => {
    fake.handle((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          errors: [
            {
              code: `BAD_${req.headers.authorization}`,
              message: `refused ${req.headers.authorization} (password s3cret-pw)`,
            },
          ],
        }),
      );
    });
    const client = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      retryDelaysMs: [],
      credentials: async () => ({ username: 'bot', password: 's3cret-pw' }),
    });
    await expect(client.listTags('acme/app')).rejects.toMatchObject({
      message: `${fake.host} answered HTTP 500 for tags of acme/app: refused Basic *** (password ***)`,
      registryCodes: ['BAD_Basic ***'],
    });
  });

  it('gives up on a registry that does not answer in time', async () => {
    fake.handle(() => undefined); // never answers
    const client = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      timeoutMs: 300,
    });
    await expect(client.listTags('acme/app')).rejects.toMatchObject({
      name: 'OciUnavailableError',
      code: 'TIMEOUT',
      message: `${fake.host} did not answer GET /v2/acme/app/tags/list within 300 ms`,
    });
  });

  it('names the body that stalled past the time limit, or was cut off, or ended early', async () => {
    const blob = Buffer.from('kind: Katalog\nmetadata: {name: cut}\n');
    const descriptor = {
      mediaType: 'x',
      digest: digestOf(blob),
      size: blob.byteLength,
    };
    const what = `blob ${descriptor.digest} of acme/app`;
    const client = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      timeoutMs: 300,
      retryDelaysMs: [],
    });

    fake.handle((_req, res) => {
      res.writeHead(200, { 'content-length': blob.byteLength });
      res.write(blob.subarray(0, 5)); // and nothing more
    });
    await expect(
      client.fetchBlob('acme/app', descriptor),
    ).rejects.toMatchObject({
      name: 'OciUnavailableError',
      code: 'TIMEOUT',
      message: `${fake.host} did not send all of ${what} within 300 ms`,
    });

    fake.handle((_req, res) => {
      res.writeHead(200, { 'content-length': blob.byteLength });
      res.write(blob.subarray(0, 5), () => res.destroy());
    });
    await expect(
      client.fetchBlob('acme/app', descriptor),
    ).rejects.toMatchObject({
      name: 'OciUnavailableError',
      code: 'UNAVAILABLE',
      message: `${what} from ${fake.host} was cut off: the connection closed before the whole body arrived`,
    });

    fake.handle((_req, res) => res.writeHead(200).end(blob.subarray(0, 5)));
    await expect(
      client.fetchBlob('acme/app', descriptor),
    ).rejects.toMatchObject({
      name: 'OciUnavailableError',
      code: 'UNAVAILABLE',
      message: `${what} was cut off: 5 of ${blob.byteLength} bytes arrived`,
    });
  });

  it('says when a registry cannot be reached at all', async () => {
    const closed = fake.host;
    await fake.close();
    const client = new RegistryClient({ registry: closed, plainHttp: true });
    await expect(client.listTags('acme/app')).rejects.toMatchObject({
      name: 'OciUnavailableError',
      code: 'UNAVAILABLE',
      message: `cannot reach ${closed} (ECONNREFUSED)`,
    });
    fake = await startFakeServer(); // for afterEach
  });

  it('follows tag pagination through relative Link headers', async () => {
    fake.handle((req, res) => {
      const last = new URL(req.url!, fake.url).searchParams.get('last');
      const pages: Record<string, { tags: string[]; next?: string }> = {
        '': { tags: ['v1', 'v2'], next: '/v2/acme/app/tags/list?n=2&last=v2' },
        v2: { tags: ['v3', 'v4'], next: '/v2/acme/app/tags/list?n=2&last=v4' },
        v4: { tags: ['v5'] },
      };
      const page = pages[last ?? ''];
      const headers: Record<string, string> = {
        'content-type': 'application/json',
      };
      if (page.next) headers.link = `<${page.next}>; rel="next"`;
      res
        .writeHead(200, headers)
        .end(JSON.stringify({ name: 'acme/app', tags: page.tags }));
    });
    const client = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      pageSize: 2,
    });
    expect(await client.listTags('acme/app')).toEqual([
      'v1',
      'v2',
      'v3',
      'v4',
      'v5',
    ]);
    expect(client.requestCount).toBe(3);
  });

  it('does not follow a Link next page to another origin: the FAKE other host gets no request', async () => {
    fake.handle((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/json',
          link: `<${other.url}/v2/acme/app/tags/list?n=2&last=v2>; rel="next"`,
        })
        .end(JSON.stringify({ name: 'acme/app', tags: ['v1', 'v2'] }));
    });
    other.handle((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ name: 'acme/app', tags: ['v3'] })),
    );
    const client = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      pageSize: 2,
      credentials: async () => ({ username: 'bot', password: 's3cret-pw' }),
    });
    const outcome = client.listTags('acme/app');
    await outcome.catch(() => undefined);
    expect(other.requests).toEqual([]);
    await expect(outcome).rejects.toBeInstanceOf(OciInvalidContentError);
    await expect(outcome).rejects.toThrow(
      `${fake.host} linked the next page of tags of acme/app to another origin (${other.url}); only pages on ${fake.url} are followed`,
    );
  });

  it('passes tokenRealms on to the auth client: a token service on a FAKE other host is used only when listed', async () => {
    other.handle((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: 'from-other', expires_in: 300 })),
    );
    fake.handle((req, res) => {
      if (req.headers.authorization === 'Bearer from-other') {
        serveManifest(res);
        return;
      }
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${other.url}/token",service="fake-registry"`,
        })
        .end();
    });
    const credentials = async () => ({ username: 'bot', password: 'pat' });

    const refused = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      credentials,
    });
    const outcome = refused.fetchManifest('acme/app', 'v1');
    await outcome.catch(() => undefined);
    expect(other.requests).toEqual([]);
    await expect(outcome).rejects.toBeInstanceOf(OciUnauthorizedError);

    const allowed = new RegistryClient({
      registry: fake.host,
      plainHttp: true,
      credentials,
      tokenRealms: [other.host],
    });
    await allowed.fetchManifest('acme/app', 'v1');
    expect(other.requests).toHaveLength(1);
  });
});
