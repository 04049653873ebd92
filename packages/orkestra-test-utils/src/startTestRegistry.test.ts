import { existsSync } from 'node:fs';
import { digestOf } from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry, TestRegistry } from './startTestRegistry';

/** POST then PUT: distribution 2.8 does not store single-request uploads. */
async function pushBlob(
  registry: TestRegistry,
  repository: string,
  content: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; digest: string }> {
  const digest = digestOf(content);
  const start = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
    headers,
  });
  await start.arrayBuffer();
  if (start.status !== 202) return { status: start.status, digest };
  const location = new URL(start.headers.get('location')!, registry.url);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(content),
  });
  await put.arrayBuffer();
  return { status: put.status, digest };
}

describe('startTestRegistry', () => {
  let registry: TestRegistry | undefined;
  afterEach(async () => {
    await registry?.stop();
    registry = undefined;
  });

  it('runs a real registry that stores and serves a blob', async () => {
    registry = await startTestRegistry();
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);

    const content = Buffer.from('apiVersion: orkestra.sh/v1\nkind: Katalog\n');
    const pushed = await pushBlob(registry, 'orkestra/katalogs/demo', content);
    expect(pushed.status).toBe(201);

    const read = await fetch(
      `${registry.url}/v2/orkestra/katalogs/demo/blobs/${pushed.digest}`,
    );
    expect(read.status).toBe(200);
    expect(read.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(content);
  });

  it('enforces htpasswd Basic auth when asked to', async () => {
    registry = await startTestRegistry({
      basicAuth: { username: 'ci', password: 's3cret' },
    });

    const anonymous = await fetch(`${registry.url}/v2/`);
    await anonymous.arrayBuffer();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

    const wrong = Buffer.from('ci:wrong').toString('base64');
    expect(
      (
        await pushBlob(registry, 'orkestra/x', Buffer.from('a'), {
          authorization: `Basic ${wrong}`,
        })
      ).status,
    ).toBe(401);

    const right = Buffer.from('ci:s3cret').toString('base64');
    expect(
      (
        await pushBlob(registry, 'orkestra/x', Buffer.from('a'), {
          authorization: `Basic ${right}`,
        })
      ).status,
    ).toBe(201);
  });

  it('can be killed like a crash and restarted on the same port with its storage', async () => {
    registry = await startTestRegistry();
    const pushed = await pushBlob(
      registry,
      'orkestra/survivor',
      Buffer.from('kept'),
    );
    await registry.kill();
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
    await registry.restart();
    const read = await fetch(
      `${registry.url}/v2/orkestra/survivor/blobs/${pushed.digest}`,
    );
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer()).toString()).toBe('kept');
  });

  it('removes its storage when stopped', async () => {
    const started = await startTestRegistry();
    await pushBlob(started, 'orkestra/gone', Buffer.from('bytes'));
    await started.stop();
    expect(existsSync(started.storageDir)).toBe(false);
    await expect(fetch(`${started.url}/v2/`)).rejects.toThrow();
  });
});
