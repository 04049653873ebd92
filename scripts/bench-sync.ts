/* eslint-disable no-console */
/**
 * Sync benchmark: seeds a real local registry (Debian's docker-registry) with
 * N patterns × M versions packed by the codec, then runs the SyncEngine
 * against it on SQLite: a full first sync, a resync with nothing changed, the
 * same when a full check is due, and a resync after one push that updated
 * the index as `ork push` does. Prints wall time, peak memory and registry
 * requests of each kind for every phase. Then runs two baselines that do what
 * a skopeo loop does (list the tags of every repository, `skopeo inspect
 * --raw` every tag: its manifest, which carries the signals), one tag after
 * the other as a shell loop would:
 * in-process over the whole registry, and the real `skopeo` binary over a
 * sample of repositories (extrapolated; a process per tag is too slow to run
 * over thousands). Prints the ratio of each baseline to the full sync.
 *
 * The seeded registry storage is kept in ~/.cache/orkestra-backstage/bench
 * (or $ORKESTRA_BENCH_CACHE) and reused by the next run of the same size.
 *
 *   yarn bench:sync [--patterns 500] [--versions 10] [--concurrency 8] [--skopeo-sample 10]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  indexEntryFor,
  indexRepository,
  INDEX_TAG,
  OciNotFoundError,
  packPattern,
  publishPattern,
  readPatternDirectory,
  RegistryClient,
  updatePatternIndex,
} from '@internal/backstage-plugin-orkestra-node';
import { startTestRegistry } from '@internal/backstage-plugin-orkestra-node/testUtils';
import knexFactory from 'knex';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { promisify } from 'node:util';
import { readOrkestraConfig } from '../plugins/orkestra-backend/src/config/orkestraConfig';
import { PatternStore } from '../plugins/orkestra-backend/src/store/PatternStore';
import { SyncEngine } from '../plugins/orkestra-backend/src/sync/SyncEngine';

import { arg } from './benchArgs';

type Kind =
  | 'catalog'
  | 'tagList'
  | 'manifestHead'
  | 'manifestGet'
  | 'blobGet'
  | 'other';

function countingFetch() {
  const counts: Record<Kind, number> = {
    catalog: 0,
    tagList: 0,
    manifestHead: 0,
    manifestGet: 0,
    blobGet: 0,
    other: 0,
  };
  const fetcher: typeof fetch = (input, init) => {
    const { pathname } = new URL(String(input));
    const method = init?.method ?? 'GET';
    let kind: Kind = 'other';
    if (pathname === '/v2/_catalog') kind = 'catalog';
    else if (pathname.endsWith('/tags/list')) kind = 'tagList';
    else if (pathname.includes('/manifests/'))
      kind = method === 'HEAD' ? 'manifestHead' : 'manifestGet';
    else if (pathname.includes('/blobs/') && method === 'GET') kind = 'blobGet';
    counts[kind]++;
    return fetch(input, init);
  };
  return { counts, fetcher };
}

/** Warnings and errors only: the benchmark prints its own numbers. */
const quietLogger: LoggerService = {
  error: message => console.error(message),
  warn: message => console.warn(message),
  info: () => undefined,
  debug: () => undefined,
  child: () => quietLogger,
};

async function writePattern(dir: string, p: number, v: number) {
  await mkdir(dir, { recursive: true });
  const motif = p % 10 === 0;
  const name = `bench-${p}`;
  await writeFile(
    join(dir, motif ? 'motif.yaml' : 'katalog.yaml'),
    [
      'apiVersion: orkestra.orkspace.io/v1',
      `kind: ${motif ? 'Motif' : 'Katalog'}`,
      'metadata:',
      `  name: ${name}`,
      `  version: v1.${v}.0`,
      `  author: team-${p % 7}`,
      '  tags: [bench]',
      'lifecycle: { maturity: stable }',
      ...(motif
        ? ['inputs:', '  - name: image', '    required: true']
        : [
            'spec:',
            '  crds:',
            '    app:',
            `      apiTypes: { group: bench.example, version: v1, kind: App${p}, plural: apps${p} }`,
            '      imports:',
            `        - motif: oci://REGISTRY/bench/motifs/bench-${
              p - (p % 10)
            }:v1.${v}.0`,
          ]),
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'README.md'),
    `# ${name}\n\nA benchmark pattern.\n`,
  );
}

/** Peak resident set size while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

const run = promisify(execFile);

async function seed(
  host: string,
  work: string,
  patterns: number,
  versions: number,
  concurrency: number,
) {
  const publisher = new RegistryClient({ registry: host, plainHttp: true });
  const seedStart = Date.now();
  const limit = pLimit(concurrency);
  await Promise.all(
    Array.from({ length: patterns }, (_, p) =>
      limit(async () => {
        const kind = p % 10 === 0 ? 'motifs' : 'katalogs';
        for (let v = 0; v < versions; v++) {
          const dir = join(work, `p${p}`, `v${v}`);
          await writePattern(dir, p, v);
          const packed = await packPattern(await readPatternDirectory(dir), {
            created: new Date(Date.UTC(2026, 0, 1 + v, 0, 0, p % 60)),
          });
          await publishPattern(
            publisher,
            { repository: `bench/${kind}/bench-${p}`, tag: `v1.${v}.0` },
            packed,
          );
          await rm(dir, { recursive: true, force: true });
        }
      }),
    ),
  );
  console.log(
    `seeded ${patterns * versions} versions in ${(
      (Date.now() - seedStart) /
      1000
    ).toFixed(1)} s (${publisher.requestCount} requests)`,
  );
}

/** What a skopeo loop does, in-process and sequential: list the tags, read each manifest (`skopeo inspect --raw`; the signals are manifest annotations). */
async function inProcessSkopeoLoop(url: string, repositories: string[]) {
  let requests = 0;
  const get = async (path: string, accept?: string) => {
    requests++;
    const response = await fetch(`${url}${path}`, {
      headers: accept ? { accept } : {},
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  };
  const start = process.hrtime.bigint();
  for (const repository of repositories) {
    const { tags } = await (await get(`/v2/${repository}/tags/list`)).json();
    for (const tag of tags as string[]) {
      await (
        await get(
          `/v2/${repository}/manifests/${tag}`,
          'application/vnd.oci.image.manifest.v1+json',
        )
      ).arrayBuffer();
    }
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, requests };
}

/** The real skopeo binary over `repositories`: list-tags, then `inspect --raw` every tag (skopeo refuses image inspection of artifacts). */
async function realSkopeoLoop(host: string, repositories: string[]) {
  const start = process.hrtime.bigint();
  let inspects = 0;
  for (const repository of repositories) {
    const { stdout } = await run('skopeo', [
      'list-tags',
      '--tls-verify=false',
      `docker://${host}/${repository}`,
    ]);
    for (const tag of JSON.parse(stdout).Tags as string[]) {
      await run('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${host}/${repository}:${tag}`,
      ]);
      inspects++;
    }
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, inspects };
}

async function main() {
  const patterns = arg('patterns', 500);
  const versions = arg('versions', 10);
  const concurrency = arg('concurrency', 8);
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
  const registry = await startTestRegistry({ storageDir });
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-sync-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    console.log(
      `bench:sync  ${patterns} patterns × ${versions} versions, docker-registry at ${
        registry.host
      }, SQLite, concurrency ${concurrency}, ${
        cpus().length
      } cores, ${new Date().toISOString().slice(0, 10)}`,
    );
    if (seeded) {
      console.log(`reusing the seeded registry in ${storageDir}`);
    } else {
      await seed(registry.host, work, patterns, versions, concurrency);
      await writeFile(join(storageDir, '.complete'), new Date().toISOString());
    }
    // ork push rewrites <namespace>/index:latest after every push; the seed
    // leaves one index per namespace (the sync only compares its digest).
    const indexWriter = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
    for (const kind of ['katalogs', 'motifs']) {
      try {
        await indexWriter.resolve(indexRepository(`bench/${kind}`), INDEX_TAG);
      } catch (error) {
        if (!(error instanceof OciNotFoundError)) throw error;
        await updatePatternIndex(
          indexWriter,
          `bench/${kind}`,
          indexEntryFor({
            name: kind === 'motifs' ? 'bench-0' : 'bench-1',
            version: `v1.${versions - 1}.0`,
            description: '',
            tags: ['bench'],
            kind: kind === 'motifs' ? 'Motif' : 'Katalog',
            deprecated: false,
          }),
        );
      }
    }

    const wire = countingFetch();
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
      fetch: wire.fetcher,
    });
    const store = await PatternStore.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const config = readOrkestraConfig(
      new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'bench',
              type: 'registry',
              target: `http://${registry.host}/bench`,
              discovery: 'catalog',
            },
          ],
          sync: { concurrency },
        },
      }),
    );
    const engine = new SyncEngine({
      store,
      config,
      logger: quietLogger,
      storeFactory: async () => client,
    });
    // The same engine when a full check is due (every sync.fullCheckInterval).
    const fullCheckEngine = new SyncEngine({
      store,
      config: {
        ...config,
        sync: { ...config.sync, fullCheckIntervalMs: 0 },
      },
      logger: quietLogger,
      storeFactory: async () => client,
    });

    const phase = async (label: string, runner = engine) => {
      const before = { ...wire.counts };
      const start = process.hrtime.bigint();
      const { result, peakRssMb } = await withPeakRss(() =>
        runner.syncSource('bench'),
      );
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const delta = Object.fromEntries(
        Object.entries(wire.counts).map(([k, v]) => [k, v - before[k as Kind]]),
      ) as Record<Kind, number>;
      const total = Object.values(delta).reduce((a, b) => a + b, 0);
      console.log(
        `${label.padEnd(28)} ${seconds
          .toFixed(2)
          .padStart(7)} s  peak RSS ${peakRssMb
          .toFixed(0)
          .padStart(4)} MB  ${String(total).padStart(6)} requests  ` +
          `(catalog ${delta.catalog}, tags/list ${delta.tagList}, manifest HEAD ${delta.manifestHead}, ` +
          `manifest GET ${delta.manifestGet}, blob GET ${delta.blobGet}, other ${delta.other})  ` +
          `${result.status}, ${result.counts.newVersions} new versions`,
      );
      return { seconds, delta };
    };

    const full = await phase('full sync');
    const unchanged = await phase('resync, nothing changed');
    await phase('resync, full check due', fullCheckEngine);
    const dir = join(work, 'extra');
    await writePattern(dir, 1, versions + Date.now());
    const packed = await packPattern(await readPatternDirectory(dir), {
      created: new Date(),
    });
    const extraTag = `v1.${versions + Date.now()}.0`;
    await publishPattern(
      indexWriter,
      { repository: 'bench/katalogs/bench-1', tag: extraTag },
      packed,
    );
    await updatePatternIndex(
      indexWriter,
      'bench/katalogs',
      indexEntryFor({
        name: 'bench-1',
        version: extraTag,
        description: '',
        tags: ['bench'],
        kind: 'Katalog',
        deprecated: false,
      }),
    );
    await phase('resync after one ork push');
    // Keep the cached registry the size its name says.
    await fetch(
      `${registry.url}/v2/bench/katalogs/bench-1/manifests/${
        (
          await new RegistryClient({
            registry: registry.host,
            plainHttp: true,
          }).resolve('bench/katalogs/bench-1', extraTag)
        ).digest
      }`,
      { method: 'DELETE' },
    );

    const repositories = Array.from(
      { length: patterns },
      (_, p) => `bench/${p % 10 === 0 ? 'motifs' : 'katalogs'}/bench-${p}`,
    );
    // Cool down between the phases and the baselines.
    await new Promise(resolve => setTimeout(resolve, 2000));
    const loop = await inProcessSkopeoLoop(registry.url, repositories);
    console.log(
      `baseline, in-process skopeo loop over all ${patterns} repositories: ${loop.seconds.toFixed(
        2,
      )} s, ${loop.requests} requests; ` +
        `full sync is ${(loop.seconds / full.seconds).toFixed(2)}× faster`,
    );
    const skopeo = await realSkopeoLoop(
      registry.host,
      repositories.slice(0, skopeoSample),
    );
    const extrapolated = (skopeo.seconds * patterns) / skopeoSample;
    console.log(
      `baseline, real skopeo loop over ${skopeoSample} repositories (${
        skopeo.inspects
      } inspects): ${skopeo.seconds.toFixed(2)} s, ` +
        `×${(patterns / skopeoSample).toFixed(0)} = ${extrapolated.toFixed(
          0,
        )} s for all; full sync is ${(extrapolated / full.seconds).toFixed(
          1,
        )}× faster`,
    );
    console.log(
      `no-change resync: ${unchanged.delta.manifestGet} manifest GETs and ${
        unchanged.delta.blobGet
      } blob GETs ${
        unchanged.delta.manifestGet === 0 && unchanged.delta.blobGet === 0
          ? '(target met)'
          : '(target NOT met)'
      }`,
    );
  } finally {
    await knex.destroy();
    await rm(work, { recursive: true, force: true });
    await registry.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
