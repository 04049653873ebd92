/* eslint-disable no-console */
/**
 * OCI benchmark: pushes N patterns × M versions into a real local registry
 * (Debian's docker-registry) with the pattern codec, then reads them back the
 * way a sync does, printing requests made and wall time for each phase.
 *
 * Each run starts a fresh registry; every phase is run `--runs` times and
 * the min / median / max of its wall time printed.
 *
 *   yarn bench:oci [--patterns N] [--versions M] [--runs 3]
 */
import {
  packPattern,
  publishPattern,
  readPatternDirectory,
  RegistryClient,
  unpackPattern,
} from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry } from '@orkspace/orkestra-test-utils';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { arg, runsArg } from './benchArgs';
import { formatSpread, measure, spreadOf, timed } from './bench/measure';

async function writePattern(dir: string, name: string, version: string) {
  await writeFile(
    join(dir, 'katalog.yaml'),
    [
      'apiVersion: orkestra.orkspace.io/v1',
      'kind: Katalog',
      'metadata:',
      `  name: ${name}`,
      `  version: ${version}`,
      '  author: bench',
      '  tags: [bench]',
      'spec:',
      '  crds:',
      '    app:',
      '      apiTypes: { group: bench.example, version: v1, kind: App, plural: apps }',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'simulate.yaml'),
    'kind: Simulate\nspec:\n  expect:\n    noErrors: true\n',
  );
  await writeFile(join(dir, 'README.md'), `# ${name} ${version}\n`);
}

/** Requests and milliseconds of each phase of one run, in order. */
type PhaseFigures = Map<string, { requests: number; ms: number }>;

async function runOnce(
  patterns: number,
  versions: number,
  run: number,
): Promise<PhaseFigures> {
  // A fresh registry each run: the pushes are the first ones.
  const registry = await startTestRegistry();
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-'));
  const figures: PhaseFigures = new Map();
  const client = new RegistryClient({
    registry: registry.host,
    plainHttp: true,
  });
  const phase = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const requests = client.requestCount;
    const { result, seconds } = await timed(fn);
    const ms = seconds * 1000;
    figures.set(label, { requests: client.requestCount - requests, ms });
    console.log(
      `${`${label} #${run + 1}`.padEnd(38)} ${String(
        client.requestCount - requests,
      ).padStart(6)} requests ${ms.toFixed(0).padStart(7)} ms`,
    );
    return result;
  };
  try {
    await phase(`push ${patterns * versions} versions`, async () => {
      for (let p = 0; p < patterns; p++) {
        for (let v = 0; v < versions; v++) {
          const dir = join(work, `p${p}-v${v}`);
          await mkdir(dir);
          await writePattern(dir, `bench-${p}`, `v1.${v}.0`);
          const packed = await packPattern(await readPatternDirectory(dir), {
            created: new Date(),
          });
          await publishPattern(
            client,
            { repository: `bench/katalogs/bench-${p}`, tag: `v1.${v}.0` },
            packed,
          );
        }
      }
    });
    const repositories = await phase('list repositories (_catalog)', () =>
      client.listRepositories(),
    );
    const tagged = await phase('list tags of every repository', async () => {
      const all: Array<[string, string]> = [];
      for (const repository of repositories) {
        for (const tag of await client.listTags(repository))
          all.push([repository, tag]);
      }
      return all;
    });
    const digests = await phase('resolve every tag (HEAD)', async () =>
      Promise.all(
        tagged.map(
          async ([repository, tag]) =>
            [
              repository,
              (await client.resolve(repository, tag)).digest,
            ] as const,
        ),
      ),
    );
    const unpacked = await phase('fetch + unpack every manifest', async () =>
      Promise.all(
        digests.map(
          async ([repository, digest]) =>
            [
              repository,
              unpackPattern(await client.fetchManifest(repository, digest)),
            ] as const,
        ),
      ),
    );
    await phase('fetch every katalog.yaml blob', async () =>
      Promise.all(
        unpacked.map(([repository, version]) => {
          const file = version.files.find(f => f.name === 'katalog.yaml')!;
          return client.fetchBlob(repository, file, { maxBytes: 1024 * 1024 });
        }),
      ),
    );
    await phase('re-resolve every tag (unchanged)', async () =>
      Promise.all(
        tagged.map(([repository, tag]) => client.resolve(repository, tag)),
      ),
    );
    return figures;
  } finally {
    await rm(work, { recursive: true, force: true });
    await registry.stop();
  }
}

async function main() {
  const patterns = arg('patterns', 20);
  const versions = arg('versions', 5);
  const runs = runsArg();
  console.log(
    `bench:oci  ${patterns} patterns × ${versions} versions into a fresh docker-registry each run, ${runs} runs`,
  );
  const { results } = await measure(
    runs,
    run => runOnce(patterns, versions, run),
    figures => [...figures.values()].reduce((sum, f) => sum + f.ms, 0),
  );
  console.log(`\nmin / median / max over ${runs} runs (median (min–max)):`);
  for (const label of results[0].keys()) {
    const of = results.map(r => r.get(label)!);
    const requests = [...new Set(of.map(f => f.requests))].join(' / ');
    console.log(
      `  ${label.padEnd(34)} ${requests.padStart(6)} requests  ${formatSpread(
        spreadOf(of.map(f => f.ms)),
        0,
        ' ms',
      )}`,
    );
  }
  const totals = results.map(r =>
    [...r.values()].reduce((sum, f) => sum + f.requests, 0),
  );
  console.log(`  total requests: ${[...new Set(totals)].join(' / ')}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
