import {
  digestOf,
  OciDigestMismatchError,
  OciHttpError,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import { FaultProxy, startFaultProxy } from './startFaultProxy';
import { startTestRegistry, TestRegistry } from './startTestRegistry';

describe('startFaultProxy, a FAKE fault-injecting front for a real registry', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  const content = new TextEncoder().encode(
    'kind: Katalog\nmetadata: {name: proxied}\n',
  );
  const descriptor = {
    mediaType: 'x',
    digest: digestOf(content),
    size: content.byteLength,
  };

  beforeAll(async () => {
    registry = await startTestRegistry();
    proxy = await startFaultProxy(registry.host);
    // Pushed through the proxy: the upload Location must point back at it.
    await new RegistryClient({
      registry: proxy.host,
      plainHttp: true,
    }).pushBlob('orkestra/p', content);
  });
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });
  afterEach(() => proxy.clear());

  const client = () =>
    new RegistryClient({
      registry: proxy.host,
      plainHttp: true,
      retryDelaysMs: [],
    });

  it('passes requests to the registry untouched when no fault is injected', async () => {
    expect(await client().fetchBlob('orkestra/p', descriptor)).toEqual(content);
    expect(
      proxy.requests.some(r => r.method === 'PUT' && r.status === 201),
    ).toBe(true);
  });

  it('injects a status a given number of times, then passes again', async () => {
    proxy.inject({
      path: '/blobs/',
      times: 1,
      fault: { type: 'status', status: 503 },
    });
    await expect(
      client().fetchBlob('orkestra/p', descriptor),
    ).rejects.toBeInstanceOf(OciHttpError);
    expect(await client().fetchBlob('orkestra/p', descriptor)).toEqual(content);
  });

  it('corrupts a body without changing its length, and cuts or shortens one', async () => {
    proxy.inject({
      path: '/blobs/',
      times: 1,
      fault: { type: 'corrupt-body' },
    });
    await expect(
      client().fetchBlob('orkestra/p', descriptor),
    ).rejects.toBeInstanceOf(OciDigestMismatchError);
    proxy.inject({ path: '/blobs/', times: 1, fault: { type: 'cut-body' } });
    await expect(
      client().fetchBlob('orkestra/p', descriptor),
    ).rejects.toThrow();
    proxy.inject({ path: '/blobs/', times: 1, fault: { type: 'short-body' } });
    await expect(
      client().fetchBlob('orkestra/p', descriptor),
    ).rejects.toThrow();
    expect(proxy.requests.slice(-3).map(r => r.fault)).toEqual([
      'corrupt-body',
      'cut-body',
      'short-body',
    ]);
  });

  it('puts a Bearer token service in front whose tokens expire and whose credentials can be revoked', async () => {
    proxy.requireBearer({ username: 'bot', password: 'pat' });
    const authed = new RegistryClient({
      registry: proxy.host,
      plainHttp: true,
      credentials: async () => ({ username: 'bot', password: 'pat' }),
    });
    expect(await authed.fetchBlob('orkestra/p', descriptor)).toEqual(content);
    expect(proxy.tokensIssued).toBe(1);
    proxy.expireTokens();
    expect(await authed.fetchBlob('orkestra/p', descriptor)).toEqual(content);
    expect(proxy.tokensIssued).toBe(2);
    proxy.revokeCredentials();
    await expect(authed.fetchBlob('orkestra/p', descriptor)).rejects.toThrow(
      /rejected the configured credentials/,
    );
  });
});
