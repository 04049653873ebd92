import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  demoEnvironment,
  startPortal,
  TestPortal,
} from '../__testUtils__/startPortal';
import { createValidateAction } from './validate';

describe('orkestra:validate', () => {
  const workspace = createMockDirectory();
  const action = createValidateAction(
    demoEnvironment({ discovery: mockServices.discovery() }),
  );

  const katalog = [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    '  name: webapp-operator',
    '  version: v1.0.0',
  ].join('\n');

  beforeEach(() => workspace.clear());

  it('outputs the kind, name, version and files of a valid katalog', async () => {
    workspace.setContent({
      katalog: { 'katalog.yaml': katalog, 'simulate.yaml': 'kind: Simulate' },
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: 'katalog', tag: 'v1.0.0' },
    });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('kind', 'Katalog');
    expect(ctx.output).toHaveBeenCalledWith('name', 'webapp-operator');
    expect(ctx.output).toHaveBeenCalledWith('version', 'v1.0.0');
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'katalog.yaml',
      'simulate.yaml',
    ]);
  });

  it('refuses a tag that does not match metadata.version', async () => {
    workspace.setContent({ 'katalog.yaml': katalog });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { tag: 'v2.0.0' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'tag "v2.0.0" does not match metadata.version "v1.0.0"',
    );
  });

  it('refuses a directory that is not a pattern', async () => {
    workspace.setContent({ 'README.md': '# nothing here' });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Not a pattern directory/,
    );
  });

  it('refuses a folder that does not exist', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: 'missing' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Not a pattern directory/,
    );
  });

  it("warns about a maturity below the portal's minimum, declared or not", async () => {
    const strict = createValidateAction(
      demoEnvironment(
        { discovery: mockServices.discovery() },
        { minMaturity: 'stable' },
      ),
    );
    for (const [lifecycle, warning] of [
      [
        'lifecycle: { maturity: beta }',
        "maturity beta is below the portal's minimum stable",
      ],
      ['', "maturity (not declared) is below the portal's minimum stable"],
      ['lifecycle: { maturity: stable }', undefined],
    ] as const) {
      workspace.setContent({ 'katalog.yaml': `${katalog}\n${lifecycle}\n` });
      const ctx = createMockActionContext({
        workspacePath: workspace.path,
        input: {},
      });
      await strict.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'warnings',
        warning ? [warning] : [],
      );
    }
  });

  it('refuses spec.imports entries that are not references, or local, naming each', async () => {
    workspace.setContent({
      'katalog.yaml': [
        katalog,
        'spec:',
        '  imports:',
        "    - motif: 'bad ref'",
        '    - motif: ./motifs/local',
        '    - motif: oci://ghcr.io/acme-evil/motifs/x:v1.0.0',
        '',
      ].join('\n'),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      [
        'The pattern is not valid:',
        '- spec.imports: Invalid reference "bad ref": import must not contain whitespace',
        '- spec.imports: ./motifs/local is a local path; ork push refuses local imports, publish it and import its reference',
        '- spec.imports: ghcr.io/acme-evil/motifs/x is outside the allowed registries',
      ].join('\n'),
    );
  });

  it('refuses a path outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: '../..' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/outside/i);
  });
});

describe('orkestra:validate with the portal (a real Orkestra backend on the example registry)', () => {
  const workspace = createMockDirectory();
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startPortal();
  }, 60_000);
  afterAll(() => portal?.stop());
  beforeEach(() => workspace.clear());

  const KATALOG = [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    '  name: team-stack',
    '  version: v1.0.0',
  ].join('\n');
  const komposer = (...imports: string[]) =>
    [
      'apiVersion: orkestra.orkspace.io/v1',
      'kind: Komposer',
      'metadata:',
      '  name: team-stack',
      'imports:',
      '  registry:',
      ...imports.map(i => `    - ${i}`),
    ].join('\n');

  function validate(policy: JsonObject = {}) {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    return {
      ctx,
      run: () =>
        createValidateAction(demoEnvironment(portal, policy)).handler(ctx),
    };
  }

  it('refuses an import past its end of life, naming its replacement', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'komposer.yaml': komposer(
        'oci://oci.orkestra.example/orkestra/katalogs/legacy-queue-operator:v1.1.0',
      ),
    });
    const { run } = validate();
    await expect(run()).rejects.toThrow(
      'imports.registry: oci.orkestra.example/orkestra/katalogs/legacy-queue-operator:v1.1.0 is past its end of life (end of life 2026-06-30; migrate to oci://oci.orkestra.example/orkestra/katalogs/cache-operator:v1.0.0',
    );
  });

  it('only warns about an end-of-life import when the policy is warn', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'komposer.yaml': komposer(
        'oci://oci.orkestra.example/orkestra/katalogs/legacy-queue-operator:v1.1.0',
      ),
    });
    const { ctx, run } = validate({ deprecation: 'warn' });
    await run();
    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      expect.stringMatching(
        /legacy-queue-operator:v1.1.0 is past its end of life/,
      ),
    ]);
  });

  it('warns about a deprecated import and passes a current one', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'komposer.yaml': komposer(
        'oci://oci.orkestra.example/orkestra/katalogs/webapp-operator:v1.0.0',
        'oci://oci.orkestra.example/orkestra/katalogs/webapp-operator:v2.0.0',
      ),
    });
    const { ctx, run } = validate();
    await run();
    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      expect.stringMatching(
        /^imports.registry: oci.orkestra.example\/orkestra\/katalogs\/webapp-operator:v1.0.0 is deprecated \(end of life 2031-03-31; migrate to .*webapp-operator:v2.0.0/,
      ),
    ]);
  });

  it('says so when an imported version is unknown to the portal', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'komposer.yaml': komposer(
        'oci://oci.orkestra.example/orkestra/katalogs/webapp-operator:v9.9.9',
      ),
    });
    const { ctx, run } = validate();
    await run();
    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      expect.stringContaining(
        'webapp-operator:v9.9.9 is not known to the portal',
      ),
    ]);
  });

  it('reports that the check did not run when the portal is unreachable', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'komposer.yaml': komposer(
        'oci://oci.orkestra.example/orkestra/katalogs/legacy-queue-operator:v1.1.0',
      ),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    const unreachable = {
      getBaseUrl: async () => 'http://127.0.0.1:9/api/orkestra',
      getExternalBaseUrl: async () => 'http://127.0.0.1:9/api/orkestra',
    };
    await createValidateAction(
      demoEnvironment({ discovery: unreachable }),
    ).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      expect.stringMatching(/^the deprecated-imports check did not run/),
    ]);
  });
});
