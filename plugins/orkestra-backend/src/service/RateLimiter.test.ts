import { RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
  it('allows `requests` per window per key, then says when to come back', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({
      requests: 3,
      windowMs: 60_000,
      now: () => now,
    });
    expect([1, 2, 3].map(() => limiter.take('user:a'))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(limiter.take('user:a')).toBe(60);
    // Another caller has its own allowance.
    expect(limiter.take('user:b')).toBeUndefined();
    now += 30_000;
    expect(limiter.take('user:a')).toBe(30);
    now += 30_001;
    expect(limiter.take('user:a')).toBeUndefined();
  });

  it('forgets callers that have been quiet for a window', () => {
    let now = 0;
    const limiter = new RateLimiter({
      requests: 1,
      windowMs: 1000,
      now: () => now,
    });
    for (let i = 0; i < 1000; i++) limiter.take(`user:${i}`);
    now += 5000;
    limiter.take('user:new');
    // Every old key was swept: user:0 may ask again.
    expect(limiter.take('user:0')).toBeUndefined();
  });
});
