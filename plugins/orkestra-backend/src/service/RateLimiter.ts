/**
 * A sliding-window limit per key (here: per caller): at most `requests` in
 * any `windowMs`. Memory is bounded by the number of callers seen within one
 * window; older keys are swept.
 */
export class RateLimiter {
  readonly #requests: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #hits = new Map<string, number[]>();
  #lastSweep = 0;

  constructor(options: {
    requests: number;
    windowMs: number;
    now?: () => number;
  }) {
    this.#requests = options.requests;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Counts a request of `key`. Returns undefined when it is allowed, or the
   * seconds until the next one would be (for `Retry-After`).
   */
  take(key: string): number | undefined {
    const now = this.#now();
    this.#sweep(now);
    const since = now - this.#windowMs;
    const hits = (this.#hits.get(key) ?? []).filter(t => t > since);
    if (hits.length >= this.#requests) {
      this.#hits.set(key, hits);
      return Math.max(1, Math.ceil((hits[0] + this.#windowMs - now) / 1000));
    }
    hits.push(now);
    this.#hits.set(key, hits);
    return undefined;
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#windowMs) return;
    this.#lastSweep = now;
    for (const [key, hits] of this.#hits) {
      if (hits[hits.length - 1] <= now - this.#windowMs) this.#hits.delete(key);
    }
  }
}
