/* eslint-disable no-console */
/**
 * Sync benchmark: seeds a real local registry (Debian's docker-registry) with
 * N patterns × M versions packed by the codec and, per namespace, the
 * `<namespace>/index:latest` `ork push` leaves (one entry per pattern, at its
 * latest version). Then runs the SyncEngine against it on SQLite with the
 * product's defaults (index discovery, `orkestra.sync.concurrency` 4 unless
 * `--concurrency` is given): a full first sync on a fresh store, a resync
 * with nothing changed, the same when a full check is due, and a resync
 * after one `ork push` (a new tag, the index updated). Each is run `--runs`
 * times; wall time, peak memory and registry requests of each kind are
 * printed per run, and the min / median / max of each figure.
 *
 * Then two baselines, each `--runs` times, do what a skopeo loop does (list
 * the tags of every repository, `skopeo inspect --raw` every tag: its
 * manifest, which carries the signals), one tag after the other as a shell
 * loop would: in-process over the whole registry, and the real `skopeo`
 * binary over a sample of repositories (extrapolated; a process per tag is
 * too slow to run over thousands). Prints the ratio of each baseline to the
 * full sync.
 *
 * The seeded registry storage is kept in ~/.cache/orkestra-backstage/bench
 * (or $ORKESTRA_BENCH_CACHE) and reused by the next run of the same size.
 *
 *   yarn bench:sync [--patterns 500] [--versions 10] [--runs 3] [--concurrency N] [--skopeo-sample 10]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  RegistryClient,
  updatePatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry } from '@orkspace/orkestra-test-utils';
import knexFactory, { Knex } from 'knex';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrkestraConfig } from '../plugins/orkestra-backend/src/config/orkestraConfig';
import { PatternStore } from '../plugins/orkestra-backend/src/store/PatternStore';
import { SyncEngine } from '../plugins/orkestra-backend/src/sync/SyncEngine';

import { arg, runsArg } from './benchArgs';
import {
  formatSpread,
  measure,
  ratioSpread,
  Spread,
  spreadOf,
  timed,
} from './bench/measure';
import {
  countingFetch,
  formatCounts,
  RequestCounts,
  withPeakRss,
} from './bench/registryRequests';
import { inProcessSkopeoLoop, realSkopeoLoop } from './bench/skopeoLoops';
import {
  ensureIndexes,
  indexEntryOf,
  NAMESPACES,
  pushVersion,
  repositoryOf,
  seededIndexEntries,
  seedVersions,
} from './bench/syncSeed';

/** Warnings and errors only: the benchmark prints its own numbers. */
const quietLogger: LoggerService = {
  error: message => console.error(message),
  warn: message => console.warn(message),
  info: () => undefined,
  debug: () => undefined,
  child: () => quietLogger,
};

interface PhaseRun {
  seconds: number;
  peakRssMb: number;
  requests: RequestCounts;
}

/** A fresh SQLite store in memory and the engines that sync into it. */
async function freshState(
  config: ReturnType<typeof readOrkestraConfig>,
  client: RegistryClient,
) {
  const knex: Knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const store = await PatternStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  const engineWith = (sync: typeof config.sync) =>
    new SyncEngine({
      store,
      config: { ...config, sync },
      logger: quietLogger,
      storeFactory: async () => client,
    });
  return {
    engine: engineWith(config.sync),
    // The same engine when a full check is due (every sync.fullCheckInterval).
    fullCheckEngine: engineWith({ ...config.sync, fullCheckIntervalMs: 0 }),
    close: () => knex.destroy(),
  };
}

function printSummary(label: string, runs: PhaseRun[]): Spread {
  const seconds = spreadOf(runs.map(r => r.seconds));
  const rss = spreadOf(runs.map(r => r.peakRssMb));
  const requests = runs.map(r => formatCounts(r.requests));
  const same = requests.every(r => r === requests[0]);
  console.log(
    `  ${label}: ${formatSpread(seconds, 2, ' s')}, peak RSS ${formatSpread(
      rss,
      0,
      ' MB',
    )}, ${
      same ? requests[0] : `requests differ by run: ${requests.join(' | ')}`
    }`,
  );
  return seconds;
}

async function main() {
  const patterns = arg('patterns', 500);
  const versions = arg('versions', 10);
  const runs = runsArg();
  const concurrencyGiven = process.argv.includes('--concurrency');
  const skopeoSample = Math.min(arg('skopeo-sample', 10), patterns);
  const cacheRoot =
    process.env.ORKESTRA_BENCH_CACHE ??
    join(homedir(), '.cache', 'orkestra-backstage', 'bench');
  // v2: the pattern content of writePattern; bump it when that changes.
  const storageDir = join(cacheRoot, `registry-${patterns}x${versions}-v2`);
  const seeded = existsSync(join(storageDir, '.complete'));
  if (!seeded) {
    await rm(storageDir, { recursive: true, force: true });
    await mkdir(storageDir, { recursive: true });
  }
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-sync-'));
  const seededEntries = await seededIndexEntries(work, { patterns, versions });
  const registry = await startTestRegistry({ storageDir });
  const publisher = new RegistryClient({
    registry: registry.host,
    plainHttp: true,
  });
  const extraTags: string[] = [];
  const states: Array<Awaited<ReturnType<typeof freshState>>> = [];
  /** Back to the registry as seeded (its size, its indexes): for the baselines and the cache. */
  const restoreSeed = async () => {
    for (const tag of extraTags.splice(0)) {
      const { digest } = await publisher.resolve(repositoryOf(1), tag);
      await publisher.deleteManifest(repositoryOf(1), digest);
    }
    await ensureIndexes(publisher, seededEntries);
  };
  try {
    const config = readOrkestraConfig(
      new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'bench',
              type: 'registry',
              target: `http://${registry.host}/bench`,
              // Where `ork push` keeps the indexes of bench/motifs/* and bench/katalogs/*.
              namespaces: [...NAMESPACES],
            },
          ],
          ...(concurrencyGiven
            ? { sync: { concurrency: arg('concurrency', 4) } }
            : {}),
        },
      }),
    );
    const { discovery } = config.sources[0];
    console.log(
      `bench:sync  ${patterns} patterns × ${versions} versions, docker-registry at ${
        registry.host
      }, SQLite, ${discovery.type} discovery, concurrency ${
        config.sync.concurrency
      }${concurrencyGiven ? '' : ' (the default)'}, ${runs} runs per figure, ${
        cpus().length
      } cores, ${new Date().toISOString().slice(0, 10)}`,
    );
    if (seeded) {
      console.log(`reusing the seeded registry in ${storageDir}`);
    } else {
      const { seconds } = await timed(() =>
        seedVersions(publisher, work, { patterns, versions, concurrency: 8 }),
      );
      console.log(
        `seeded ${patterns * versions} versions in ${seconds.toFixed(1)} s (${
          publisher.requestCount
        } requests)`,
      );
    }
    const rewritten = await ensureIndexes(publisher, seededEntries);
    if (!seeded)
      await writeFile(join(storageDir, '.complete'), new Date().toISOString());
    console.log(
      `indexes: ${[...seededEntries]
        .map(([n, e]) => `${n}/index:latest ${e.length} entries`)
        .join(', ')}${
        rewritten.length ? ` (written: ${rewritten.join(', ')})` : ''
      }`,
    );

    const wire = countingFetch();
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
      fetch: wire.fetcher,
    });
    const phase = async (
      label: string,
      engine: SyncEngine,
      run: number,
    ): Promise<PhaseRun> => {
      const { result: measured, delta } = await wire.during(() =>
        withPeakRss(() => timed(() => engine.syncSource('bench'))),
      );
      const { seconds, result } = measured.result;
      console.log(
        `${`${label} #${run + 1}`.padEnd(30)} ${seconds
          .toFixed(2)
          .padStart(7)} s  peak RSS ${measured.peakRssMb
          .toFixed(0)
          .padStart(4)} MB  ${formatCounts(delta)}  ${result.status}, ${
          result.counts.newVersions
        } new versions`,
      );
      return { seconds, peakRssMb: measured.peakRssMb, requests: delta };
    };

    // A full sync needs an empty store: a fresh one each run (the last one is kept for the resyncs).
    const full = await measure(
      runs,
      async run => {
        await states.pop()?.close();
        const state = await freshState(config, client);
        states.push(state);
        return phase('full sync', state.engine, run);
      },
      r => r.seconds,
    );
    const state = states[0];
    const unchanged = await measure(
      runs,
      run => phase('resync, nothing changed', state.engine, run),
      r => r.seconds,
    );
    const fullCheck = await measure(
      runs,
      run => phase('resync, full check due', state.fullCheckEngine, run),
      r => r.seconds,
    );
    const afterPush = await measure(
      runs,
      async run => {
        // What `ork push` does: push a new tag, then update the namespace's index.
        const meta = await pushVersion(
          publisher,
          work,
          1,
          versions + Date.now(),
          new Date(),
        );
        extraTags.push(meta.version);
        await updatePatternIndex(publisher, NAMESPACES[1], indexEntryOf(meta));
        return phase('resync after one ork push', state.engine, run);
      },
      r => r.seconds,
    );

    await restoreSeed();

    const repositories = Array.from({ length: patterns }, (_, p) =>
      repositoryOf(p),
    );
    // Cool down between the phases and the baselines.
    await new Promise(resolve => setTimeout(resolve, 2000));
    const loop = await measure(runs, async run => {
      const { seconds, result } = await timed(() =>
        inProcessSkopeoLoop(registry.url, repositories),
      );
      console.log(
        `baseline, in-process skopeo loop #${run + 1}: ${seconds.toFixed(
          2,
        )} s, ${result.requests} requests over all ${patterns} repositories`,
      );
      return seconds;
    });
    const skopeo = await measure(runs, async run => {
      const { seconds, result } = await timed(() =>
        realSkopeoLoop(registry.host, repositories.slice(0, skopeoSample)),
      );
      console.log(
        `baseline, real skopeo loop #${run + 1}: ${seconds.toFixed(
          2,
        )} s over ${skopeoSample} repositories (${result.inspects} inspects)`,
      );
      return (seconds * patterns) / skopeoSample;
    });

    console.log(`\nmin / median / max over ${runs} runs (median (min–max)):`);
    const fullSeconds = printSummary('full sync', full.results);
    printSummary('resync, nothing changed', unchanged.results);
    printSummary('resync, full check due', fullCheck.results);
    printSummary('resync after one ork push', afterPush.results);
    console.log(
      `  baseline, in-process skopeo loop over all ${patterns} repositories: ${formatSpread(
        loop,
        2,
        ' s',
      )}; baseline ÷ full sync ${formatSpread(
        ratioSpread(loop, fullSeconds),
      )} (above 1: the sync is faster; median of each over median of the other, range from the extremes)`,
    );
    console.log(
      `  baseline, real skopeo loop over ${skopeoSample} repositories ×${(
        patterns / skopeoSample
      ).toFixed(0)}: ${formatSpread(
        skopeo,
        0,
        ' s',
      )} for all; baseline ÷ full sync ${formatSpread(
        ratioSpread(skopeo, fullSeconds),
        1,
      )}`,
    );
    const gets = unchanged.results.map(
      r => r.requests.manifestGet + r.requests.blobGet,
    );
    console.log(
      `no-change resync: ${gets.join(', ')} manifest + blob GETs by run ${
        gets.every(n => n === 0) ? '(target met)' : '(target NOT met)'
      }`,
    );
  } finally {
    for (const s of states) await s.close();
    await restoreSeed();
    await rm(work, { recursive: true, force: true });
    await registry.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
