import {
  AttemptOutcome,
  defaultRetryPolicy,
  exponentialBackoff,
  fixedRetryPolicy,
  GenericRetryPolicy,
  isRetryableStatus,
} from './policy';

const status = (code: number, headers: Record<string, string> = {}) =>
  ({
    response: new Response(null, { status: code, headers }),
  } as AttemptOutcome);
const networkError = { error: new TypeError('fetch failed') };
const NOW = Date.parse('2026-10-21T07:28:00Z');

describe('exponentialBackoff', () => {
  it('grows by the factor and spreads by the jitter either way', () => {
    const at = (random: number) =>
      exponentialBackoff({
        baseMs: 100,
        factor: 4,
        jitter: 0.1,
        random: () => random,
      });
    expect([0, 1, 2].map(at(0.5))).toEqual([100, 400, 1600]);
    expect(at(0)(1)).toBeCloseTo(360);
    expect(at(1)(1)).toBeCloseTo(440);
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [501, false],
    [404, false],
    [401, false],
    [200, false],
  ])('%s -> %s', (code, retryable) =>
    expect(isRetryableStatus(code)).toBe(retryable),
  );
});

describe('GenericRetryPolicy', () => {
  const policy = new GenericRetryPolicy({
    maxRetries: 3,
    backoff: attempt => 100 * 2 ** attempt,
    minWaitMs: 50,
    maxWaitMs: 1_000,
  });

  it('retries GET and HEAD on a retryable status or a network error, with the backoff', () => {
    expect(policy.retryDelay(0, 'GET', status(503), NOW)).toBe(100);
    expect(policy.retryDelay(1, 'HEAD', status(429), NOW)).toBe(200);
    expect(policy.retryDelay(2, 'GET', networkError, NOW)).toBe(400);
  });

  it('stops after the maximum of retries', () => {
    expect(policy.retryDelay(3, 'GET', status(503), NOW)).toBeUndefined();
  });

  it('never retries a request that is not safe to repeat', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(policy.retryDelay(0, method, status(503), NOW)).toBeUndefined();
      expect(policy.retryDelay(0, method, networkError, NOW)).toBeUndefined();
    }
  });

  it('does not retry an answer that another try would not change', () => {
    for (const code of [200, 201, 400, 401, 403, 404, 501]) {
      expect(policy.retryDelay(0, 'GET', status(code), NOW)).toBeUndefined();
    }
  });

  it('clamps the backoff between the minimum and maximum wait', () => {
    const steep = new GenericRetryPolicy({
      maxRetries: 5,
      backoff: attempt => (attempt === 0 ? 1 : 60_000),
      minWaitMs: 50,
      maxWaitMs: 1_000,
    });
    expect(steep.retryDelay(0, 'GET', status(500), NOW)).toBe(50);
    expect(steep.retryDelay(1, 'GET', status(500), NOW)).toBe(1_000);
  });

  it('waits what Retry-After asks on 429 and 503, in seconds or as a date', () => {
    expect(
      policy.retryDelay(0, 'GET', status(429, { 'retry-after': '0' }), NOW),
    ).toBe(50);
    expect(
      policy.retryDelay(
        0,
        'GET',
        status(503, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }),
        NOW + 0,
      ),
    ).toBe(50);
    expect(
      policy.retryDelay(
        0,
        'GET',
        status(503, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }),
        NOW - 700,
      ),
    ).toBe(700);
    expect(
      policy.retryDelay(0, 'GET', status(429, { 'retry-after': 'soon' }), NOW),
    ).toBe(100);
  });

  it('ignores Retry-After on other statuses', () => {
    expect(
      policy.retryDelay(0, 'GET', status(500, { 'retry-after': '1' }), NOW),
    ).toBe(100);
  });

  it('gives up when Retry-After asks for longer than the maximum wait', () => {
    expect(
      policy.retryDelay(0, 'GET', status(429, { 'retry-after': '2' }), NOW),
    ).toBeUndefined();
  });
});

describe('the registry client policies', () => {
  it('by default retries twice, after about 100 and 400 ms', () => {
    const policy = defaultRetryPolicy(() => 0.5);
    expect(policy.retryDelay(0, 'GET', status(503), NOW)).toBe(100);
    expect(policy.retryDelay(1, 'GET', status(503), NOW)).toBe(400);
    expect(policy.retryDelay(2, 'GET', status(503), NOW)).toBeUndefined();
  });

  it('waits a fixed schedule exactly, and [] means no retry', () => {
    const policy = fixedRetryPolicy([5, 20]);
    expect(policy.retryDelay(0, 'GET', status(502), NOW)).toBe(5);
    expect(policy.retryDelay(1, 'GET', networkError, NOW)).toBe(20);
    expect(policy.retryDelay(2, 'GET', status(502), NOW)).toBeUndefined();
    expect(
      fixedRetryPolicy([]).retryDelay(0, 'GET', status(502), NOW),
    ).toBeUndefined();
  });
});
