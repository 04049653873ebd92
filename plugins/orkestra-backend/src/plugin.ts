import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { orkestraPermissions } from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraClockServiceRef } from '@orkspace/backstage-plugin-orkestra-node';
import { readOrkestraConfig } from './config/orkestraConfig';
import { createRouter, UNAUTHENTICATED_PATHS } from './router';
import { PatternServiceImpl } from './service/PatternServiceImpl';
import { OpenSources } from './sources/OpenSources';
import { PatternStore } from './store/PatternStore';
import { SyncEngine } from './sync/SyncEngine';

/**
 * The Orkestra backend plugin: owns registry state (sync engine and store)
 * and serves `/api/orkestra`.
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
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        events: eventsServiceRef,
        clock: orkestraClockServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        events,
        clock,
      }) {
        const orkestraConfig = readOrkestraConfig(config);
        const store = await PatternStore.create({ database });
        const sources = new OpenSources({ sources: orkestraConfig.sources });
        const engine = new SyncEngine({
          store,
          config: orkestraConfig,
          logger,
          events,
          sources,
          now: () => clock.now(),
        });
        await engine.start(scheduler);

        permissionsRegistry.addPermissions(orkestraPermissions);
        const service = new PatternServiceImpl({
          store,
          engine,
          sources,
          config: orkestraConfig,
          now: () => clock.now(),
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            service,
            resyncRateLimit: orkestraConfig.sync.resyncRateLimit,
          }),
        );
        for (const path of UNAUTHENTICATED_PATHS) {
          httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        }
      },
    });
  },
});
