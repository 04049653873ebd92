import {
  Deprecation,
  PatternKind,
} from '@orkspace/backstage-plugin-orkestra-common';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePatternMeta } from './models/patternMeta';
import { PatternValidationError } from './PatternValidationError';

/**
 * Files `ork push` packs from the root of a Katalog directory, in layer order.
 * Anything else in the directory is ignored, as `ork` does.
 *
 * @public
 */
export const KATALOG_FILES = [
  'katalog.yaml',
  'komposer.yaml',
  'crd.yaml',
  'README.md',
  'cr.yaml',
  'e2e.yaml',
  'simulate.yaml',
  'intent.yaml',
  'intent.json',
  'go.mod',
  'go.sum',
  'Makefile',
] as const;

/**
 * Files packed for a Motif. `ork` also lists an `example/` directory but then
 * reads it as a file, which fails; we leave it out (spec §1.3, OPEN 6).
 *
 * @public
 */
export const MOTIF_FILES = ['motif.yaml', 'README.md'] as const;

/**
 * A primary YAML file larger than this is refused before parsing.
 *
 * @public
 */
export const MAX_PRIMARY_FILE_BYTES = 1024 * 1024;

/**
 * What `LoadPatternMeta` in `ork` reads from the primary file.
 *
 * @public
 */
export interface PatternMeta {
  kind: PatternKind;
  name: string;
  /** `metadata.version`, or `latest` when the file has none. */
  version: string;
  /** `metadata.description`, or `Pattern <name>` / `Motif <name>`. */
  description: string;
  author?: string;
  license?: string;
  /**
   * `metadata.tags`. `null` when the file has no `tags` key or `tags:` is
   * null: yaml.v3 leaves ork's `[]string` nil then, and the index says
   * `"tags":null`; `tags: []` is an empty list, `"tags":[]` in the index.
   */
  tags: string[] | null;
  /** Top-level `lifecycle.deprecation`, when present. */
  deprecation?: Deprecation;
}

/**
 * One allow-listed file of a pattern folder.
 *
 * @public
 */
export interface PatternFile {
  name: string;
  path: string;
  size: number;
}

/**
 * A pattern folder as {@link readPatternDirectory} reads it: its metadata and the files `ork push` would layer.
 *
 * @public
 */
export interface PatternDirectory {
  dir: string;
  meta: PatternMeta;
  /** The allow-listed files present, in the order `ork push` layers them. */
  files: PatternFile[];
}

// Its own module, so that the YAML models can throw it without importing this one.
export { PatternValidationError } from './PatternValidationError';

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a pattern directory the way `ork push` does before packing it:
 * detects the kind (`katalog.yaml` with `kind: Katalog` wins over
 * `motif.yaml` with `kind: Motif`), reads the metadata, and lists the
 * allow-listed files present in the root.
 *
 * @public
 */
export async function readPatternDirectory(
  dir: string,
): Promise<PatternDirectory> {
  const candidates: Array<[PatternKind, string, readonly string[]]> = [
    ['Katalog', 'katalog.yaml', KATALOG_FILES],
    ['Motif', 'motif.yaml', MOTIF_FILES],
  ];
  const seenKinds: string[] = [];
  for (const [kind, fileName, allowList] of candidates) {
    const path = join(dir, fileName);
    const size = await fileSize(path);
    if (size === undefined) continue;
    if (size > MAX_PRIMARY_FILE_BYTES) {
      throw new PatternValidationError(
        `${fileName} is ${size} bytes; the limit is ${MAX_PRIMARY_FILE_BYTES}`,
      );
    }
    // Metadata as ork's LoadPatternMeta reads it with yaml.v3 (Go strings keep the scalar's text).
    const { kind: found, meta } = parsePatternMeta(
      await readFile(path, 'utf8'),
      fileName,
      kind,
      { maxBytes: MAX_PRIMARY_FILE_BYTES },
    );
    if (!meta) {
      seenKinds.push(`${fileName} has kind ${JSON.stringify(found)}`);
      continue;
    }
    const files: PatternFile[] = [];
    for (const name of allowList) {
      const filePath = join(dir, name);
      const fileBytes = await fileSize(filePath);
      if (fileBytes !== undefined)
        files.push({ name, path: filePath, size: fileBytes });
    }
    return { dir, meta, files };
  }
  throw new PatternValidationError(
    seenKinds.length > 0
      ? `Not a pattern directory: ${seenKinds.join(
          '; ',
        )} (expected katalog.yaml with kind: Katalog or motif.yaml with kind: Motif)`
      : 'Not a pattern directory: no katalog.yaml or motif.yaml in its root',
  );
}

/**
 * `ork push <name>:<tag>` refuses a tag that differs from `metadata.version`
 * (unless forced). Returns the problem, or undefined when they agree.
 *
 * @public
 */
export function checkTagMatchesVersion(
  meta: PatternMeta,
  tag: string,
): string | undefined {
  return tag === meta.version
    ? undefined
    : `tag "${tag}" does not match metadata.version "${meta.version}" in the ${
        meta.kind === 'Katalog' ? 'katalog' : 'motif'
      }.yaml`;
}
