import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleOrkestra } from './module';

describe('scaffolderModuleOrkestra', () => {
  it('registers the orkestra actions', async () => {
    const ids: string[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: Array<{ id: string }>) =>
              ids.push(...actions.map(a => a.id)),
          },
        ],
      ],
      features: [scaffolderModuleOrkestra],
    });
    expect(ids).toEqual([
      'orkestra:validate',
      'orkestra:simulate',
      'orkestra:e2e',
      'orkestra:publish',
      'orkestra:deprecate',
      'orkestra:inspect',
      'orkestra:fetch',
      'orkestra:follow-motifs',
    ]);
  });
});
