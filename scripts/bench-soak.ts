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
 * Prints the figures and exits non-zero when a target is missed (peak RSS
 * < 600 MB, log written during the storm < 5 MB; MB = 10^6 bytes).
 *
 *   yarn bench:soak [--seconds 60] [--requests 200] [--callers 4] [--probes 2] [--probe-interval 50]
 */
import {
  SourceStatus,
  SyncRun,
} from '@internal/backstage-plugin-orkestra-common';
import { RegistryClient } from '@internal/backstage-plugin-orkestra-node';
import {
  publishExamplePatterns,
  startTestRegistry,
  TestRegistry,
} from '@internal/backstage-plugin-orkestra-node/testUtils';
import { ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  ProcessLogLine,
  startBackendProcess,
} from '../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';
import {
  orkestraConfigFor,
  publishVersion,
} from '../plugins/orkestra-backend/src/__testUtils__/syncTestbed';

import { arg } from './benchArgs';

const SOURCE = 'local';
const FAILING = 'orkestra/katalogs/always-missing';
const HUGE = 'orkestra/katalogs/huge-annotation';
const HUGE_BYTES = 1024 * 1024;
const DESCRIPTION = 'org.opencontainers.image.description';
const RSS_TARGET = 600e6;
const LOG_TARGET = 5e6;
const BASELINE_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));
const patternId = (repository: string) =>
  encodeURIComponent(`${SOURCE}:${repository}`);

/** Bytes each child process wrote to stdout and stderr, by pid. */
function countChildOutput(): Map<number, { bytes: number }> {
  const counters = new Map<number, { bytes: number }>();
  subscribe('child_process', message => {
    const child = (message as { process: ChildProcess }).process;
    // Published from the ChildProcess constructor: its pipes exist once spawned.
    child.once('spawn', () => {
      const counter = { bytes: 0 };
      counters.set(child.pid!, counter);
      const count = (chunk: Buffer) => {
        counter.bytes += chunk.byteLength;
      };
      child.stdout?.on('data', count);
      child.stderr?.on('data', count);
    });
  });
  return counters;
}

/** VmRSS and VmHWM of a process, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) *
    1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Clients reading the API in turn, until `stop()`. */
function startProbes(
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
    async stop() {
      running = false;
      await done;
      return { latencies, errors };
    },
  };
}

function printLatencies(
  title: string,
  result: { latencies: Map<string, number[]>; errors: number },
) {
  console.log(
    `${title.padEnd(34)} requests  errors   p50 ms   p95 ms   p99 ms   max ms`,
  );
  const all: number[] = [];
  const row = (label: string, values: number[], errors: string) => {
    const s = summary(values);
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

/** A log message with its variable parts replaced, to group lines by the statement that wrote them. */
function template(line: ProcessLogLine): string {
  const message = line.message
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:…')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:…')
    .replace(/"(GET|POST) \/api\/orkestra\/([a-z-]+)\/[^ ]*/g, '"$1 /$2/…')
    .replace(/\d+(\.\d+)?/g, 'N');
  return `${String(line.level ?? '-')} ${message.slice(0, 110)}`;
}

/** Run in reverse order on the way out, whatever happened. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch(error => console.error(error));
}

async function main() {
  const seconds = arg('seconds', 60);
  const requests = arg('requests', 200);
  const callers = arg('callers', 4);
  const probes = arg('probes', 2);
  const probeInterval = arg('probe-interval', 50);
  const began = Date.now();
  // The whole run is bounded: stop by itself even if something hangs.
  const budgetMs = (seconds + 90) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`bench:soak did not finish within ${budgetMs / 1000} s`);
    cleanUp().finally(() => process.exit(2));
  }, budgetMs);
  watchdog.unref();

  console.log(
    `bench:soak  ${requests} resyncs over ${seconds} s by ${callers} callers, ${probes} API probes every ${probeInterval} ms, docker-registry + backend process on SQLite, ${
      cpus().length
    } cores`,
  );
  const output = countChildOutput();
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-soak-'));
  cleanups.push(() => rm(work, { recursive: true, force: true }));

  // The registry: the examples, a 1 MiB annotation, and no FAILING repository.
  const registry: TestRegistry = await startTestRegistry();
  cleanups.push(() => registry.stop());
  const publisher = new RegistryClient({
    registry: registry.host,
    plainHttp: true,
  });
  const published = await publishExamplePatterns(publisher);
  const { manifest: packed } = await publishVersion(publisher, {
    from: 'katalogs/webapp-operator/v2.0.0',
    repository: HUGE,
    version: 'v1.0.0',
    edit: text => text.replace(/^( {2}name:).*$/m, '$1 huge-annotation'),
  });
  const original = await publisher.fetchManifest(HUGE, packed.digest);
  const manifest = JSON.parse(new TextDecoder().decode(original.bytes));
  manifest.annotations = {
    ...manifest.annotations,
    [DESCRIPTION]: 'x'.repeat(HUGE_BYTES),
  };
  const hugeManifest = await publisher.pushManifest(
    HUGE,
    new TextEncoder().encode(JSON.stringify(manifest)),
    original.descriptor.mediaType,
    { tag: 'v1.0.0' },
  );
  const examples = [...new Set(published.map(p => p.push.repository))];
  console.log(
    `registry ${registry.host}: ${published.length} example versions in ${
      examples.length
    } repositories, ${HUGE}:v1.0.0 with a ${MB(
      HUGE_BYTES,
    )} ${DESCRIPTION} (manifest ${hugeManifest.size} bytes), ${FAILING} absent`,
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
  const kinds: Array<{
    label: string;
    path: (i: number) => string;
    body?: object;
  }> = [
    {
      label: 'POST /patterns/:example/resync',
      path: i =>
        `/api/orkestra/patterns/${patternId(
          examples[Math.floor(i / 4) % examples.length],
        )}/resync`,
    },
    {
      label: 'POST /patterns/:huge/resync',
      path: () => `/api/orkestra/patterns/${patternId(HUGE)}/resync`,
    },
    {
      label: 'POST /sources/:id/resync missing',
      path: () => `/api/orkestra/sources/${SOURCE}/resync`,
      body: { repository: FAILING },
    },
    {
      label: 'POST /sources/:id/resync huge',
      path: () => `/api/orkestra/sources/${SOURCE}/resync`,
      body: { repository: HUGE },
    },
  ];
  const byKind = kinds.map(() => ({
    accepted: 0,
    limited: 0,
    other: 0,
    latencies: [] as number[],
  }));
  const statuses = new Map<string, number>();
  const onDemandRuns = new Set<number>();
  const retryAfter: number[] = [];
  let notSent = 0;
  const spacing = (seconds * 1000) / requests;
  const stormStart = Date.now();
  const stormDeadline = stormStart + seconds * 1000 + REQUEST_TIMEOUT_MS;
  storming = true;
  const storm = startProbes(backend, routes, probes, probeInterval);
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= requests) return;
        await sleep(stormStart + i * spacing - Date.now());
        if (Date.now() > stormDeadline) {
          notSent++;
          continue;
        }
        const kind = kinds[i % kinds.length];
        const counts = byKind[i % kinds.length];
        const start = process.hrtime.bigint();
        let status: string;
        try {
          const response = await backend.fetch(kind.path(i), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(kind.body ?? {}),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          status = String(response.status);
          if (response.status === 202) {
            counts.accepted++;
            onDemandRuns.add((JSON.parse(text) as SyncRun).id);
          } else if (response.status === 429) {
            counts.limited++;
            retryAfter.push(Number(response.headers.get('retry-after')));
          } else {
            counts.other++;
            if (counts.other <= 3)
              console.warn(
                `${kind.label}: HTTP ${status} ${text.slice(0, 300)}`,
              );
          }
        } catch (error) {
          counts.other++;
          status = `error (${(error as Error).name})`;
        }
        counts.latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const stormResult = await storm.stop();
  const stormMs = Date.now() - stormStart;
  storming = false;
  await sleep(500); // what the backend wrote last is read from its pipes
  const stormLog = log.bytes - logBefore;
  const stormLines = backend.lines.slice(linesBefore);

  // What the store kept.
  const { items: sources } = await backend.getJson<{ items: SourceStatus[] }>(
    '/api/orkestra/sources',
  );
  const { items: runs } = await backend.getJson<{ items: SyncRun[] }>(
    `/api/orkestra/sources/${SOURCE}/sync-runs?limit=200`,
  );
  const stormRuns = runs.filter(r => r.id > lastRunBefore);
  const recorded = (runs[0]?.id ?? lastRunBefore) - lastRunBefore;
  const lastSyncs = sources.flatMap(s => (s.lastSync ? [s.lastSync] : []));
  const stored = [...runs, ...lastSyncs];
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const largestMessage = Math.max(
    0,
    ...stored.flatMap(r => r.errors.map(e => bytes(e.message))),
  );
  const largestList = stored.reduce(
    (max, r) => (r.errors.length > max.errors.length ? r : max),
    stored[0],
  );
  const largestListBytes = Math.max(
    0,
    ...stored.map(r => bytes(JSON.stringify(r.errors))),
  );
  const hugePattern = await backend.getJson(
    `/api/orkestra/patterns/${patternId(HUGE)}`,
  );
  const hugeVersions = await backend.getJson(
    `/api/orkestra/patterns/${patternId(HUGE)}/versions`,
  );
  const memory = await memoryOf(backend.pid);
  peakRss = Math.max(peakRss, memory.rss);
  const hwm = Math.max(memory.hwm, peakRss);

  // The figures.
  console.log('');
  printLatencies('API, quiet (5 s before the storm)', quietResult);
  const during = printLatencies(
    `API, during the storm (${(stormMs / 1000).toFixed(1)} s)`,
    stormResult,
  );
  console.log('');
  console.log(
    `resync requests                     sent     202     429   other   p50 ms   p95 ms`,
  );
  for (const [k, kind] of kinds.entries()) {
    const c = byKind[k];
    const s = summary(c.latencies);
    console.log(
      `  ${kind.label.padEnd(32)} ${String(c.latencies.length).padStart(
        6,
      )} ${String(c.accepted).padStart(7)} ${String(c.limited).padStart(
        7,
      )} ${String(c.other).padStart(7)} ${s.p50.toFixed(1).padStart(8)} ${s.p95
        .toFixed(1)
        .padStart(8)}`,
    );
  }
  const total = (f: 'accepted' | 'limited' | 'other') =>
    byKind.reduce((sum, c) => sum + c[f], 0);
  console.log(
    `  responses by status: ${[...statuses]
      .sort()
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}${
      notSent ? `, not sent (past the deadline): ${notSent}` : ''
    }`,
  );
  if (retryAfter.length)
    console.log(
      `  Retry-After of the 429s: ${Math.min(...retryAfter)}–${Math.max(
        ...retryAfter,
      )} s`,
    );
  console.log('');
  const byTrigger = new Map<string, number>();
  for (const r of stormRuns) {
    const key = `${r.trigger}${r.repository ? '' : ' (full)'} ${r.status}`;
    byTrigger.set(key, (byTrigger.get(key) ?? 0) + 1);
  }
  console.log(
    `sync runs recorded during the storm: ${recorded} (${[...byTrigger]
      .sort()
      .map(([key, n]) => `${key}: ${n}`)
      .join(', ')}); the ${total('accepted')} accepted resyncs were served by ${
      onDemandRuns.size
    } runs`,
  );
  console.log(
    `largest stored error message: ${largestMessage} bytes; largest run error list: ${
      largestList?.errors.length ?? 0
    } errors (${largestListBytes} bytes as JSON), over ${
      runs.length
    } runs read and the last full run`,
  );
  console.log(
    `last full run: ${JSON.stringify(
      sources[0]?.lastSync?.status,
    )}, errors ${JSON.stringify(sources[0]?.lastSync?.errors)}`,
  );
  console.log(
    `1 MiB pattern: description served as ${bytes(
      hugePattern.description ?? '',
    )} bytes, ${hugeVersions.items.length} version(s)`,
  );
  console.log('');
  // Every line is JSON: re-serialised it has the bytes it was written with
  // (the sum is checked against the count of the pipes below).
  const lineBytes = (line: ProcessLogLine) => bytes(JSON.stringify(line)) + 1;
  const groups = new Map<string, { lines: number; bytes: number }>();
  const origins = new Map<string, { lines: number; bytes: number }>();
  for (const line of stormLines) {
    let origin = 'other';
    if (line.type === 'incomingRequest')
      origin =
        line.method === 'POST'
          ? 'access lines of the resync requests'
          : 'access lines of the API reads (probes)';
    else if (line.message.startsWith('Orkestra sync of'))
      origin = 'sync run lines';
    for (const [map, key] of [
      [groups, template(line)],
      [origins, origin],
    ] as const) {
      const group = map.get(key) ?? { lines: 0, bytes: 0 };
      group.lines++;
      group.bytes += lineBytes(line);
      map.set(key, group);
    }
  }
  const reserialised = stormLines.reduce((sum, l) => sum + lineBytes(l), 0);
  const sent = requests - notSent;
  const ofResyncs =
    (origins.get('access lines of the resync requests')?.bytes ?? 0) +
    (origins.get('sync run lines')?.bytes ?? 0);
  console.log(
    `backend log during the storm: ${stormLog} bytes (${MB(stormLog)}) in ${
      stormLines.length
    } lines (re-serialised: ${reserialised} bytes); ${
      log.bytes
    } bytes since it started`,
  );
  for (const [origin, g] of [...origins].sort(
    (a, b) => b[1].bytes - a[1].bytes,
  ))
    console.log(
      `  ${String(g.bytes).padStart(9)} B ${String(g.lines).padStart(
        6,
      )} lines  ${origin}`,
    );
  console.log(
    `  resyncs: ${ofResyncs} bytes of access and sync run lines, ${(
      ofResyncs / Math.max(1, sent)
    ).toFixed(0)} bytes per resync request sent`,
  );
  console.log('  largest log statements during the storm:');
  for (const [key, g] of [...groups]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, 8)) {
    console.log(
      `  ${String(g.bytes).padStart(9)} B ${String(g.lines).padStart(
        6,
      )} lines ${(g.bytes / g.lines).toFixed(0).padStart(5)} B/line  ${key}`,
    );
  }
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
    )}/${during.p95.toFixed(1)} ms; whole bench ${(
      (Date.now() - began) /
      1000
    ).toFixed(1)} s`,
  );
  clearTimeout(watchdog);
  return rssOk && logOk ? 0 : 1;
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
