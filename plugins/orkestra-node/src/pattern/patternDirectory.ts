import {
  Deprecation,
  PatternKind,
} from '@internal/backstage-plugin-orkestra-common';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/**
 * Files `ork push` packs from the root of a Katalog directory, in layer order.
 * Anything else in the directory is ignored, as `ork` does.
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
 */
export const MOTIF_FILES = ['motif.yaml', 'README.md'] as const;

/** A primary YAML file larger than this is refused before parsing. */
export const MAX_PRIMARY_FILE_BYTES = 1024 * 1024;

/** What `LoadPatternMeta` in `ork` reads from the primary file. */
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

export interface PatternFile {
  name: string;
  path: string;
  size: number;
}

export interface PatternDirectory {
  dir: string;
  meta: PatternMeta;
  /** The allow-listed files present, in the order `ork push` layers them. */
  files: PatternFile[];
}

/** A pattern directory that `ork push` would refuse, with the reason. */
export class PatternValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternValidationError';
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function parsePrimary(
  path: string,
  fileName: string,
): Promise<Record<string, unknown>> {
  const size = await fileSize(path);
  if (size !== undefined && size > MAX_PRIMARY_FILE_BYTES) {
    throw new PatternValidationError(
      `${fileName} is ${size} bytes; the limit is ${MAX_PRIMARY_FILE_BYTES}`,
    );
  }
  const document = parseDocument(await readFile(path, 'utf8'), {
    prettyErrors: true,
  });
  if (document.errors.length > 0) {
    throw new PatternValidationError(
      `${fileName} is not valid YAML: ${document.errors[0].message}`,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb, for one: name the file, as every other YAML error does.
    throw new PatternValidationError(
      `${fileName} could not be read: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PatternValidationError(`${fileName} must be a YAML mapping`);
  }
  return value as Record<string, unknown>;
}

function optionalString(
  value: unknown,
  field: string,
  fileName: string,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new PatternValidationError(`${fileName}: ${field} must be a string`);
}

function readDeprecation(
  doc: Record<string, unknown>,
  fileName: string,
): Deprecation | undefined {
  const lifecycle = doc.lifecycle as Record<string, unknown> | undefined;
  const block = lifecycle?.deprecation;
  if (block === undefined || block === null) return undefined;
  if (typeof block !== 'object' || Array.isArray(block)) {
    throw new PatternValidationError(
      `${fileName}: lifecycle.deprecation must be a mapping`,
    );
  }
  const d = block as Record<string, unknown>;
  const timeline = (d.timeline ?? {}) as Record<string, unknown>;
  const deprecation: Deprecation = {};
  const migratedTo = optionalString(
    d.migratedTo,
    'lifecycle.deprecation.migratedTo',
    fileName,
  );
  if (migratedTo) deprecation.migratedTo = migratedTo;
  const message = optionalString(
    d.message,
    'lifecycle.deprecation.message',
    fileName,
  );
  if (message) deprecation.message = message;
  const from = optionalString(
    timeline.from,
    'lifecycle.deprecation.timeline.from',
    fileName,
  );
  if (from) deprecation.timelineFrom = from;
  const to = optionalString(
    timeline.to,
    'lifecycle.deprecation.timeline.to',
    fileName,
  );
  if (to) deprecation.timelineTo = to;
  return deprecation;
}

function readMeta(
  doc: Record<string, unknown>,
  kind: PatternKind,
  fileName: string,
): PatternMeta {
  const metadata = doc.metadata;
  if (
    metadata === null ||
    typeof metadata !== 'object' ||
    Array.isArray(metadata)
  ) {
    throw new PatternValidationError(`${fileName}: metadata is required`);
  }
  const m = metadata as Record<string, unknown>;
  const name = optionalString(m.name, 'metadata.name', fileName);
  if (!name)
    throw new PatternValidationError(`${fileName}: metadata.name is required`);
  const tags = m.tags ?? null;
  if (
    tags !== null &&
    (!Array.isArray(tags) || tags.some(t => typeof t !== 'string'))
  ) {
    throw new PatternValidationError(
      `${fileName}: metadata.tags must be a list of strings`,
    );
  }
  const meta: PatternMeta = {
    kind,
    name,
    version:
      optionalString(m.version, 'metadata.version', fileName) ?? 'latest',
    description:
      optionalString(m.description, 'metadata.description', fileName) ??
      `${kind === 'Katalog' ? 'Pattern' : 'Motif'} ${name}`,
    tags: tags as string[] | null,
  };
  const author = optionalString(m.author, 'metadata.author', fileName);
  if (author) meta.author = author;
  const license = optionalString(m.license, 'metadata.license', fileName);
  if (license) meta.license = license;
  const deprecation = readDeprecation(doc, fileName);
  if (deprecation) meta.deprecation = deprecation;
  return meta;
}

/**
 * Reads a pattern directory the way `ork push` does before packing it:
 * detects the kind (`katalog.yaml` with `kind: Katalog` wins over
 * `motif.yaml` with `kind: Motif`), reads the metadata, and lists the
 * allow-listed files present in the root.
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
    if ((await fileSize(path)) === undefined) continue;
    const doc = await parsePrimary(path, fileName);
    if (doc.kind !== kind) {
      seenKinds.push(
        `${fileName} has kind ${JSON.stringify(doc.kind ?? null)}`,
      );
      continue;
    }
    const meta = readMeta(doc, kind, fileName);
    const files: PatternFile[] = [];
    for (const name of allowList) {
      const filePath = join(dir, name);
      const size = await fileSize(filePath);
      if (size !== undefined) files.push({ name, path: filePath, size });
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
