import { GenericRetryPolicy, NO_RETRY, RetryPolicy } from './policy';
import { fetchWithRetry, RetryClock } from './retryingFetch';

/** A clock whose sleeps only record how long they were asked to last. */
function fakeClock(onSleep?: (ms: number) => void) {
  const slept: number[] = [];
  const clock: RetryClock = {
    now: () => 0,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      slept.push(ms);
      onSleep?.(ms);
      signal?.throwIfAborted();
    },
  };
  return { clock, slept };
}

/** Answers from `script` in turn: a status, or an error to reject with. */
function scripted(script: Array<number | Error>) {
  const bodies: Response[] = [];
  let calls = 0;
  const attempt = async () => {
    const next = script[Math.min(calls++, script.length - 1)];
    if (next instanceof Error) throw next;
    const response = new Response(`answer ${calls}`, { status: next });
    bodies.push(response);
    return response;
  };
  return { attempt, calls: () => calls, bodies };
}

const policy = new GenericRetryPolicy({
  maxRetries: 3,
  backoff: attempt => 10 * (attempt + 1),
  maxWaitMs: 1_000,
});

/** Sends `method` to a server answering `script`, on a fake clock. */
async function sendTo(
  script: Array<number | Error>,
  method: string,
  retry: RetryPolicy = policy,
) {
  const { clock, slept } = fakeClock();
  const server = scripted(script);
  const response = await fetchWithRetry(
    server.attempt,
    { method },
    retry,
    clock,
  );
  return { response, server, slept };
}

describe('fetchWithRetry', () => {
  it('sends again after each retryable answer, then returns the good one', async () => {
    const { response, server, slept } = await sendTo([503, 502, 200], 'GET');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('answer 3');
    expect(server.calls()).toBe(3);
    expect(slept).toEqual([10, 20]);
    // The answers retried over were discarded, not left to hold the connection.
    expect(server.bodies.slice(0, 2).every(r => r.bodyUsed)).toBe(true);
  });

  it('returns the last answer when the retries run out', async () => {
    const { response, server, slept } = await sendTo([503], 'HEAD');
    expect(response.status).toBe(503);
    expect(server.calls()).toBe(4);
    expect(slept).toEqual([10, 20, 30]);
  });

  it('retries network errors and rethrows the last one', async () => {
    const { clock } = fakeClock();
    const refused = new TypeError('fetch failed');
    const server = scripted([refused]);
    await expect(
      fetchWithRetry(server.attempt, { method: 'GET' }, policy, clock),
    ).rejects.toBe(refused);
    expect(server.calls()).toBe(4);

    const recovering = await sendTo(
      [new TypeError('fetch failed'), 200],
      'GET',
    );
    expect(recovering.response.status).toBe(200);
  });

  it('sends a write once, whatever it got', async () => {
    const { response, server, slept } = await sendTo([503], 'PUT');
    expect(response.status).toBe(503);
    expect(server.calls()).toBe(1);
    expect(slept).toEqual([]);
  });

  it('with no retry policy sends once', async () => {
    const { response, server } = await sendTo([500], 'GET', NO_RETRY);
    expect(response.status).toBe(500);
    expect(server.calls()).toBe(1);
  });

  it('stops waiting and sends nothing more once the signal aborts', async () => {
    const controller = new AbortController();
    const { clock } = fakeClock(() => controller.abort(new Error('stop')));
    const server = scripted([503, 200]);
    await expect(
      fetchWithRetry(
        server.attempt,
        { method: 'GET', signal: controller.signal },
        policy,
        clock,
      ),
    ).rejects.toThrow('stop');
    expect(server.calls()).toBe(1);
  });

  it('never retries an attempt that failed because the signal aborted', async () => {
    const controller = new AbortController();
    const { clock, slept } = fakeClock();
    const attempt = async () => {
      controller.abort(new Error('cancelled'));
      throw controller.signal.reason;
    };
    await expect(
      fetchWithRetry(
        attempt,
        { method: 'GET', signal: controller.signal },
        policy,
        clock,
      ),
    ).rejects.toThrow('cancelled');
    expect(slept).toEqual([]);
  });
});
