import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { ownerFor, readOrkestraConfig } from './orkestraConfig';

const read = (orkestra: JsonObject) =>
  readOrkestraConfig(new ConfigReader({ orkestra }));

describe('readOrkestraConfig', () => {
  it('defaults every section when there is no orkestra section', () => {
    expect(readOrkestraConfig(new ConfigReader({}))).toEqual({
      sources: [],
      policy: {},
      ownership: { defaultOwner: 'unknown', authors: {} },
      sync: {
        concurrency: 4,
        missingGracePeriodMs: 7 * 24 * 3600 * 1000,
        maxYamlBytes: 1024 * 1024,
        fullCheckIntervalMs: 6 * 3600 * 1000,
        resyncRateLimit: { requests: 10, windowMs: 60_000 },
      },
    });
  });

  it('defaults what empty sections leave out', () => {
    const config = read({
      policy: {},
      ownership: {},
      sync: { resyncRateLimit: {} },
    });
    expect(config.policy).toEqual({
      allowedRegistries: undefined,
      minMaturity: undefined,
      requiredGates: [],
      deprecation: undefined,
    });
    expect(config.ownership).toEqual({ defaultOwner: 'unknown', authors: {} });
    expect(config.sync.resyncRateLimit).toEqual({
      requests: 10,
      windowMs: 60_000,
    });
  });

  it('reads every setting given', () => {
    const config = read({
      policy: {
        allowedRegistries: ['oci.orkestra.example'],
        minMaturity: 'beta',
        requiredGates: ['simulate', 'e2e'],
        deprecation: 'warn-then-fail',
      },
      ownership: {
        defaultOwner: 'group:default/platform',
        authors: {
          'data-team': 'group:default/data',
          'sre-team': 'group:default/sre',
        },
      },
      sync: {
        concurrency: 64,
        missingGracePeriod: { days: 2 },
        maxYamlBytes: 2048,
        fullCheckInterval: 'PT30M',
        resyncRateLimit: { requests: 3, window: { seconds: 10 } },
      },
    });
    expect(config.policy).toEqual({
      allowedRegistries: ['oci.orkestra.example'],
      minMaturity: 'beta',
      requiredGates: ['simulate', 'e2e'],
      deprecation: 'warn-then-fail',
    });
    expect(config.ownership).toEqual({
      defaultOwner: 'group:default/platform',
      authors: {
        'data-team': 'group:default/data',
        'sre-team': 'group:default/sre',
      },
    });
    expect(config.sync).toEqual({
      concurrency: 64,
      missingGracePeriodMs: 2 * 24 * 3600 * 1000,
      maxYamlBytes: 2048,
      fullCheckIntervalMs: 30 * 60 * 1000,
      resyncRateLimit: { requests: 3, windowMs: 10_000 },
    });
  });

  it.each(['alpha', 'beta', 'stable'])(
    'accepts minMaturity %s',
    minMaturity => {
      expect(read({ policy: { minMaturity } }).policy.minMaturity).toBe(
        minMaturity,
      );
    },
  );

  it.each(['warn', 'warn-then-fail'])('accepts deprecation %s', deprecation => {
    expect(read({ policy: { deprecation } }).policy.deprecation).toBe(
      deprecation,
    );
  });

  it('accepts a zero fullCheckInterval and missingGracePeriod: check or drop at every run', () => {
    const { sync } = read({
      sync: {
        fullCheckInterval: { seconds: 0 },
        missingGracePeriod: { seconds: 0 },
      },
    });
    expect(sync.fullCheckIntervalMs).toBe(0);
    expect(sync.missingGracePeriodMs).toBe(0);
  });

  it.each<[string, JsonObject, string]>([
    [
      'minMaturity',
      { policy: { minMaturity: 'deprecated' } },
      'orkestra.policy.minMaturity must be alpha, beta or stable; got "deprecated"',
    ],
    [
      'requiredGates',
      { policy: { requiredGates: ['simulate', 'lint'] } },
      'orkestra.policy.requiredGates may list simulate and e2e; got "lint"',
    ],
    [
      'deprecation',
      { policy: { deprecation: 'fail' } },
      'orkestra.policy.deprecation must be warn or warn-then-fail; got "fail"',
    ],
    [
      'concurrency 0',
      { sync: { concurrency: 0 } },
      'orkestra.sync.concurrency must be an integer from 1 to 64',
    ],
    [
      'concurrency 65',
      { sync: { concurrency: 65 } },
      'orkestra.sync.concurrency must be an integer from 1 to 64',
    ],
    [
      'concurrency 1.5',
      { sync: { concurrency: 1.5 } },
      'orkestra.sync.concurrency must be an integer from 1 to 64',
    ],
    [
      'resyncRateLimit.requests 0',
      { sync: { resyncRateLimit: { requests: 0 } } },
      'orkestra.sync.resyncRateLimit.requests must be a positive integer',
    ],
    [
      'resyncRateLimit.requests 2.5',
      { sync: { resyncRateLimit: { requests: 2.5 } } },
      'orkestra.sync.resyncRateLimit.requests must be a positive integer',
    ],
    [
      'resyncRateLimit.window zero',
      { sync: { resyncRateLimit: { window: { seconds: 0 } } } },
      'orkestra.sync.resyncRateLimit.window must be longer than zero',
    ],
    [
      'maxYamlBytes 0',
      { sync: { maxYamlBytes: 0 } },
      'orkestra.sync.maxYamlBytes must be a positive integer',
    ],
    [
      'maxYamlBytes fractional',
      { sync: { maxYamlBytes: 10.5 } },
      'orkestra.sync.maxYamlBytes must be a positive integer',
    ],
    [
      'missingGracePeriod negative',
      { sync: { missingGracePeriod: { days: -1 } } },
      'orkestra.sync.missingGracePeriod must not be negative',
    ],
    [
      'fullCheckInterval negative',
      { sync: { fullCheckInterval: { hours: -1 } } },
      'orkestra.sync.fullCheckInterval must not be negative',
    ],
  ])('refuses %s with an InputError naming the key', (_, orkestra, message) => {
    let error: unknown;
    try {
      read(orkestra);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'InputError', message });
  });

  it('refuses a value of the wrong type', () => {
    expect(() => read({ sync: { concurrency: 'many' } })).toThrow(
      "Unable to convert config value for key 'orkestra.sync.concurrency' in 'mock-config' to a number",
    );
  });

  it('passes source errors through', () => {
    expect(() =>
      read({ sources: [{ id: 'Bad Id', type: 'layout', target: '/x' }] }),
    ).toThrow(
      'orkestra.sources[0].id "Bad Id" must be lower-case letters, digits and dashes',
    );
  });
});

describe('ownerFor', () => {
  const ownership = read({
    ownership: {
      defaultOwner: 'group:default/platform',
      authors: { 'data-team': 'group:default/data' },
    },
  }).ownership;

  it('maps a known author and falls back to the default owner', () => {
    expect(ownerFor(ownership, 'data-team')).toBe('group:default/data');
    expect(ownerFor(ownership, 'someone-else')).toBe('group:default/platform');
    expect(ownerFor(ownership, undefined)).toBe('group:default/platform');
    expect(ownerFor(ownership, '')).toBe('group:default/platform');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'gives an author named %p (registry content) the default owner, not a property of Object',
    author => {
      expect(ownerFor(ownership, author)).toBe('group:default/platform');
    },
  );

  it('maps an author whose name is a property of Object when configured', () => {
    const mapped = read({
      ownership: { authors: { constructor: 'group:default/builders' } },
    }).ownership;
    expect(ownerFor(mapped, 'constructor')).toBe('group:default/builders');
    expect(ownerFor(mapped, 'toString')).toBe('unknown');
  });
});
