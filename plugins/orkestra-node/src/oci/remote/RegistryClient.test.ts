import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import {
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { digestOf } from '../digest';
import { OciNotFoundError, OciUnauthorizedError } from '../errors';
import { EMPTY_JSON } from '../mediaTypes';
import { RegistryClient } from './RegistryClient';

const run = promisify(execFile);
const encoder = new TextEncoder();

function artifactManifest(layer: Uint8Array, title: string): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
        digest: digestOf(EMPTY_JSON),
        size: 2,
      },
      layers: [
        {
          mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
          digest: digestOf(layer),
          size: layer.byteLength,
          annotations: { 'org.opencontainers.image.title': title },
        },
      ],
      annotations: {
        'io.orkestra.pattern.kind': 'Katalog',
        'io.orkestra.simulate.status': 'passed',
      },
    }),
  );
}

async function pushArtifact(
  client: RegistryClient,
  repository: string,
  tag: string,
  layerText: string,
) {
  const layer = encoder.encode(layerText);
  await client.pushBlob(repository, EMPTY_JSON);
  await client.pushBlob(repository, layer);
  const manifest = artifactManifest(layer, 'katalog.yaml');
  const descriptor = await client.pushManifest(
    repository,
    manifest,
    'application/vnd.oci.image.manifest.v1+json',
    {
      tag,
    },
  );
  return { layer, manifest, descriptor };
}

describe('RegistryClient against a real docker-registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;

  beforeAll(async () => {
    registry = await startTestRegistry();
    client = new RegistryClient({ registry: registry.host, plainHttp: true });
  });
  afterAll(() => registry?.stop());

  it('pushes an artifact and reads it back byte for byte', async () => {
    const { layer, manifest, descriptor } = await pushArtifact(
      client,
      'orkestra/katalogs/postgres',
      'v1.0.0',
      'kind: Katalog\nmetadata:\n  name: postgres\n',
    );
    expect(descriptor.digest).toBe(digestOf(manifest));

    expect(await client.listRepositories()).toContain(
      'orkestra/katalogs/postgres',
    );
    expect(await client.listTags('orkestra/katalogs/postgres')).toEqual([
      'v1.0.0',
    ]);

    const resolved = await client.resolve(
      'orkestra/katalogs/postgres',
      'v1.0.0',
    );
    expect(resolved).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digestOf(manifest),
      size: manifest.byteLength,
    });

    const fetched = await client.fetchManifest(
      'orkestra/katalogs/postgres',
      'v1.0.0',
    );
    expect(Buffer.from(fetched.bytes)).toEqual(Buffer.from(manifest));
    const byDigest = await client.fetchManifest(
      'orkestra/katalogs/postgres',
      descriptor.digest,
    );
    expect(byDigest.descriptor.digest).toBe(descriptor.digest);

    const layerDescriptor = (fetched.manifest as { layers: any[] }).layers[0];
    expect(
      Buffer.from(
        await client.fetchBlob('orkestra/katalogs/postgres', layerDescriptor),
      ),
    ).toEqual(Buffer.from(layer));

    // skopeo, an independent client, sees exactly the bytes we pushed.
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/orkestra/katalogs/postgres:v1.0.0`,
    ]);
    expect(stdout).toBe(Buffer.from(manifest).toString('utf8'));
  });

  it('skips blobs the repository has and mounts blobs from another repository', async () => {
    const { layer } = await pushArtifact(
      client,
      'orkestra/katalogs/redis',
      'v1.0.0',
      'kind: Katalog # redis\n',
    );
    const again = await client.pushBlob('orkestra/katalogs/redis', layer);
    expect(again).toMatchObject({ skipped: true, mounted: false });

    const mounted = await client.pushBlob(
      'orkestra/katalogs/redis-copy',
      layer,
      {
        mountFrom: 'orkestra/katalogs/redis',
      },
    );
    expect(mounted).toMatchObject({
      skipped: false,
      mounted: true,
      digest: digestOf(layer),
    });
    const read = await client.fetchBlob('orkestra/katalogs/redis-copy', {
      mediaType: 'application/octet-stream',
      digest: digestOf(layer),
      size: layer.byteLength,
    });
    expect(Buffer.from(read)).toEqual(Buffer.from(layer));
  });

  it('deletes a manifest by digest', async () => {
    const { descriptor } = await pushArtifact(
      client,
      'orkestra/katalogs/gone',
      'v1.0.0',
      'kind: Katalog # gone\n',
    );
    await client.deleteManifest('orkestra/katalogs/gone', descriptor.digest);
    await expect(
      client.fetchManifest('orkestra/katalogs/gone', descriptor.digest),
    ).rejects.toBeInstanceOf(OciNotFoundError);
    expect(await client.listTags('orkestra/katalogs/gone')).toEqual([]);
  });

  it('reports unknown repositories and manifests as not found', async () => {
    await expect(client.listTags('orkestra/none')).rejects.toThrow(
      new OciNotFoundError(
        `tags of orkestra/none not found on ${registry.host}: repository name not known to registry`,
      ),
    );
    await expect(
      client.fetchManifest('orkestra/katalogs/postgres', 'v9.9.9'),
    ).rejects.toBeInstanceOf(OciNotFoundError);
  });
});

describe('RegistryClient with htpasswd Basic auth', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startTestRegistry({
      basicAuth: { username: 'ci', password: 's3cret' },
    });
  });
  afterAll(() => registry?.stop());

  it('says clearly that credentials are needed when none are configured', async () => {
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
    await expect(client.listTags('orkestra/x')).rejects.toThrow(
      new OciUnauthorizedError(
        401,
        `${registry.host} requires a username and password (Basic auth) and none are configured for it`,
      ),
    );
  });

  it('refuses wrong credentials without echoing them', async () => {
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
      credentials: async () => ({ username: 'ci', password: 'wrong-password' }),
    });
    const failure = client.listRepositories();
    await expect(failure).rejects.toBeInstanceOf(OciUnauthorizedError);
    await expect(failure).rejects.not.toThrow(/wrong-password/);
  });

  it('pushes and reads with the right credentials, answering the challenge once', async () => {
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
      credentials: async () => ({ username: 'ci', password: 's3cret' }),
    });
    await pushArtifact(
      client,
      'orkestra/motifs/web-service',
      'v1.1.0',
      'kind: Motif\n',
    );
    const before = client.requestCount;
    expect(await client.listTags('orkestra/motifs/web-service')).toEqual([
      'v1.1.0',
    ]);
    // Basic credentials are sent up front after the first challenge: one request, no 401 round trip.
    expect(client.requestCount - before).toBe(1);
  });

  it("answers the real registry's challenge only on its own origin: a FAKE registry on another origin that redirects to it gets no credentials sent on", async () => {
    // Records what reaches the real registry (a FAKE pass-through proxy in front of it).
    const proxy = await startFaultProxy(registry.host);
    // A FAKE registry on another loopback address that redirects every request to the real one.
    const redirector = createServer((req, res) =>
      res.writeHead(307, { location: `${proxy.url}${req.url}` }).end(),
    );
    await new Promise<void>(resolve =>
      redirector.listen(0, '127.0.0.2', resolve),
    );
    const redirectorHost = `127.0.0.2:${
      (redirector.address() as AddressInfo).port
    }`;
    try {
      // Same origin: the real registry's Basic challenge is answered.
      const direct = new RegistryClient({
        registry: proxy.host,
        plainHttp: true,
        credentials: async () => ({ username: 'ci', password: 's3cret' }),
      });
      await pushArtifact(
        direct,
        'orkestra/motifs/origin',
        'v1',
        'kind: Motif\n',
      );
      expect(await direct.listTags('orkestra/motifs/origin')).toEqual(['v1']);
      expect(
        proxy.requests.some(r => r.authorization?.startsWith('Basic ')),
      ).toBe(true);

      // Another origin: the same challenge, reached through its redirect, is not answered.
      const seen = proxy.requests.length;
      const redirected = new RegistryClient({
        registry: redirectorHost,
        plainHttp: true,
        credentials: async () => ({ username: 'ci', password: 's3cret' }),
      });
      const outcome = redirected.listTags('orkestra/motifs/origin');
      await outcome.catch(() => undefined);
      expect(
        proxy.requests.slice(seen).map(r => [r.status, r.authorization]),
      ).toEqual([[401, undefined]]);
      await expect(outcome).rejects.toBeInstanceOf(OciUnauthorizedError);
      await expect(outcome).rejects.toThrow(proxy.host);
      await expect(outcome).rejects.not.toThrow(/s3cret/);
    } finally {
      redirector.closeAllConnections();
      await new Promise(resolve => redirector.close(resolve));
      await proxy.close();
    }
  });
});
