import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ORKESTRA_PATTERN_CHANGED_TOPIC,
  PatternChangedEvent,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  readCatalogConfig,
  readSourceConfigs,
} from '@orkspace/backstage-plugin-orkestra-node';
import { EntityClaims } from './provider/EntityClaims';
import { OrkestraEntityProvider } from './provider/OrkestraEntityProvider';
import { OrkestraEntityFeedClient } from './provider/OrkestraEntityFeedClient';

/**
 * Catalog module that turns Orkestra patterns into catalog entities: one
 * provider per configured `orkestra.sources` entry.
 *
 * @public
 */
export const catalogModuleOrkestra = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'orkestra',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        discovery,
        auth,
        events,
        processing,
      }) {
        const { schedule, pageSize } = readCatalogConfig(config);
        const feed = new OrkestraEntityFeedClient({
          discovery,
          auth,
          pageSize,
        });
        const claims = new EntityClaims();
        const providers = readSourceConfigs(config).map(
          source =>
            new OrkestraEntityProvider({
              source: source.id,
              logger,
              feed,
              taskRunner: scheduler.createScheduledTaskRunner(schedule),
              claims,
            }),
        );
        processing.addEntityProvider(providers);

        await events.subscribe({
          id: 'catalog-module-orkestra',
          topics: [ORKESTRA_PATTERN_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) => {
            const event = eventPayload as PatternChangedEvent;
            await providers
              .find(p => p.source === event.source)
              ?.onPatternChanged(event);
          },
        });
      },
    });
  },
});
