import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ORKESTRA_PATTERN_CHANGED_TOPIC,
  PatternChangedEvent,
} from '@orkspace/backstage-plugin-orkestra-common';
import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { describeSyncError } from '../syncErrors';

/**
 * Step: one event per pattern the run changed. A failed publish is logged,
 * never the run's failure.
 */
export async function announceChanges(
  events: EventsService,
  logger: LoggerService,
  input: {
    source: SourceConfig;
    changed: ReadonlyMap<string, PatternChangedEvent['change']>;
  },
): Promise<void> {
  const { source } = input;
  for (const [repository, change] of input.changed) {
    const eventPayload: PatternChangedEvent = {
      source: source.id,
      repository,
      reference: `${source.registry}/${repository}`,
      change,
    };
    try {
      await events.publish({
        topic: ORKESTRA_PATTERN_CHANGED_TOPIC,
        eventPayload,
      });
    } catch (error) {
      logger.warn(
        `Could not publish ${ORKESTRA_PATTERN_CHANGED_TOPIC}: ${
          describeSyncError(error).message
        }`,
      );
    }
  }
}
