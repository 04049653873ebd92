import { OciUnavailableError } from '../errors';
import { GenericRetryPolicy } from './retry';
import { Transport } from './transport';

const policy = new GenericRetryPolicy({
  maxRetries: 2,
  backoff: () => 10,
  maxWaitMs: 5_000,
});

function transportWith(
  answers: Array<Response | Error>,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = async () => {},
) {
  const sent: Array<{ url: string; init?: RequestInit }> = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), init });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const transport = new Transport({
    timeoutMs: 30_000,
    userAgent: 'test-agent',
    retry: policy,
    clock: { now: () => 0, sleep },
    fetch: fakeFetch,
  });
  return { transport, sent };
}

describe('Transport', () => {
  it('sends the user agent, never follows redirects, and counts every attempt', async () => {
    const slept: number[] = [];
    const { transport, sent } = transportWith(
      [
        new Response(null, { status: 503, headers: { 'retry-after': '2' } }),
        new Response('ok'),
      ],
      async ms => {
        slept.push(ms);
      },
    );
    const response = await transport.send('http://r.test/v2/', {
      method: 'GET',
    });
    expect(await response.text()).toBe('ok');
    expect(slept).toEqual([2_000]);
    expect(transport.requestCount).toBe(2);
    expect(sent[0].init).toMatchObject({
      redirect: 'manual',
      headers: { 'user-agent': 'test-agent' },
    });
  });

  it('names the host it could not reach after the retries', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    const { transport } = transportWith([refused]);
    const failure = transport.send('http://r.test/v2/', { method: 'HEAD' });
    await expect(failure).rejects.toBeInstanceOf(OciUnavailableError);
    await expect(failure).rejects.toThrow('cannot reach r.test (ECONNREFUSED)');
    expect(transport.requestCount).toBe(3);
  });

  it("passes the caller's abort on as it is, during a wait as during a request", async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the caller');
    const { transport } = transportWith(
      [new Response(null, { status: 503 })],
      async () => {
        controller.abort(reason);
        throw reason;
      },
    );
    await expect(
      transport.send('http://r.test/v2/', { method: 'GET' }, controller.signal),
    ).rejects.toBe(reason);
    expect(transport.requestCount).toBe(1);
  });
});
