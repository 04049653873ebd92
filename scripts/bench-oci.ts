/* eslint-disable no-console */
/**
 * OCI benchmark: pushes N patterns × M versions into a real local registry
 * (Debian's docker-registry) with the pattern codec, then reads them back the
 * way a sync does, printing requests made and wall time for each phase.
 *
 *   yarn bench:oci [--patterns N] [--versions M]
 */
import {
  packPattern,
  publishPattern,
  readPatternDirectory,
  RegistryClient,
  unpackPattern,
} from '@internal/backstage-plugin-orkestra-node';
import { startTestRegistry } from '@internal/backstage-plugin-orkestra-node/testUtils';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { arg } from './benchArgs';

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

async function timed<T>(
  label: string,
  client: RegistryClient,
  fn: () => Promise<T>,
): Promise<T> {
  const requests = client.requestCount;
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(
    `${label.padEnd(34)} ${String(client.requestCount - requests).padStart(
      6,
    )} requests ${ms.toFixed(0).padStart(7)} ms`,
  );
  return result;
}

async function main() {
  const patterns = arg('patterns', 20);
  const versions = arg('versions', 5);
  const registry = await startTestRegistry();
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-'));
  try {
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
    console.log(
      `bench:oci  ${patterns} patterns × ${versions} versions into docker-registry at ${registry.host}`,
    );
    console.log(
      `${'phase'.padEnd(34)} ${'count'.padStart(15)} ${'wall'.padStart(10)}`,
    );

    await timed(`push ${patterns * versions} versions`, client, async () => {
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

    const repositories = await timed(
      'list repositories (_catalog)',
      client,
      () => client.listRepositories(),
    );
    const tagged = await timed(
      'list tags of every repository',
      client,
      async () => {
        const all: Array<[string, string]> = [];
        for (const repository of repositories) {
          for (const tag of await client.listTags(repository))
            all.push([repository, tag]);
        }
        return all;
      },
    );
    const digests = await timed('resolve every tag (HEAD)', client, async () =>
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
    const unpacked = await timed(
      'fetch + unpack every manifest',
      client,
      async () =>
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
    await timed('fetch every katalog.yaml blob', client, async () =>
      Promise.all(
        unpacked.map(([repository, version]) => {
          const file = version.files.find(f => f.name === 'katalog.yaml')!;
          return client.fetchBlob(repository, file, { maxBytes: 1024 * 1024 });
        }),
      ),
    );
    await timed('re-resolve every tag (unchanged)', client, async () =>
      Promise.all(
        tagged.map(([repository, tag]) => client.resolve(repository, tag)),
      ),
    );
    console.log(`total requests: ${client.requestCount}`);
  } finally {
    await rm(work, { recursive: true, force: true });
    await registry.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
