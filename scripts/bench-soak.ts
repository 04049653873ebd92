/* eslint-disable no-console */
/**
 * Soak benchmark (issue 13, acceptance 4): a storm of on-demand resyncs
 * against a real Orkestra backend, while its API latency, memory and log
 * output are watched. Loopback only, bounded in requests and time.
 *
 * - A real docker-registry on 127.0.0.1 (startTestRegistry) holding the
 *   example patterns (publishExamplePatterns), one version whose manifest
 *   carries a 1 MiB `org.opencontainers.image.description` (packed by the
 *   codec, then its manifest pushed again by hand with the annotation), and
 *   nothing for `orkestra/katalogs/always-missing`.
 * - A real backend in its own Node.js process (startBackendProcess:
 *   createBackend() with default services, NODE_ENV=production, SQLite in
 *   files) with one registry source, `discovery: list`, naming every example
 *   repository, the 1 MiB one and the missing one: every run that covers the
 *   missing one fails it with NOT_FOUND. The scheduled full sync runs every
 *   10 s throughout.
 * - Storm: `--requests` resyncs spread evenly over `--seconds`, sent by
 *   `--callers` concurrent callers, in turn: POST /patterns/{id}/resync of an
 *   example pattern, of the 1 MiB pattern, POST /sources/local/resync for the
 *   missing repository and for the 1 MiB one. All callers present the
 *   backend's one static external-access token, so they are one service
 *   principal (rate limit 10 × orkestra.sync.resyncRateLimit = 100 a
 *   minute); nobody honours Retry-After: it is a storm.
 * - Meanwhile `--probes` clients GET /patterns, one pattern and its versions
 *   in turn, pausing `--probe-interval` ms between requests, to measure
 *   latency before (5 s, quiet) and during the storm.
 * - The backend's RSS is read from /proc/<pid>/status (VmRSS every 200 ms,
 *   VmHWM at the end); its stdout and stderr are counted byte for byte (the
 *   `child_process` diagnostics channel sees the child startBackendProcess
 *   spawns).
 *
 * The whole soak, on a fresh registry and backend, is run `--runs` times.
 * Prints the figures of each run, the min / median / max of the main ones,
 * and exits non-zero when a target is missed in any run (peak RSS < 600 MB,
 * log written during the storm < 5 MB; MB = 10^6 bytes).
 *
 *   yarn bench:soak [--runs 3] [--seconds 60] [--requests 200] [--callers 4] [--probes 2] [--probe-interval 50]
 */
import {
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackendProcess } from '../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';
import { orkestraConfigFor } from '../plugins/orkestra-backend/src/__testUtils__/syncTestbed';

import { arg, runsArg } from './benchArgs';
import { printLatencies, sleep, startProbes } from './bench/apiProbes';
import { countChildOutput, memoryOf } from './bench/childProcesses';
import { formatSpread, measure, spreadOf } from './bench/measure';
import { printStormLog } from './bench/soakLog';
import { seedSoakRegistry } from './bench/soakRegistry';
import { printStorm, runStorm } from './bench/soakStorm';
import { printWhatTheStoreKept } from './bench/soakStore';

const SOURCE = 'local';
const FAILING = 'orkestra/katalogs/always-missing';
const HUGE = 'orkestra/katalogs/huge-annotation';
const HUGE_BYTES = 1024 * 1024;
const RSS_TARGET = 600e6;
const LOG_TARGET = 5e6;
const BASELINE_MS = 5_000;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const patternId = (repository: string) =>
  encodeURIComponent(`${SOURCE}:${repository}`);

/** Run in reverse order on the way out, whatever happened. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch(error => console.error(error));
}

interface SoakOptions {
  seconds: number;
  requests: number;
  callers: number;
  probes: number;
  probeInterval: number;
}

/** The figures of one soak run, for the spread over runs. */
interface SoakFigures {
  ok: boolean;
  peakRss: number;
  stormLog: number;
  quiet: { p50: number; p95: number };
  during: { p50: number; p95: number };
}

/** One soak: a fresh registry and backend, the storm, the figures printed. */
async function soakOnce(
  options: SoakOptions,
  output: Map<number, { bytes: number }>,
): Promise<SoakFigures> {
  const { seconds, requests, callers, probes, probeInterval } = options;
  const began = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-soak-'));
  cleanups.push(() => rm(work, { recursive: true, force: true }));

  // The registry: the examples, a 1 MiB annotation, and no FAILING repository.
  const registry: TestRegistry = await startTestRegistry();
  cleanups.push(() => registry.stop());
  const seeded = await seedSoakRegistry(registry, HUGE, HUGE_BYTES);
  const { examples } = seeded;
  console.log(
    `registry ${registry.host}: ${seeded.versions} example versions in ${
      examples.length
    } repositories, ${HUGE}:v1.0.0 with a ${MB(HUGE_BYTES)} ${
      seeded.annotation
    } (manifest ${seeded.hugeManifestBytes} bytes), ${FAILING} absent`,
  );

  // The backend, in its own process.
  const backend = await startBackendProcess({
    name: 'bench-soak',
    timeoutMs: 90_000,
    config: {
      backend: {
        database: {
          client: 'better-sqlite3',
          connection: { directory: join(work, 'sqlite') },
        },
      },
      orkestra: orkestraConfigFor({
        type: 'registry',
        target: `http://${registry.host}/orkestra`,
        discovery: 'list',
        repositories: [...examples, HUGE, FAILING],
        schedule: {
          frequency: { seconds: 10 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 0 },
        },
      }),
    },
  });
  cleanups.push(() => backend.stop());
  const log = output.get(backend.pid);
  if (!log) throw new Error('the backend process output is not being counted');
  const rssAtReady = (await memoryOf(backend.pid)).rss;

  let peakRss = 0;
  let peakStormRss = 0;
  let storming = false;
  const sampler = setInterval(() => {
    memoryOf(backend.pid).then(
      ({ rss }) => {
        peakRss = Math.max(peakRss, rss);
        if (storming) peakStormRss = Math.max(peakStormRss, rss);
      },
      () => undefined, // exited
    );
  }, 200);
  cleanups.push(async () => clearInterval(sampler));

  // The first full sync: every example pattern and the 1 MiB one stored.
  const expected = examples.length + 1;
  for (;;) {
    const { items } = await backend.getJson<{ items: SourceStatus[] }>(
      '/api/orkestra/sources',
    );
    const last = items[0]?.lastSync;
    const { totalCount } = await backend.getJson('/api/orkestra/patterns');
    if (last && last.status !== 'running' && totalCount === expected) break;
    if (Date.now() - began > 60_000)
      throw new Error(
        `the first sync did not store ${expected} patterns: ${JSON.stringify(
          last,
        )}`,
      );
    await sleep(250);
  }
  console.log(
    `backend pid ${backend.pid} on ${
      backend.url
    } started and synced ${expected} patterns in ${(
      (Date.now() - began) /
      1000
    ).toFixed(1)} s since the bench began`,
  );

  const probed = 'orkestra/motifs/web-service';
  const routes: Array<[string, string]> = [
    ['GET /patterns', '/api/orkestra/patterns'],
    ['GET /patterns/:id', `/api/orkestra/patterns/${patternId(probed)}`],
    [
      'GET /patterns/:id/versions',
      `/api/orkestra/patterns/${patternId(probed)}/versions`,
    ],
  ];

  const rssBeforeStorm = (await memoryOf(backend.pid)).rss;
  // Quiet baseline: the scheduled sync only.
  const quiet = startProbes(backend, routes, probes, probeInterval);
  await sleep(BASELINE_MS);
  const quietResult = await quiet.stop();

  const runsBefore = await backend.getJson<{ items: SyncRun[] }>(
    `/api/orkestra/sources/${SOURCE}/sync-runs?limit=1`,
  );
  const lastRunBefore = runsBefore.items[0]?.id ?? 0;
  await sleep(300); // the access line of that read is not the storm's
  const logBefore = log.bytes;
  const linesBefore = backend.lines.length;

  // The storm.
  const stormStart = Date.now();
  storming = true;
  const storm = startProbes(backend, routes, probes, probeInterval);
  const stormed = await runStorm(backend, {
    source: SOURCE,
    examples,
    huge: HUGE,
    failing: FAILING,
    requests,
    seconds,
    callers,
    patternId,
  });
  const stormResult = await storm.stop();
  const stormMs = Date.now() - stormStart;
  storming = false;
  await sleep(500); // what the backend wrote last is read from its pipes
  const stormLog = log.bytes - logBefore;
  const stormLines = backend.lines.slice(linesBefore);

  const memory = await memoryOf(backend.pid);
  peakRss = Math.max(peakRss, memory.rss);
  const hwm = Math.max(memory.hwm, peakRss);

  // The figures.
  console.log('');
  const quietSummary = printLatencies(
    'API, quiet (5 s before the storm)',
    quietResult,
  );
  const during = printLatencies(
    `API, during the storm (${(stormMs / 1000).toFixed(1)} s)`,
    stormResult,
  );
  console.log('');
  printStorm(stormed);
  console.log('');
  await printWhatTheStoreKept(backend, {
    source: SOURCE,
    hugeId: patternId(HUGE),
    lastRunBefore,
    storm: stormed,
  });
  console.log('');
  printStormLog(stormLines, stormLog, log.bytes, requests - stormed.notSent);
  console.log('');
  const rssOk = hwm < RSS_TARGET;
  const logOk = stormLog < LOG_TARGET;
  console.log(
    `backend peak RSS: ${MB(
      hwm,
    )} (VmHWM over its lifetime; sampled VmRSS peak ${MB(
      peakRss,
    )}, during the storm ${MB(peakStormRss)})   target < ${MB(RSS_TARGET)}: ${
      rssOk ? 'PASS' : 'FAIL'
    }`,
  );
  console.log(
    `  VmRSS when the backend became ready: ${MB(
      rssAtReady,
    )}, after its first sync: ${MB(rssBeforeStorm)}, after the storm: ${MB(
      memory.rss,
    )}`,
  );
  console.log(
    `backend log during the storm: ${MB(stormLog)}   target < ${MB(
      LOG_TARGET,
    )}: ${logOk ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `API p50/p95 during the storm: ${during.p50.toFixed(
      1,
    )}/${during.p95.toFixed(1)} ms; this run took ${(
      (Date.now() - began) /
      1000
    ).toFixed(1)} s`,
  );
  return {
    ok: rssOk && logOk,
    peakRss: hwm,
    stormLog,
    quiet: quietSummary,
    during,
  };
}

async function main() {
  const options: SoakOptions = {
    seconds: arg('seconds', 60),
    requests: arg('requests', 200),
    callers: arg('callers', 4),
    probes: arg('probes', 2),
    probeInterval: arg('probe-interval', 50),
  };
  const runs = runsArg();
  // The whole bench is bounded: stop by itself even if something hangs.
  const budgetMs = (options.seconds + 90) * 1000 * runs;
  const watchdog = setTimeout(() => {
    console.error(`bench:soak did not finish within ${budgetMs / 1000} s`);
    cleanUp().finally(() => process.exit(2));
  }, budgetMs);
  watchdog.unref();
  console.log(
    `bench:soak  ${options.requests} resyncs over ${options.seconds} s by ${
      options.callers
    } callers, ${options.probes} API probes every ${
      options.probeInterval
    } ms, docker-registry + backend process on SQLite, ${runs} runs, ${
      cpus().length
    } cores`,
  );
  const output = countChildOutput();
  const { results } = await measure(
    runs,
    async run => {
      console.log(`\n=== run ${run + 1} of ${runs}`);
      try {
        return await soakOnce(options, output);
      } finally {
        await cleanUp();
      }
    },
    r => r.peakRss,
  );
  const of = (f: (r: SoakFigures) => number) => spreadOf(results.map(f));
  console.log(`\nmin / median / max over ${runs} runs (median (min–max)):`);
  console.log(
    `  backend peak RSS (VmHWM): ${formatSpread(
      of(r => r.peakRss / 1e6),
      1,
      ' MB',
    )}   target < ${MB(RSS_TARGET)}`,
  );
  console.log(
    `  backend log during the storm: ${formatSpread(
      of(r => r.stormLog / 1e6),
      2,
      ' MB',
    )}   target < ${MB(LOG_TARGET)}`,
  );
  console.log(
    `  API p50 / p95, quiet: ${formatSpread(
      of(r => r.quiet.p50),
      1,
      ' ms',
    )} / ${formatSpread(
      of(r => r.quiet.p95),
      1,
      ' ms',
    )}`,
  );
  console.log(
    `  API p50 / p95, during the storm: ${formatSpread(
      of(r => r.during.p50),
      1,
      ' ms',
    )} / ${formatSpread(
      of(r => r.during.p95),
      1,
      ' ms',
    )}`,
  );
  const failed = results.filter(r => !r.ok).length;
  console.log(
    `  targets: ${
      failed === 0 ? 'met in every run' : `missed in ${failed} of ${runs} runs`
    }`,
  );
  clearTimeout(watchdog);
  return failed === 0 ? 0 : 1;
}

main()
  .catch(error => {
    console.error(error);
    return 1;
  })
  .then(async code => {
    await cleanUp();
    process.exit(code);
  });
