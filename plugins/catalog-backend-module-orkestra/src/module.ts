import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ORKESTRA_PATTERN_CHANGED_TOPIC,
  PatternChangedEvent,
} from '@orkspace/backstage-plugin-orkestra-common';
import { EntityClaims } from './provider/EntityClaims';
import { OrkestraEntityProvider } from './provider/OrkestraEntityProvider';
import { OrkestraEntityFeedClient } from './provider/OrkestraEntityFeedClient';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 20 },
};

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
        const scheduleConfig = config.getOptionalConfig(
          'orkestra.catalog.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        const feed = new OrkestraEntityFeedClient({
          discovery,
          auth,
          pageSize: config.getOptionalNumber('orkestra.catalog.pageSize'),
        });
        const claims = new EntityClaims();
        const providers = (
          config.getOptionalConfigArray('orkestra.sources') ?? []
        ).map(
          source =>
            new OrkestraEntityProvider({
              source: source.getString('id'),
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
