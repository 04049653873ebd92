import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createValidateAction } from './validate';

describe('orkestra:validate', () => {
  const workspace = createMockDirectory();
  const action = createValidateAction({ policy: {} });

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

  it('refuses a path outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { path: '../..' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/outside/i);
  });
});
