/**
 * The registry bench:sync reads: N patterns × M versions packed by the codec,
 * every tenth a Motif, and the `<namespace>/index:latest` of each namespace
 * as `ork push` leaves it after those pushes: one entry per pattern, at its
 * latest version.
 */
import { MediaTypes } from '@orkspace/backstage-plugin-orkestra-common';
import {
  EMPTY_JSON,
  encodePatternIndex,
  formatRfc3339,
  goJsonStringify,
  indexEntryFor,
  indexManifest,
  indexRepository,
  INDEX_TAG,
  OciStore,
  packPattern,
  PatternIndexEntry,
  PatternMeta,
  publishPattern,
  readPatternDirectory,
  readPatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';

export const NAMESPACES = ['bench/motifs', 'bench/katalogs'] as const;

const isMotif = (p: number) => p % 10 === 0;

/** `bench/motifs/bench-0`, `bench/katalogs/bench-1`, … */
export function repositoryOf(p: number): string {
  return `${isMotif(p) ? NAMESPACES[0] : NAMESPACES[1]}/bench-${p}`;
}

/** Writes version `v1.<v>.0` of pattern `p` into `dir`. */
export async function writePattern(dir: string, p: number, v: number) {
  await mkdir(dir, { recursive: true });
  const motif = isMotif(p);
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
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'README.md'),
    `# ${name}\n\nA benchmark pattern.\n`,
  );
}

/** The index entry `ork push` (and orkestra:publish) writes for a pushed pattern. */
export function indexEntryOf(meta: PatternMeta): PatternIndexEntry {
  return indexEntryFor({
    name: meta.name,
    version: meta.version,
    description: meta.description,
    tags: meta.tags,
    author: meta.author,
    kind: meta.kind,
    deprecated: meta.deprecation !== undefined,
  });
}

/** Packs and pushes version `v` of pattern `p` under `tag`; returns its metadata. */
export async function pushVersion(
  store: OciStore,
  work: string,
  p: number,
  v: number,
  created: Date,
): Promise<PatternMeta> {
  const dir = join(work, `p${p}`, `v${v}`);
  await writePattern(dir, p, v);
  const pattern = await readPatternDirectory(dir);
  await publishPattern(
    store,
    { repository: repositoryOf(p), tag: pattern.meta.version },
    await packPattern(pattern, { created }),
  );
  await rm(dir, { recursive: true, force: true });
  return pattern.meta;
}

/** Pushes every version of every pattern, `concurrency` patterns at a time. */
export async function seedVersions(
  store: OciStore,
  work: string,
  size: { patterns: number; versions: number; concurrency: number },
): Promise<void> {
  const limit = pLimit(size.concurrency);
  await Promise.all(
    Array.from({ length: size.patterns }, (_, p) =>
      limit(async () => {
        for (let v = 0; v < size.versions; v++)
          await pushVersion(
            store,
            work,
            p,
            v,
            new Date(Date.UTC(2026, 0, 1 + v, 0, 0, p % 60)),
          );
      }),
    ),
  );
}

/** Per namespace, the entries `ork push` leaves after pushing every pattern in order, each at its latest version. */
export async function seededIndexEntries(
  work: string,
  size: { patterns: number; versions: number },
): Promise<Map<string, PatternIndexEntry[]>> {
  const entries = new Map<string, PatternIndexEntry[]>(
    NAMESPACES.map(n => [n, []]),
  );
  for (let p = 0; p < size.patterns; p++) {
    const dir = join(work, 'index', `p${p}`);
    await writePattern(dir, p, size.versions - 1);
    const { meta } = await readPatternDirectory(dir);
    entries
      .get(repositoryOf(p).replace(/\/[^/]+$/, ''))!
      .push(indexEntryOf(meta));
  }
  await rm(join(work, 'index'), { recursive: true, force: true });
  return entries;
}

/** Writes `<namespace>/index:latest` with `entries`, as ork's updateIndex writes it (Go JSON, oras manifest). */
async function writeIndex(
  store: OciStore,
  namespace: string,
  entries: PatternIndexEntry[],
): Promise<void> {
  const now = new Date();
  const blob = encodePatternIndex({ updatedAt: formatRfc3339(now), entries });
  const repository = indexRepository(namespace);
  await store.pushBlob(repository, EMPTY_JSON);
  await store.pushBlob(repository, blob);
  await store.pushManifest(
    repository,
    new TextEncoder().encode(goJsonStringify(indexManifest(blob, now))),
    MediaTypes.ociManifest,
    { tag: INDEX_TAG },
  );
}

/**
 * Makes every namespace's index hold exactly `entries` (a cached registry
 * may hold an older seed's index, or one a crashed run left changed);
 * returns the namespaces rewritten.
 */
export async function ensureIndexes(
  store: OciStore,
  entries: Map<string, PatternIndexEntry[]>,
): Promise<string[]> {
  const rewritten: string[] = [];
  const encoded = (list: PatternIndexEntry[]) =>
    new TextDecoder().decode(
      encodePatternIndex({ updatedAt: '', entries: list }),
    );
  for (const [namespace, wanted] of entries) {
    const current = await readPatternIndex(store, namespace);
    if (current && encoded(current.index.entries) === encoded(wanted)) continue;
    await writeIndex(store, namespace, wanted);
    rewritten.push(namespace);
  }
  return rewritten;
}
