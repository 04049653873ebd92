import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readSourceConfigs } from './config/sourceConfig';
import { createRouter } from './router';

/**
 * The Orkestra backend plugin: owns registry state and serves `/api/orkestra`.
 *
 * @public
 */
export const orkestraPlugin = createBackendPlugin({
  pluginId: 'orkestra',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpAuth, httpRouter }) {
        const sources = readSourceConfigs(config);
        logger.info(
          `Orkestra configured with ${sources.length} pattern source(s)${
            sources.length
              ? `: ${sources.map(s => `${s.id} (${s.type})`).join(', ')}`
              : ''
          }`,
        );
        httpRouter.use(await createRouter({ httpAuth, sources }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
