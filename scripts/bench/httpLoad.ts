import { latencySummary } from './stats';

/** What one load run measured: requests, non-2xx answers and failures, throughput and latency percentiles (ms). */
export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * `connections` clients, each sending one request after the other with
 * `send` (keep-alive: Node's fetch pools connections) for `seconds`.
 */
export async function load(
  send: () => Promise<Response>,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const start = process.hrtime.bigint();
        try {
          const response = await send();
          await response.arrayBuffer();
          if (!response.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  const { n, p50, p95, p99 } = latencySummary(latencies);
  return { requests: n, errors, rps: n / seconds, p50, p95, p99 };
}
