import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * `orkestra.catalog`: the catalog module's full refresh of the entity feed.
 *
 * @public
 */
export interface CatalogConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Patterns per page of the entity feed, 1 to 500 (the backend's maximum). */
  pageSize: number;
}

/**
 * How often the catalog module reads the whole feed when `orkestra.catalog.schedule` is not set.
 *
 * @public
 */
export const DEFAULT_CATALOG_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 3 },
    initialDelay: { seconds: 20 },
  };

/**
 * Reads and validates `orkestra.catalog`. Throws an InputError naming the bad key.
 *
 * @public
 */
export function readCatalogConfig(root: Config): CatalogConfig {
  const config = root.getOptionalConfig('orkestra.catalog');
  const scheduleConfig = config?.getOptionalConfig('schedule');
  const pageSize = config?.getOptionalNumber('pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) {
    throw new InputError(
      `orkestra.catalog.pageSize must be a whole number from 1 to 500, got ${pageSize}`,
    );
  }
  return {
    schedule: scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_CATALOG_SCHEDULE,
    pageSize,
  };
}
