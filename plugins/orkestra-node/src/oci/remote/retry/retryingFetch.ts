import { discardBody } from '../http';
import { AttemptOutcome, RetryPolicy } from './policy';
import { abortableSleep, Sleep } from './sleep';

/** Time as the retry loop sees it; injectable so tests need no real waits. */
export interface RetryClock {
  now(): number;
  sleep: Sleep;
}

export const realClock: RetryClock = { now: Date.now, sleep: abortableSleep };

/**
 * Sends a request with `attempt` until `policy` says stop, like oras-go's
 * `retry.Transport.RoundTrip`: between attempts the unread body is
 * discarded and the wait can be cut short by `signal`. An attempt that
 * rejects because `signal` aborted is never retried; the last response, or
 * the last error, is what the caller gets.
 */
export async function fetchWithRetry(
  attempt: () => Promise<Response>,
  request: { method: string; signal?: AbortSignal },
  policy: RetryPolicy,
  clock: RetryClock = realClock,
): Promise<Response> {
  for (let count = 0; ; count++) {
    let outcome: AttemptOutcome;
    try {
      outcome = { response: await attempt() };
    } catch (error) {
      if (request.signal?.aborted) throw error;
      outcome = { error };
    }
    const delay = policy.retryDelay(
      count,
      request.method,
      outcome,
      clock.now(),
    );
    if (delay === undefined) {
      if ('error' in outcome) throw outcome.error;
      return outcome.response;
    }
    if ('response' in outcome) await discardBody(outcome.response);
    await clock.sleep(delay, request.signal);
  }
}
