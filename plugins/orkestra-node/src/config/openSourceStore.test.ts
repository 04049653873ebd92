/**
 * `openSourceStore` passes a source's `tokenRealms` on to its RegistryClient.
 * Shown with in-process FAKE servers on two loopback origins: a FAKE registry
 * on 127.0.0.1 whose FAKE token service is on 127.0.0.2.
 */
import { ConfigReader } from '@backstage/config';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OciUnauthorizedError } from '../oci/errors';
import { openSourceStore } from './openSourceStore';
import { readSourceConfigs } from './sourceConfig';

async function listen(
  address: string,
  handler: (
    url: string,
    headers: IncomingHttpHeaders,
  ) => [number, Record<string, string>, string],
): Promise<{ server: Server; host: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    const [status, headers, body] = handler(req.url!, req.headers);
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>(resolve => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return { server, host: `${address}:${port}`, requests };
}

describe('openSourceStore', () => {
  let dockerConfigDir: string;
  const previousDockerConfig = process.env.DOCKER_CONFIG;
  beforeAll(async () => {
    // No docker config of the machine running the tests: an empty one.
    dockerConfigDir = await mkdtemp(join(tmpdir(), 'orkestra-docker-config-'));
    process.env.DOCKER_CONFIG = dockerConfigDir;
  });
  afterAll(async () => {
    if (previousDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = previousDockerConfig;
    await rm(dockerConfigDir, { recursive: true, force: true });
  });

  it('uses a token service on another host only when the source lists it in tokenRealms (FAKE registry and token service)', async () => {
    const tokens = await listen('127.0.0.2', () => [
      200,
      { 'content-type': 'application/json' },
      JSON.stringify({ token: 'fake-token', expires_in: 300 }),
    ]);
    const registry = await listen('127.0.0.1', (_url, headers) =>
      headers.authorization === 'Bearer fake-token'
        ? [
            200,
            { 'content-type': 'application/json' },
            JSON.stringify({ name: 'acme/app', tags: ['v1'] }),
          ]
        : [
            401,
            {
              'www-authenticate': `Bearer realm="http://${tokens.host}/token",service="fake"`,
            },
            '',
          ],
    );
    try {
      const source = (tokenRealms?: string[]) =>
        readSourceConfigs(
          new ConfigReader({
            orkestra: {
              sources: [
                {
                  id: 'fake',
                  type: 'registry',
                  target: `http://${registry.host}/acme`,
                  credentials: { username: 'bot', password: 'pat' },
                  ...(tokenRealms ? { tokenRealms } : {}),
                },
              ],
            },
          }),
        )[0];

      const refused = await openSourceStore(source());
      const outcome = refused.listTags('acme/app');
      await outcome.catch(() => undefined);
      expect(tokens.requests).toEqual([]);
      await expect(outcome).rejects.toBeInstanceOf(OciUnauthorizedError);
      await expect(outcome).rejects.toThrow(/tokenRealms/);

      const allowed = await openSourceStore(source([tokens.host]));
      expect(await allowed.listTags('acme/app')).toEqual(['v1']);
      expect(tokens.requests).toHaveLength(1);
      expect(tokens.requests[0].authorization).toBe(
        `Basic ${Buffer.from('bot:pat').toString('base64')}`,
      );
    } finally {
      for (const { server } of [tokens, registry]) {
        server.closeAllConnections();
        await new Promise(resolve => server.close(resolve));
      }
    }
  });
});
