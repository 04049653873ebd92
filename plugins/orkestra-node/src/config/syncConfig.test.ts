import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readSyncConfig } from './syncConfig';

const read = (sync?: JsonObject) =>
  readSyncConfig(new ConfigReader(sync ? { orkestra: { sync } } : {}));

describe('readSyncConfig', () => {
  it('defaults every setting', () => {
    expect(read()).toEqual({
      concurrency: 4,
      missingGracePeriodMs: 7 * 24 * 3600 * 1000,
      maxYamlBytes: 1024 * 1024,
      fullCheckIntervalMs: 6 * 3600 * 1000,
      resyncRateLimit: { requests: 10, windowMs: 60_000 },
    });
  });

  it('reads durations, zero included', () => {
    expect(
      read({
        missingGracePeriod: { days: 2 },
        fullCheckInterval: { hours: 0 },
        resyncRateLimit: { requests: 3, window: { seconds: 30 } },
      }),
    ).toMatchObject({
      missingGracePeriodMs: 2 * 24 * 3600 * 1000,
      fullCheckIntervalMs: 0,
      resyncRateLimit: { requests: 3, windowMs: 30_000 },
    });
  });

  it.each([
    [{ concurrency: 0 }, /concurrency must be an integer from 1 to 64/],
    [{ maxYamlBytes: 0.5 }, /maxYamlBytes must be a positive integer/],
    [
      { missingGracePeriod: { days: -1 } },
      /missingGracePeriod must not be negative/,
    ],
    [
      { resyncRateLimit: { requests: 0 } },
      /requests must be a positive integer/,
    ],
    [
      { resyncRateLimit: { window: { seconds: 0 } } },
      /window must be longer than zero/,
    ],
  ])('refuses %j', (sync, message) => {
    expect(() => read(sync)).toThrow(message);
  });
});
