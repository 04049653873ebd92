/**
 * `orkestra:inspect` and `orkestra:fetch` on the bundled example registry
 * (a real OCI image layout), as the demo app configures it.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { OciLayoutStore } from '@orkspace/backstage-plugin-orkestra-node';
import { EXAMPLE_REGISTRY_DIR } from '@orkspace/orkestra-test-utils';
import { demoEnvironment } from '../__testUtils__/startPortal';
import { createFetchAction } from './fetch';
import { createInspectAction } from './inspect';

const REGISTRY = 'oci.orkestra.example/orkestra';

describe('orkestra:inspect and orkestra:fetch on the example registry', () => {
  const workspace = createMockDirectory();
  const env = demoEnvironment({ discovery: mockServices.discovery() });
  beforeEach(() => workspace.clear());

  async function inspect(reference: string) {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { reference },
    });
    await createInspectAction(env).handler(ctx);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls as Array<[string, unknown]>,
    ) as JsonObject;
  }
  const digestOf = async (repository: string, tag: string) =>
    (
      await (
        await OciLayoutStore.open(EXAMPLE_REGISTRY_DIR)
      ).resolve(repository, tag)
    ).digest;

  it('reads the signals of a deprecated katalog, with its replacement', async () => {
    expect(
      await inspect(`${REGISTRY}/katalogs/webapp-operator:v1.0.0`),
    ).toEqual({
      kind: 'Katalog',
      digest: await digestOf('orkestra/katalogs/webapp-operator', 'v1.0.0'),
      simulate: 'passed',
      e2e: 'passed',
      deprecated: true,
      migratedTo: `oci://${REGISTRY}/katalogs/webapp-operator:v2.0.0`,
    });
  });

  it('reads a motif without gates or deprecation', async () => {
    expect(await inspect(`${REGISTRY}/motifs/web-service:v1.1.0`)).toEqual({
      kind: 'Motif',
      digest: await digestOf('orkestra/motifs/web-service', 'v1.1.0'),
      simulate: 'absent',
      e2e: 'absent',
      deprecated: false,
    });
  });

  it('looks up latest when the reference names no tag', async () => {
    // The example registry tags versions only, so there is no latest.
    const error = await inspect(`${REGISTRY}/motifs/web-service`).catch(e => e);
    expect([error.name, error.message]).toEqual([
      'OciNotFoundError',
      'Manifest latest not found in repository orkestra/motifs/web-service',
    ]);
  });

  it('refuses to fetch a reference without a tag, writing nothing', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { reference: `${REGISTRY}/motifs/web-service`, targetPath: 'out' },
    });
    await expect(createFetchAction(env).handler(ctx)).rejects.toThrow(
      'reference must name a tag, e.g. …/cache-operator:v1.0.0',
    );
    expect(workspace.content()).toEqual({});
  });
});
