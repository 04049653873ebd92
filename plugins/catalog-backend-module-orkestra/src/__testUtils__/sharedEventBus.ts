import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  EventParams,
  EventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';

/**
 * One in-process event bus shared by every plugin, as the events backend is
 * in a real app (the default test events service is per plugin).
 */
export function sharedEventBus() {
  const subscribers: Array<{
    topics: string[];
    onEvent: (params: EventParams) => Promise<void>;
  }> = [];
  const published: EventParams[] = [];
  const bus: EventsService = {
    async publish(params) {
      published.push(params);
      for (const subscriber of subscribers) {
        if (subscriber.topics.includes(params.topic))
          await subscriber.onEvent(params);
      }
    },
    async subscribe(options) {
      subscribers.push(options);
    },
  };
  return {
    published,
    factory: createServiceFactory({
      service: eventsServiceRef,
      deps: {},
      factory: () => bus,
    }),
  };
}
