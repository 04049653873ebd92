import {
  Annotations,
  decodePatternAnnotations,
  PatternKind,
  PatternSignals,
  TEXT_LIMITS,
  truncateUtf8,
  VersionProblem,
  withoutNul,
} from '@orkspace/backstage-plugin-orkestra-common';
import { isDigest } from '../../oci/digest';
import { OciInvalidContentError } from '../../oci/errors';
import { Descriptor, FetchedManifest, ImageManifest } from '../../oci/types';
import { kindOfConfigMediaType } from './fileMediaTypes';

/**
 * One file of a pattern version: a titled layer.
 *
 * @public
 */
export interface PatternFileEntry {
  name: string;
  mediaType: string;
  digest: string;
  size: number;
}

/**
 * A pattern version as read from its manifest, decoded with `ork inspect`'s rules.
 *
 * @public
 */
export interface UnpackedPattern {
  kind: PatternKind;
  /** The manifest's own descriptor (digest over its raw bytes). */
  manifest: Descriptor;
  configMediaType: string;
  signals: PatternSignals;
  /**
   * Titled layers, in manifest order; untitled layers are not files. The
   * first layer of each title wins, and at most
   * {@link UNPACK_LIMITS.files} are kept.
   */
  files: PatternFileEntry[];
  /** What unpacking had to cut or drop (long annotations, duplicate or excess files). */
  problems: VersionProblem[];
}

/**
 * Caps on what one manifest may put into the portal.
 *
 * @public
 */
export const UNPACK_LIMITS = {
  files: 1000,
  fileNameChars: 255,
  mediaTypeChars: 255,
  annotationBytes: TEXT_LIMITS.annotationBytes,
} as const;

/**
 * The manifest is not an Orkestra pattern (another artifact or an image).
 *
 * @public
 */
export class NotAPatternError extends OciInvalidContentError {
  constructor(message: string) {
    super(message);
    this.name = 'NotAPatternError';
  }
}

/**
 * Turns a fetched manifest into a typed pattern version. The kind comes from
 * the config media type `ork` writes, or from the kind annotation when another
 * tool packed it; anything else is refused with NotAPatternError.
 *
 * @public
 */
export function unpackPattern(
  fetched: FetchedManifest,
  what = 'manifest',
): UnpackedPattern {
  const manifest = fetched.manifest as Partial<ImageManifest>;
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new NotAPatternError(`${what} is an index, not a pattern manifest`);
  }
  const annotations = stringRecord(manifest.annotations);
  const configMediaType =
    typeof manifest.config.mediaType === 'string'
      ? manifest.config.mediaType
      : '';
  const annotatedKind = annotations[Annotations.kind];
  const kind =
    kindOfConfigMediaType(configMediaType) ??
    (annotatedKind === 'Katalog' || annotatedKind === 'Motif'
      ? annotatedKind
      : undefined);
  if (!kind) {
    throw new NotAPatternError(
      `${what} is not an Orkestra pattern (config media type ${JSON.stringify(
        configMediaType,
      )})`,
    );
  }

  const problems: VersionProblem[] = [];
  const { kept, truncated } = capAnnotations(annotations);
  if (truncated.length) {
    problems.push({
      message: `annotations longer than ${
        UNPACK_LIMITS.annotationBytes
      } bytes were truncated: ${truncated.join(', ')}`,
    });
  }
  return {
    kind,
    manifest: fetched.descriptor,
    configMediaType,
    signals: decodePatternAnnotations(kept),
    files: filesOf(manifest.layers, problems),
    problems,
  };
}

function capAnnotations(annotations: Record<string, string>): {
  kept: Record<string, string>;
  truncated: string[];
} {
  const kept: Record<string, string> = {};
  const truncated: string[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    // NUL has no place in text, and PostgreSQL refuses it.
    const cut = truncateUtf8(withoutNul(value), UNPACK_LIMITS.annotationBytes);
    kept[key] = cut.text;
    if (cut.truncated) truncated.push(truncateUtf8(key, 200).text);
  }
  return { kept, truncated: truncated.slice(0, 20) };
}

/** The titled layers as files: first of each name, valid digests and sizes, capped. */
function filesOf(layers: unknown[], problems: VersionProblem[]) {
  const files: PatternFileEntry[] = [];
  const names = new Set<string>();
  let duplicates = 0;
  let invalid = 0;
  let excess = 0;
  for (const layer of layers as Array<Partial<Descriptor> | null>) {
    const title = stringRecord(layer?.annotations)[Annotations.title];
    const name = title && withoutNul(title);
    if (!name || !layer) continue;
    if (
      typeof layer.digest !== 'string' ||
      !isDigest(layer.digest) ||
      typeof layer.size !== 'number' ||
      !Number.isSafeInteger(layer.size) ||
      layer.size < 0 ||
      name.length > UNPACK_LIMITS.fileNameChars
    ) {
      invalid++;
      continue;
    }
    if (names.has(name)) {
      duplicates++;
      continue;
    }
    if (files.length >= UNPACK_LIMITS.files) {
      excess++;
      continue;
    }
    names.add(name);
    files.push({
      name,
      mediaType: withoutNul(String(layer.mediaType ?? '')).slice(
        0,
        UNPACK_LIMITS.mediaTypeChars,
      ),
      digest: layer.digest,
      size: layer.size,
    });
  }
  if (duplicates) {
    problems.push({
      message: `${duplicates} layers repeat the title of an earlier layer; the first layer of each title is the file`,
    });
  }
  if (invalid) {
    problems.push({
      message: `${invalid} titled layers were ignored: an invalid digest or size, or a title longer than ${UNPACK_LIMITS.fileNameChars} characters`,
    });
  }
  if (excess) {
    problems.push({
      message: `the manifest lists more than ${UNPACK_LIMITS.files} files; the first ${UNPACK_LIMITS.files} are kept, ${excess} are not`,
    });
  }
  return files;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const record: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') record[key] = entry;
  }
  return record;
}
