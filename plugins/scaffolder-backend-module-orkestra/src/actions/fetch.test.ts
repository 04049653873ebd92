/**
 * `orkestra:fetch` of a hostile artifact in a real docker-registry: layers
 * titled with paths must not be written, inside the target folder or out.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RegistryClient } from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createFetchAction } from './fetch';

jest.setTimeout(60_000);

const encode = (text: string) => new TextEncoder().encode(text);

describe('orkestra:fetch of a hostile artifact, against a real docker-registry', () => {
  let registry: TestRegistry;
  // The workspace is a folder inside `outer`, so a write above it would show.
  const outer = createMockDirectory();

  beforeAll(async () => {
    registry = await startTestRegistry();
  });
  afterAll(() => registry?.stop());

  /** Pushes a Katalog whose layers carry `titles`, each with its own content. */
  async function pushHostile(repository: string, titles: string[]) {
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
    const config = await client.pushBlob(repository, encode('{}'));
    const layers = [];
    for (const title of titles) {
      const content =
        title === 'katalog.yaml'
          ? 'kind: Katalog\nmetadata: { name: hostile, version: v1.0.0 }\n'
          : `planted by ${title}\n`;
      const blob = await client.pushBlob(repository, encode(content));
      layers.push({
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: blob.digest,
        size: blob.size,
        annotations: { 'org.opencontainers.image.title': title },
      });
    }
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
        digest: config.digest,
        size: config.size,
      },
      layers,
      annotations: { 'io.orkestra.pattern.kind': 'Katalog' },
    };
    await client.pushManifest(
      repository,
      encode(JSON.stringify(manifest)),
      manifest.mediaType,
      { tag: 'v1.0.0' },
    );
  }

  it('writes only plain file names, and outputs only the files it wrote', async () => {
    const repository = 'orkestra/katalogs/hostile';
    await pushHostile(repository, [
      'katalog.yaml',
      '../escape.yaml',
      '../../escape-further.yaml',
      'sub/nested.yaml',
      'back\\slash.yaml',
      '.bashrc',
      'README.md',
    ]);
    outer.setContent({ workspace: {} });
    const workspacePath = outer.resolve('workspace');
    const env = createPublishingEnvironment({
      config: new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'local',
              type: 'registry',
              target: `http://${registry.host}/orkestra`,
              discovery: 'catalog',
            },
          ],
          policy: { allowedRegistries: [`${registry.host}/orkestra/`] },
        },
      }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      openStore: async source =>
        new RegistryClient({ registry: source.registry, plainHttp: true }),
    });
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        reference: `${registry.host}/${repository}:v1.0.0`,
        targetPath: 'out',
      },
    });
    await createFetchAction(env).handler(ctx);

    expect(outer.content()).toEqual({
      workspace: {
        out: {
          'katalog.yaml':
            'kind: Katalog\nmetadata: { name: hostile, version: v1.0.0 }\n',
          'README.md': 'planted by README.md\n',
        },
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'katalog.yaml',
      'README.md',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('name', 'hostile');
  });
});
