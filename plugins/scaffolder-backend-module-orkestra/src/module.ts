import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readPublishConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { createDeprecateAction } from './actions/deprecate';
import { createE2eAction, createSimulateAction } from './actions/gates';
import { createFetchAction } from './actions/fetch';
import { createFollowMotifsAction } from './actions/followMotifs';
import { createInspectAction } from './actions/inspect';
import { createPublishAction } from './actions/publish';
import { createValidateAction } from './actions/validate';
import { createPublishingEnvironment } from './publishing/PublishingEnvironment';

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
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({
        scaffolderActions,
        config,
        permissions,
        auth,
        discovery,
        logger,
      }) {
        const env = createPublishingEnvironment({
          config,
          permissions,
          auth,
          discovery,
          logger,
        });
        scaffolderActions.addActions(
          createValidateAction(env),
          createSimulateAction(env),
          createE2eAction(env),
          createPublishAction(env, readPublishConfig(config)),
          createDeprecateAction(env),
          createInspectAction(env),
          createFetchAction(env),
          createFollowMotifsAction(env),
        );
      },
    });
  },
});
