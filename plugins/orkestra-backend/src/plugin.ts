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
        const engine = new SyncEngine({
          store,
          config: orkestraConfig,
          logger,
          events,
          now: () => clock.now(),
        });

        for (const source of orkestraConfig.sources) {
          await store.upsertSource({
            id: source.id,
            type: source.type,
            target: source.target,
            registry: source.registry,
          });
          // Global scope, whatever the configured schedule says (hence after
          // the spread): with several backend replicas, one of them syncs
          // per interval.
          await scheduler.scheduleTask({
            id: `orkestra-sync-${source.id}`,
            ...source.schedule,
            scope: 'global',
            fn: async signal => {
              await engine.syncSource(source.id, 'schedule', signal);
            },
          });
        }
        logger.info(
          `Orkestra syncs ${orkestraConfig.sources.length} pattern source(s)${
            orkestraConfig.sources.length
              ? `: ${orkestraConfig.sources
                  .map(s => `${s.id} (${s.type})`)
                  .join(', ')}`
              : ''
          }`,
        );

        permissionsRegistry.addPermissions(orkestraPermissions);
        const service = new PatternServiceImpl({
          store,
          engine,
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
