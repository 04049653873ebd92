/* eslint-disable no-console */
import { BackendProcess } from '../../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';
import { latencySummary } from './stats';

export const REQUEST_TIMEOUT_MS = 30_000;

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));

export interface ProbeResult {
  latencies: Map<string, number[]>;
  errors: number;
}

/** Clients reading the API in turn, pausing `pauseMs` between requests, until `stop()`. */
export function startProbes(
  backend: BackendProcess,
  routes: Array<[string, string]>,
  clients: number,
  pauseMs: number,
) {
  const latencies = new Map(routes.map(([label]) => [label, [] as number[]]));
  let errors = 0;
  let running = true;
  let turn = 0;
  const done = Promise.all(
    Array.from({ length: clients }, async () => {
      while (running) {
        const [label, path] = routes[turn++ % routes.length];
        const start = process.hrtime.bigint();
        try {
          const response = await backend.fetch(path, {
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          await response.arrayBuffer();
          latencies
            .get(label)!
            .push(Number(process.hrtime.bigint() - start) / 1e6);
          if (response.status !== 200) errors++;
        } catch {
          errors++;
        }
        await sleep(pauseMs);
      }
    }),
  );
  return {
    async stop(): Promise<ProbeResult> {
      running = false;
      await done;
      return { latencies, errors };
    },
  };
}

/** Prints a row per route and one for all routes; returns the summary of all. */
export function printLatencies(title: string, result: ProbeResult) {
  console.log(
    `${title.padEnd(34)} requests  errors   p50 ms   p95 ms   p99 ms   max ms`,
  );
  const all: number[] = [];
  const row = (label: string, values: number[], errors: string) => {
    const s = latencySummary(values);
    console.log(
      `  ${label.padEnd(32)} ${String(s.n).padStart(8)} ${errors.padStart(
        7,
      )} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.p99
        .toFixed(1)
        .padStart(8)} ${s.max.toFixed(1).padStart(8)}`,
    );
    return s;
  };
  for (const [label, values] of result.latencies) {
    row(label, values, '');
    all.push(...values);
  }
  return row('all routes', all, String(result.errors));
}
