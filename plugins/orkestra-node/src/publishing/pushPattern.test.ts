import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OciDigestMismatchError } from '../oci/errors';
import { RegistryClient } from '../oci/remote/RegistryClient';
import { OciStore } from '../oci/types';
import { readPatternIndex } from '../pattern/codec/patternIndex';
import { unpackPattern } from '../pattern/codec/unpackPattern';
import { readPatternDirectory } from '../pattern/patternDirectory';
import { PatternIndexNotUpdatedError, pushPattern } from './pushPattern';

const katalog = (name: string, extra: string[] = []) =>
  [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    '  version: v1.0.0',
    '  author: platform-team',
    '  tags: [web]',
    ...extra,
    '',
  ].join('\n');

/** `client` with its manifest pushes replaced. */
function withPushManifest(
  client: OciStore,
  pushManifest: OciStore['pushManifest'],
): OciStore {
  return {
    listRepositories: o => client.listRepositories(o),
    listTags: (r, o) => client.listTags(r, o),
    resolve: (r, ref, o) => client.resolve(r, ref, o),
    fetchManifest: (r, ref, o) => client.fetchManifest(r, ref, o),
    fetchBlob: (r, d, o) => client.fetchBlob(r, d, o),
    pushBlob: (r, c, o) => client.pushBlob(r, c, o),
    pushManifest,
    deleteManifest: (r, d, o) => client.deleteManifest(r, d, o),
  };
}

describe('pushPattern against a real docker-registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  const dirs: string[] = [];

  beforeAll(async () => {
    registry = await startTestRegistry();
    client = new RegistryClient({ registry: registry.host, plainHttp: true });
  });
  afterAll(async () => {
    await registry?.stop();
    await Promise.all(dirs.map(d => rm(d, { recursive: true, force: true })));
  });

  async function folder(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'orkestra-push-'));
    dirs.push(dir);
    await writeFile(join(dir, 'katalog.yaml'), text);
    return readPatternDirectory(dir);
  }

  it('packs, pushes under the tag, and lists the version in its namespace index', async () => {
    const pattern = await folder(katalog('pushed'));
    const testedAt = new Date('2026-06-14T09:59:58Z');
    const pushed = await pushPattern({
      store: client,
      registry: registry.host,
      repository: 'orkestra/katalogs/pushed',
      tag: 'v1.0.0',
      pattern,
      pack: {
        created: new Date('2026-06-14T10:00:00Z'),
        simulate: { status: 'passed', testedAt, assertions: 1 },
      },
    });

    expect(pushed.reference).toBe(
      `${registry.host}/orkestra/katalogs/pushed:v1.0.0`,
    );
    expect(pushed.index).toEqual({
      namespace: 'orkestra/katalogs',
      digest: expect.stringMatching(/^sha256:/),
      attempts: 1,
    });
    const stored = await client.resolve('orkestra/katalogs/pushed', 'v1.0.0');
    expect(stored.digest).toBe(pushed.manifest.digest);
    const version = unpackPattern(
      await client.fetchManifest('orkestra/katalogs/pushed', 'v1.0.0'),
      pushed.reference,
    );
    expect(version.signals.simulate.state).toBe('passed');

    const index = await readPatternIndex(client, 'orkestra/katalogs');
    expect(index?.index.entries).toContainEqual({
      name: 'pushed',
      latestVersion: 'v1.0.0',
      description: 'Pattern pushed',
      tags: ['web'],
      author: 'platform-team',
      kind: 'Katalog',
      simulateStatus: 'passed',
    });
  });

  it('writes what the caller says into the index entry, and a declared deprecation as deprecated', async () => {
    const pattern = await folder(
      katalog('kept', ['lifecycle:', '  deprecation: { message: gone }']),
    );
    await pushPattern({
      store: client,
      repository: 'orkestra/katalogs/kept',
      tag: 'v1.0.0',
      pattern,
      pack: {},
      index: { simulateStatus: 'failed' },
    });
    const index = await readPatternIndex(client, 'orkestra/katalogs');
    expect(index?.index.entries.find(e => e.name === 'kept')).toMatchObject({
      simulateStatus: 'failed',
      deprecated: true,
    });
  });

  it('says the version was pushed when only the index update fails', async () => {
    const pattern = await folder(katalog('half'));
    const store = withPushManifest(client, (repository, ...rest) =>
      repository.endsWith('/index')
        ? Promise.reject(new Error('index refused'))
        : client.pushManifest(repository, ...rest),
    );
    const error = await pushPattern({
      store,
      registry: registry.host,
      repository: 'orkestra/katalogs/half',
      tag: 'v1.0.0',
      pattern,
      pack: {},
    }).catch(e => e);
    expect(error).toBeInstanceOf(PatternIndexNotUpdatedError);
    expect(error.message).toMatch(
      new RegExp(
        `^Pushed ${registry.host}/orkestra/katalogs/half:v1\\.0\\.0 \\(sha256:[0-9a-f]{64}\\), but the index orkestra/katalogs/index:latest was not updated: index refused$`,
      ),
    );
    expect(error.namespace).toBe('orkestra/katalogs');
    expect(
      (await client.resolve('orkestra/katalogs/half', 'v1.0.0')).digest,
    ).toBe(error.manifest.digest);
  });

  it('refuses a store that kept other bytes than were packed, before the index is touched', async () => {
    const pattern = await folder(katalog('lying'));
    const store = withPushManifest(client, async (...args) => ({
      ...(await client.pushManifest(...args)),
      digest: `sha256:${'0'.repeat(64)}`,
    }));
    await expect(
      pushPattern({
        store,
        repository: 'orkestra/katalogs/lying',
        tag: 'v1.0.0',
        pattern,
        pack: {},
      }),
    ).rejects.toBeInstanceOf(OciDigestMismatchError);
    const index = await readPatternIndex(client, 'orkestra/katalogs');
    expect(index?.index.entries.map(e => e.name)).not.toContain('lying');
  });
});
