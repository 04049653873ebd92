import {
  OciLayoutStore,
  packPattern,
  publishPattern,
  readPatternDirectory,
} from '@orkspace/backstage-plugin-orkestra-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';

/*
 * The API benchmarks' registry: an OCI image layout under `work` with N
 * Katalogs `bench/katalogs/api-<p>`, two versions each (v1.0.0, v1.1.0),
 * packed by the codec as `ork push` packs them, authored by seven teams.
 */

async function writePattern(dir: string, p: number, v: number) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'katalog.yaml'),
    [
      'apiVersion: orkestra.orkspace.io/v1',
      'kind: Katalog',
      'metadata:',
      `  name: api-${p}`,
      `  version: v1.${v}.0`,
      `  description: Benchmark Katalog ${p}`,
      `  author: team-${p % 7}`,
      '  tags: [bench]',
      'lifecycle: { maturity: stable }',
      '',
    ].join('\n'),
  );
}

/** Seeds the layout; returns its folder. */
export async function seedLayout(
  work: string,
  patterns: number,
): Promise<string> {
  const root = join(work, 'registry');
  const layout = await OciLayoutStore.open(root, { create: true });
  const limit = pLimit(8);
  await Promise.all(
    Array.from({ length: patterns }, (_, p) =>
      limit(async () => {
        for (let v = 0; v < 2; v++) {
          const dir = join(work, 'src', `p${p}`, `v${v}`);
          await writePattern(dir, p, v);
          await publishPattern(
            layout,
            { repository: `bench/katalogs/api-${p}`, tag: `v1.${v}.0` },
            await packPattern(await readPatternDirectory(dir), {
              created: new Date(Date.UTC(2026, 0, 1 + v)),
            }),
          );
        }
      }),
    ),
  );
  return root;
}
