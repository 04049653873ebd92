import { OciUnavailableError } from '../errors';
import { fetchWithRetry, NO_RETRY, RetryClock, RetryPolicy } from './retry';

/** Options of {@link Transport}. */
export interface TransportOptions {
  /** Time limit of one request, retries and body included. */
  timeoutMs: number;
  userAgent: string;
  /** When a request is sent again; never by default. */
  retry?: RetryPolicy;
  /** For tests: time without real waits. */
  clock?: RetryClock;
  fetch?: typeof fetch;
}

/** One HTTP request, without redirects followed (`redirect: 'manual'`). */
export interface TransportRequest {
  method: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/**
 * The lowest layer of the registry client, like oras-go's retry transport
 * under its auth client: one request with the user agent, the time limit
 * and the retry policy, a failure to reach the host turned into an
 * OciUnavailableError naming the request. The caller's abort is passed on
 * as it is.
 */
export class Transport {
  readonly #options: TransportOptions;
  readonly #fetch: typeof fetch;
  /** Requests made (each retry counts), for benchmarks and tests. */
  requestCount = 0;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  async send(
    url: string,
    request: TransportRequest,
    signal?: AbortSignal,
  ): Promise<Response> {
    const { timeoutMs, userAgent } = this.#options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const attempt = () => {
      this.requestCount++;
      return this.#fetch(url, {
        method: request.method,
        headers: { 'user-agent': userAgent, ...request.headers },
        // A copy typed as ArrayBuffer-backed, which is what fetch accepts.
        body: request.body ? new Uint8Array(request.body) : undefined,
        redirect: 'manual',
        signal: combined,
      });
    };
    try {
      return await fetchWithRetry(
        attempt,
        { method: request.method, signal: combined },
        this.#options.retry ?? NO_RETRY,
        this.#options.clock,
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      const target = new URL(url);
      if (timeout.aborted) {
        throw new OciUnavailableError(
          `${target.host} did not answer ${request.method} ${target.pathname} within ${timeoutMs} ms`,
          { cause: error, timeout: true },
        );
      }
      const code = (error as { cause?: { code?: string } })?.cause?.code;
      throw new OciUnavailableError(
        `cannot reach ${target.host} (${
          code ?? (error as Error)?.message ?? 'network error'
        })`,
        { cause: error },
      );
    }
  }
}
