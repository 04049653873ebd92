import { readDurationFromConfig } from '@backstage/config';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { PolicyConfig } from '@orkspace/backstage-plugin-orkestra-common';
import {
  readSourceConfigs,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';

export interface OwnershipConfig {
  defaultOwner: string;
  authors: Record<string, string>;
}

export interface SyncConfig {
  concurrency: number;
  missingGracePeriodMs: number;
  maxYamlBytes: number;
  /** How often every repository is checked even when its namespace's index did not change. */
  fullCheckIntervalMs: number;
  /** On-demand resyncs each caller may ask for per window. */
  resyncRateLimit: { requests: number; windowMs: number };
}

/** Everything under `orkestra` in app-config, validated. */
export interface OrkestraConfig {
  sources: SourceConfig[];
  policy: PolicyConfig;
  ownership: OwnershipConfig;
  sync: SyncConfig;
}

const DEFAULT_GRACE_MS = 7 * 24 * 3600 * 1000;

function readPolicy(config: Config | undefined): PolicyConfig {
  if (!config) return {};
  const minMaturity = config.getOptionalString('minMaturity');
  if (minMaturity && !['alpha', 'beta', 'stable'].includes(minMaturity)) {
    throw new InputError(
      `orkestra.policy.minMaturity must be alpha, beta or stable; got "${minMaturity}"`,
    );
  }
  const requiredGates = config.getOptionalStringArray('requiredGates') ?? [];
  for (const gate of requiredGates) {
    if (gate !== 'simulate' && gate !== 'e2e') {
      throw new InputError(
        `orkestra.policy.requiredGates may list simulate and e2e; got "${gate}"`,
      );
    }
  }
  const deprecation = config.getOptionalString('deprecation');
  if (
    deprecation &&
    deprecation !== 'warn' &&
    deprecation !== 'warn-then-fail'
  ) {
    throw new InputError(
      `orkestra.policy.deprecation must be warn or warn-then-fail; got "${deprecation}"`,
    );
  }
  return {
    allowedRegistries: config.getOptionalStringArray('allowedRegistries'),
    minMaturity: minMaturity as PolicyConfig['minMaturity'],
    requiredGates: requiredGates as PolicyConfig['requiredGates'],
    deprecation: deprecation as PolicyConfig['deprecation'],
  };
}

function readOwnership(config: Config | undefined): OwnershipConfig {
  const authorsConfig = config?.getOptionalConfig('authors');
  // fromEntries defines own properties: an author named `__proto__` is kept.
  const authors: Record<string, string> = Object.fromEntries(
    (authorsConfig?.keys() ?? []).map(author => [
      author,
      authorsConfig!.getString(author),
    ]),
  );
  return {
    defaultOwner: config?.getOptionalString('defaultOwner') ?? 'unknown',
    authors,
  };
}

/** Six hours: a push that skipped the index update is seen within this. */
const DEFAULT_FULL_CHECK_MS = 6 * 60 * 60 * 1000;

function readSync(config: Config | undefined): SyncConfig {
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

/** Reads and validates the `orkestra` section. Throws an InputError naming the bad key. */
export function readOrkestraConfig(root: Config): OrkestraConfig {
  return {
    sources: readSourceConfigs(root),
    policy: readPolicy(root.getOptionalConfig('orkestra.policy')),
    ownership: readOwnership(root.getOptionalConfig('orkestra.ownership')),
    sync: readSync(root.getOptionalConfig('orkestra.sync')),
  };
}

/** The owner entity ref of a pattern by its author. */
export function ownerFor(
  ownership: OwnershipConfig,
  author: string | undefined,
): string {
  // Own properties only: an author named `constructor` is not Object's.
  return (
    (author && Object.hasOwn(ownership.authors, author)
      ? ownership.authors[author]
      : undefined) || ownership.defaultOwner
  );
}
