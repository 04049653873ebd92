import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createValidateAction } from './actions/validate';

/**
 * Scaffolder module with the Orkestra publishing actions.
 *
 * @public
 */
export const scaffolderModuleOrkestra = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'orkestra',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(createValidateAction());
      },
    });
  },
});
