import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/**
 * `orkestra.sync`: how syncing behaves across all sources.
 *
 * @public
 */
export interface SyncConfig {
  concurrency: number;
  missingGracePeriodMs: number;
  maxYamlBytes: number;
  /** How often every repository is checked even when its namespace's index did not change. */
  fullCheckIntervalMs: number;
  /** On-demand resyncs each caller may ask for per window. */
  resyncRateLimit: { requests: number; windowMs: number };
}

const DEFAULT_GRACE_MS = 7 * 24 * 3600 * 1000;
/** Six hours: a push that skipped the index update is seen within this. */
const DEFAULT_FULL_CHECK_MS = 6 * 60 * 60 * 1000;

/** A duration under `orkestra.sync` in milliseconds; zero is allowed, a negative one is not. */
function readNonNegativeDuration(
  config: Config | undefined,
  key: string,
  defaultMs: number,
): number {
  if (!config?.has(key)) return defaultMs;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(ms >= 0)) {
    throw new InputError(`orkestra.sync.${key} must not be negative`);
  }
  return ms;
}

function readResyncRateLimit(
  config: Config | undefined,
): SyncConfig['resyncRateLimit'] {
  const requests = config?.getOptionalNumber('requests') ?? 10;
  if (!Number.isInteger(requests) || requests < 1) {
    throw new InputError(
      'orkestra.sync.resyncRateLimit.requests must be a positive integer',
    );
  }
  const windowMs = config?.has('window')
    ? durationToMilliseconds(readDurationFromConfig(config, { key: 'window' }))
    : 60_000;
  if (!(windowMs > 0)) {
    throw new InputError(
      'orkestra.sync.resyncRateLimit.window must be longer than zero',
    );
  }
  return { requests, windowMs };
}

/**
 * Reads and validates `orkestra.sync`. Throws an InputError naming the bad key.
 *
 * @public
 */
export function readSyncConfig(root: Config): SyncConfig {
  const config = root.getOptionalConfig('orkestra.sync');
  const concurrency = config?.getOptionalNumber('concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new InputError(
      'orkestra.sync.concurrency must be an integer from 1 to 64',
    );
  }
  const maxYamlBytes = config?.getOptionalNumber('maxYamlBytes') ?? 1024 * 1024;
  if (!Number.isInteger(maxYamlBytes) || maxYamlBytes < 1) {
    throw new InputError(
      'orkestra.sync.maxYamlBytes must be a positive integer',
    );
  }
  return {
    concurrency,
    missingGracePeriodMs: readNonNegativeDuration(
      config,
      'missingGracePeriod',
      DEFAULT_GRACE_MS,
    ),
    maxYamlBytes,
    fullCheckIntervalMs: readNonNegativeDuration(
      config,
      'fullCheckInterval',
      DEFAULT_FULL_CHECK_MS,
    ),
    resyncRateLimit: readResyncRateLimit(
      config?.getOptionalConfig('resyncRateLimit'),
    ),
  };
}
