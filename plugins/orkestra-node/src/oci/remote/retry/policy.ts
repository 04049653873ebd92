import { retryAfterMs } from './retryAfter';

/** How one attempt ended: a response, or the error `fetch` rejected with. */
export type AttemptOutcome = { response: Response } | { error: unknown };

/**
 * Decides whether, and after how long, a request is sent again; shaped like
 * oras-go's `retry.Policy`.
 */
export interface RetryPolicy {
  /**
   * The ms to wait before sending `method` again after attempt `attempt`
   * (0 for the first) ended with `outcome`; undefined for no retry.
   */
  retryDelay(
    attempt: number,
    method: string,
    outcome: AttemptOutcome,
    nowMs: number,
  ): number | undefined;
}

/** The wait before the retry after attempt `attempt` (0 for the first). */
export type Backoff = (attempt: number) => number;

/**
 * oras-go's `ExponentialBackoff`: `base * factor^attempt`, spread by
 * `jitter` either way (0.1: ±10 %) so that clients do not retry in step.
 */
export function exponentialBackoff(options: {
  baseMs: number;
  factor: number;
  jitter: number;
  random?: () => number;
}): Backoff {
  const random = options.random ?? Math.random;
  return attempt => {
    const temp = options.baseMs * options.factor ** attempt;
    return temp * (1 - options.jitter) + random() * 2 * options.jitter * temp;
  };
}

/** The given waits in turn (no jitter): the schedule a caller chose. */
export function fixedBackoff(delaysMs: readonly number[]): Backoff {
  return attempt => delaysMs[Math.min(attempt, delaysMs.length - 1)] ?? 0;
}

/**
 * Only safe methods are sent again: in the distribution API a PUT completes
 * an upload session and a POST opens one, so neither can simply be repeated.
 */
const RETRYABLE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Worth another try: rate limited, or a server error that is not "not implemented". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** Statuses whose `Retry-After` says when to come back. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Options of {@link GenericRetryPolicy}, after oras-go's `GenericPolicy`. */
export interface GenericRetryPolicyOptions {
  /** Retries after the first attempt (0: none). */
  maxRetries: number;
  backoff: Backoff;
  /** No wait is shorter. */
  minWaitMs?: number;
  /**
   * No wait is longer; a `Retry-After` asking for more ends the retries,
   * since coming back sooner than asked would only be refused again.
   */
  maxWaitMs: number;
}

/**
 * Retries a safe request (GET, HEAD) that failed on the network or got a
 * retryable status ({@link isRetryableStatus}), up to `maxRetries` times,
 * waiting the backoff or, on 429 and 503, what `Retry-After` asks.
 */
export class GenericRetryPolicy implements RetryPolicy {
  constructor(private readonly options: GenericRetryPolicyOptions) {}

  retryDelay(
    attempt: number,
    method: string,
    outcome: AttemptOutcome,
    nowMs: number,
  ): number | undefined {
    const { maxRetries, backoff, minWaitMs = 0, maxWaitMs } = this.options;
    if (attempt >= maxRetries || !RETRYABLE_METHODS.has(method)) {
      return undefined;
    }
    if ('error' in outcome)
      return clamp(backoff(attempt), minWaitMs, maxWaitMs);
    const { status, headers } = outcome.response;
    if (!isRetryableStatus(status)) return undefined;
    const asked = RETRY_AFTER_STATUSES.has(status)
      ? retryAfterMs(headers.get('retry-after'), nowMs)
      : undefined;
    if (asked === undefined)
      return clamp(backoff(attempt), minWaitMs, maxWaitMs);
    return asked > maxWaitMs ? undefined : Math.max(asked, minWaitMs);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** Never retries. */
export const NO_RETRY: RetryPolicy = { retryDelay: () => undefined };

/**
 * The registry client's policy: two retries after about 100 and 400 ms
 * (±10 %), a `Retry-After` of up to 3 s honoured.
 */
export function defaultRetryPolicy(random?: () => number): RetryPolicy {
  return new GenericRetryPolicy({
    maxRetries: 2,
    backoff: exponentialBackoff({
      baseMs: 100,
      factor: 4,
      jitter: 0.1,
      random,
    }),
    maxWaitMs: 3_000,
  });
}

/** A policy waiting exactly `delaysMs` in turn, one retry per entry (`[]`: none). */
export function fixedRetryPolicy(delaysMs: readonly number[]): RetryPolicy {
  return new GenericRetryPolicy({
    maxRetries: delaysMs.length,
    backoff: fixedBackoff(delaysMs),
    maxWaitMs: Math.max(3_000, ...delaysMs),
  });
}
