import {
  Annotations,
  decodePatternAnnotations,
  PatternKind,
  PatternSignals,
} from '@internal/backstage-plugin-orkestra-common';
import { OciInvalidContentError } from '../../oci/errors';
import { Descriptor, FetchedManifest, ImageManifest } from '../../oci/types';
import { kindOfConfigMediaType } from './fileMediaTypes';

/** One file of a pattern version: a titled layer. */
export interface PatternFileEntry {
  name: string;
  mediaType: string;
  digest: string;
  size: number;
}

/** A pattern version as read from its manifest, decoded with `ork inspect`'s rules. */
export interface UnpackedPattern {
  kind: PatternKind;
  /** The manifest's own descriptor (digest over its raw bytes). */
  manifest: Descriptor;
  configMediaType: string;
  signals: PatternSignals;
  /** Titled layers, in manifest order; untitled layers are not files. */
  files: PatternFileEntry[];
}

/** The manifest is not an Orkestra pattern (another artifact or an image). */
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

  const files: PatternFileEntry[] = [];
  for (const layer of manifest.layers) {
    const name = stringRecord(layer?.annotations)[Annotations.title];
    if (
      !name ||
      typeof layer.digest !== 'string' ||
      typeof layer.size !== 'number'
    )
      continue;
    files.push({
      name,
      mediaType: String(layer.mediaType ?? ''),
      digest: layer.digest,
      size: layer.size,
    });
  }

  return {
    kind,
    manifest: fetched.descriptor,
    configMediaType,
    signals: decodePatternAnnotations(annotations),
    files,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const record: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') record[key] = entry;
  }
  return record;
}
