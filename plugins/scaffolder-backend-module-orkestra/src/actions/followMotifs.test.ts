import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  demoEnvironment,
  startPortal,
  TestPortal,
} from '../__testUtils__/startPortal';
import { createFetchAction } from './fetch';
import { createFollowMotifsAction } from './followMotifs';
import { createValidateAction } from './validate';

describe('orkestra:fetch and orkestra:follow-motifs on the example registry, asking a real Orkestra backend', () => {
  const workspace = createMockDirectory();
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startPortal();
  }, 60_000);
  afterAll(() => portal?.stop());
  beforeEach(() => workspace.clear());

  async function fetchPattern(input: {
    reference: string;
    targetPath?: string;
    version?: string;
    description?: string;
  }) {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input,
    });
    await createFetchAction(demoEnvironment(portal)).handler(ctx);
    return ctx;
  }

  it('fetches a published version as the start of a new one', async () => {
    const ctx = await fetchPattern({
      reference:
        'oci.orkestra.example/orkestra/katalogs/webapp-operator:v1.0.0',
      targetPath: 'katalog',
      version: 'v1.0.1',
      description: 'Patch release',
    });
    expect(ctx.output).toHaveBeenCalledWith('kind', 'Katalog');
    expect(ctx.output).toHaveBeenCalledWith('version', 'v1.0.1');
    expect(ctx.output).toHaveBeenCalledWith('fetchedVersion', 'v1.0.0');
    const katalog = await readFile(
      join(workspace.path, 'katalog', 'katalog.yaml'),
      'utf8',
    );
    expect(katalog).toContain('version: v1.0.1');
    expect(katalog).toContain('description: Patch release');
    // A new version starts without the deprecation of the one it came from.
    expect(katalog).not.toContain('deprecation');
    expect(katalog).toContain('maturity: stable');
    const files = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'files',
    )![1];
    expect(files).toEqual(expect.arrayContaining(['katalog.yaml', 'crd.yaml']));
  });

  it('refuses a reference outside the allowed registries before any request', async () => {
    await expect(
      fetchPattern({ reference: 'evil.example.com/orkestra/x:v1.0.0' }),
    ).rejects.toThrow(/outside the allowed registries/);
  });

  it('moves a behind Motif import to its newest version, keeps comments, and says what changed', async () => {
    await fetchPattern({
      reference: 'oci.orkestra.example/orkestra/katalogs/cache-operator:v1.0.0',
      targetPath: 'katalog',
      version: 'v1.1.0',
    });
    const file = join(workspace.path, 'katalog', 'katalog.yaml');
    const before = await readFile(file, 'utf8');
    expect(before).toContain('motifs/web-service:v1.0.0');

    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: 'katalog' },
    });
    await createFollowMotifsAction(demoEnvironment(portal)).handler(ctx);

    const after = await readFile(file, 'utf8');
    expect(after).toContain(
      'motif: oci://oci.orkestra.example/orkestra/motifs/web-service:v1.1.0',
    );
    expect(after).not.toContain('web-service:v1.0.0');
    // Only the import moved: the rest of the document is untouched.
    expect(after.replace('web-service:v1.1.0', 'web-service:v1.0.0')).toBe(
      before,
    );
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith('upgrades', [
      {
        what: 'spec.crds.cache.imports[0]',
        motif: 'oci.orkestra.example/orkestra/motifs/web-service',
        from: 'v1.0.0',
        to: 'v1.1.0',
        releases: [
          expect.objectContaining({
            version: 'v1.1.0',
            description: expect.any(String),
          }),
        ],
      },
    ]);
    const summary = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'summary',
    )![1];
    expect(summary).toContain(
      '**oci.orkestra.example/orkestra/motifs/web-service** v1.0.0 → v1.1.0',
    );

    // The result is a valid next version of the Katalog.
    const validate = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: 'katalog', tag: 'v1.1.0' },
    });
    await createValidateAction(demoEnvironment(portal)).handler(validate);
    expect(validate.output).toHaveBeenCalledWith('version', 'v1.1.0');
  });

  it('changes nothing when every import is current', async () => {
    await fetchPattern({
      reference:
        'oci.orkestra.example/orkestra/katalogs/webapp-operator:v2.0.0',
      targetPath: 'katalog',
    });
    const file = join(workspace.path, 'katalog', 'katalog.yaml');
    const before = await readFile(file, 'utf8');
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: 'katalog' },
    });
    await createFollowMotifsAction(demoEnvironment(portal)).handler(ctx);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(ctx.output).toHaveBeenCalledWith('changed', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'Every Motif import is at its newest version.',
    );
  });

  it('refuses a folder without katalog.yaml', async () => {
    workspace.setContent({ 'motif.yaml': 'kind: Motif' });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(
      createFollowMotifsAction(
        demoEnvironment({ discovery: mockServices.discovery() }),
      ).handler(ctx),
    ).rejects.toThrow('has no katalog.yaml');
  });
});
