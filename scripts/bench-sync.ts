/* eslint-disable no-console */
/**
 * Sync benchmark: seeds a real local registry (Debian's docker-registry) with
 * N patterns × M versions packed by the codec, then runs the SyncEngine
 * against it on SQLite: a full first sync, a resync with nothing changed,
 * and a resync after one new tag. Prints wall time and registry requests of
 * each kind for every phase.
 *
 *   yarn bench:sync [--patterns 500] [--versions 10] [--concurrency 8]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  packPattern,
  publishPattern,
  readPatternDirectory,
  RegistryClient,
} from '@internal/backstage-plugin-orkestra-node';
import { startTestRegistry } from '@internal/backstage-plugin-orkestra-node/testUtils';
import knexFactory from 'knex';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { readOrkestraConfig } from '../plugins/orkestra-backend/src/config/orkestraConfig';
import { PatternStore } from '../plugins/orkestra-backend/src/store/PatternStore';
import { SyncEngine } from '../plugins/orkestra-backend/src/sync/SyncEngine';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

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

async function main() {
  const patterns = arg('patterns', 500);
  const versions = arg('versions', 10);
  const concurrency = arg('concurrency', 8);
  const registry = await startTestRegistry();
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-sync-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    console.log(
      `bench:sync  ${patterns} patterns × ${versions} versions, docker-registry at ${registry.host}, SQLite`,
    );
    const publisher = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
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

    const phase = async (label: string) => {
      const before = { ...wire.counts };
      const start = process.hrtime.bigint();
      const result = await engine.syncSource('bench');
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const delta = Object.fromEntries(
        Object.entries(wire.counts).map(([k, v]) => [k, v - before[k as Kind]]),
      ) as Record<Kind, number>;
      const total = Object.values(delta).reduce((a, b) => a + b, 0);
      console.log(
        `${label.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${String(
          total,
        ).padStart(6)} requests  ` +
          `(catalog ${delta.catalog}, tags/list ${delta.tagList}, manifest HEAD ${delta.manifestHead}, ` +
          `manifest GET ${delta.manifestGet}, blob GET ${delta.blobGet}, other ${delta.other})  ` +
          `${result.status}, ${result.counts.newVersions} new versions`,
      );
      return result;
    };

    await phase('full sync');
    await phase('resync, nothing changed');
    const dir = join(work, 'extra');
    await writePattern(dir, 1, versions);
    const packed = await packPattern(await readPatternDirectory(dir), {
      created: new Date(),
    });
    await publishPattern(
      publisher,
      { repository: 'bench/katalogs/bench-1', tag: `v1.${versions}.0` },
      packed,
    );
    await phase('resync after one new tag');
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
