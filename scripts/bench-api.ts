/* eslint-disable no-console */
/**
 * API load benchmark: seeds an OCI image layout with N patterns × 2 versions
 * packed by the codec, starts a real Orkestra backend in its own process
 * (startBackendProcess: createBackend() with the default services of
 * @backstage/backend-defaults, real auth with a static external-access
 * token, NODE_ENV=production, SQLite in files) on it with the product's
 * defaults for the source and the sync, checks that a request without a
 * token is refused (401), waits for the first sync, then loads three routes
 * over loopback with a fixed number of concurrent keep-alive clients, every
 * request with `Authorization: Bearer <token>`. Each route is loaded
 * `--runs` times for `--seconds`; prints throughput and p50/p95/p99 of each
 * run, and the min / median / max of each figure.
 *
 *   yarn bench:api [--patterns 5000] [--seconds 10] [--connections 10] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  startBackendProcess,
} from '../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';

import { arg, runsArg } from './benchArgs';
import { seedLayout } from './bench/apiSeed';
import { load, LoadResult } from './bench/httpLoad';
import { formatSpread, measure, spreadOf, timed } from './bench/measure';

const SYNC_DEADLINE_MS = 20 * 60_000;

/** Real auth in front of the API: no token is 401, the static token is 200. */
async function preflight(backend: BackendProcess): Promise<void> {
  const path = '/api/orkestra/patterns?limit=1';
  const anonymous = await fetch(`${backend.url}${path}`);
  await anonymous.arrayBuffer();
  if (anonymous.status !== 401)
    throw new Error(
      `GET ${path} without a token answered ${anonymous.status}, not 401: the API is not behind real auth`,
    );
  const authorized = await backend.fetch(path);
  await authorized.arrayBuffer();
  if (authorized.status !== 200)
    throw new Error(
      `GET ${path} with the static token answered ${authorized.status}, not 200`,
    );
  console.log(
    'preflight: without a token 401, with the static external-access token 200',
  );
}

async function waitForSync(backend: BackendProcess, patterns: number) {
  const deadline = Date.now() + SYNC_DEADLINE_MS;
  let stored = 0;
  for (;;) {
    try {
      const { totalCount } = await backend.getJson(
        '/api/orkestra/patterns?limit=1',
      );
      if (totalCount === patterns) return;
      stored = totalCount;
    } catch (error) {
      // A poll can meet a keep-alive connection the server is closing: poll again.
      if (!(error instanceof TypeError)) throw error;
      console.warn(
        `poll failed (${error.cause ?? error.message}); polling again`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(
        `the first sync stored ${stored} of ${patterns} patterns in time; the backend's last lines:\n${backend.lines
          .slice(-20)
          .map(l => l.message)
          .join('\n')}`,
      );
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

function printRun(label: string, r: LoadResult) {
  console.log(
    `${label.padEnd(34)} ${String(r.requests).padStart(8)} ${String(
      r.errors,
    ).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${r.p50
      .toFixed(1)
      .padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99
      .toFixed(1)
      .padStart(8)}`,
  );
}

async function main() {
  const patterns = arg('patterns', 5000);
  const seconds = arg('seconds', 10);
  const connections = arg('connections', 10);
  const runs = runsArg();
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-api-'));
  let backend: BackendProcess | undefined;
  try {
    console.log(
      `bench:api  ${patterns} patterns × 2 versions in an OCI layout, backend process on SQLite with real auth, ${connections} connections × ${seconds} s per route, ${runs} runs per route, ${
        cpus().length
      } cores, ${new Date().toISOString().slice(0, 10)}`,
    );
    const seeded = await timed(() => seedLayout(work, patterns));
    console.log(
      `seeded ${patterns * 2} versions in ${seeded.seconds.toFixed(1)} s`,
    );

    const started = await timed(async () => {
      const proc = await startBackendProcess({
        name: 'bench-api',
        timeoutMs: 120_000,
        config: {
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: { directory: join(work, 'sqlite') },
            },
          },
          orkestra: {
            sources: [
              {
                id: 'bench',
                type: 'layout',
                target: seeded.result,
                registry: 'oci.bench.example',
                prefix: 'bench',
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 30 },
                  initialDelay: { seconds: 0 },
                },
              },
            ],
          },
        },
      });
      backend = proc;
      await preflight(proc);
      await waitForSync(proc, patterns);
      return proc;
    });
    const server = started.result;
    console.log(
      `backend pid ${
        server.pid
      } started and synced ${patterns} patterns in ${started.seconds.toFixed(
        1,
      )} s`,
    );

    const id = encodeURIComponent(
      `bench:bench/katalogs/api-${Math.floor(patterns / 2)}`,
    );
    const routes: Array<[string, string]> = [
      ['GET /patterns?limit=50', '/api/orkestra/patterns?limit=50'],
      ['GET /patterns/:id', `/api/orkestra/patterns/${id}`],
      ['GET /patterns/:id/versions', `/api/orkestra/patterns/${id}/versions`],
    ];
    console.log(
      'route, run                         requests  errors   req/s   p50 ms   p95 ms   p99 ms',
    );
    const summaries: string[] = [];
    for (const [label, path] of routes) {
      const send = () => server.fetch(path);
      await load(send, 1, connections); // warm-up
      const { results } = await measure(
        runs,
        async run => {
          const r = await load(send, seconds, connections);
          // The parent keeps every line the backend logs: let go of the access log.
          server.lines.length = 0;
          printRun(`${label} #${run + 1}`, r);
          return r;
        },
        r => r.rps,
      );
      const of = (f: keyof LoadResult) => spreadOf(results.map(r => r[f]));
      const p95 = of('p95');
      const errors = results.reduce((sum, r) => sum + r.errors, 0);
      summaries.push(
        `  ${label}: ${formatSpread(
          of('rps'),
          0,
          ' req/s',
        )}, p50 ${formatSpread(of('p50'), 1, ' ms')}, p95 ${formatSpread(
          p95,
          1,
          ' ms',
        )}, p99 ${formatSpread(
          of('p99'),
          1,
          ' ms',
        )}, ${errors} errors; median p95 < 50 ms: ${
          p95.median < 50 ? 'yes' : 'NO'
        }`,
      );
    }
    console.log(`\nmin / median / max over ${runs} runs (median (min–max)):`);
    for (const line of summaries) console.log(line);
  } finally {
    await backend?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
