import { MediaTypes } from '@orkspace/backstage-plugin-orkestra-common';
import { parseDigest } from '../digest';
import { OciInvalidContentError } from '../errors';
import { DockerMediaTypes } from '../mediaTypes';
import { Descriptor, ImageIndex, ImageManifest } from '../types';

/** The annotation that names a tag on a layout's `index.json` entries. */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

/** The only `imageLayoutVersion` this store reads and writes. */
export const IMAGE_LAYOUT_VERSION = '1.0.0';

/** True for media types whose content is itself a list of manifests. */
export function isIndexMediaType(mediaType: string | undefined): boolean {
  return (
    mediaType === MediaTypes.ociIndex ||
    mediaType === DockerMediaTypes.manifestList
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON bytes, turning a syntax error into OciInvalidContentError. */
export function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new OciInvalidContentError(`${what} is not valid JSON`);
  }
}

/** Parses a manifest or index: a JSON object with `schemaVersion: 2`. */
export function parseManifest(
  bytes: Uint8Array,
  what: string,
): ImageManifest | ImageIndex {
  const value = parseJson(bytes, what);
  if (!isObject(value) || value.schemaVersion !== 2) {
    throw new OciInvalidContentError(
      `${what} is not an OCI manifest (schemaVersion 2 object)`,
    );
  }
  return value as unknown as ImageManifest | ImageIndex;
}

/**
 * Validates one descriptor of an index. The digest must parse, because it is
 * later turned into a blob path: `sha256:../../etc/passwd` fails here.
 */
function validateDescriptor(value: unknown, what: string): Descriptor {
  if (!isObject(value))
    throw new OciInvalidContentError(`${what}: descriptor is not an object`);
  const { mediaType, digest, size, annotations } = value;
  if (typeof mediaType !== 'string') {
    throw new OciInvalidContentError(`${what}: descriptor has no mediaType`);
  }
  if (typeof digest !== 'string')
    throw new OciInvalidContentError(`${what}: descriptor has no digest`);
  try {
    parseDigest(digest);
  } catch {
    throw new OciInvalidContentError(
      `${what}: invalid digest ${JSON.stringify(digest.slice(0, 200))}`,
    );
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new OciInvalidContentError(
      `${what}: descriptor ${digest} has an invalid size`,
    );
  }
  if (annotations !== undefined && !isStringRecord(annotations)) {
    throw new OciInvalidContentError(
      `${what}: descriptor ${digest} has invalid annotations`,
    );
  }
  return value as unknown as Descriptor;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    isObject(value) && Object.values(value).every(v => typeof v === 'string')
  );
}

/**
 * Parses an image index (a layout's `index.json`, or a nested index blob)
 * and validates every entry's descriptor. Unknown fields are kept.
 */
export function parseIndex(bytes: Uint8Array, what: string): ImageIndex {
  const value = parseJson(bytes, what);
  if (
    !isObject(value) ||
    value.schemaVersion !== 2 ||
    !Array.isArray(value.manifests)
  ) {
    throw new OciInvalidContentError(`${what} is not an image index`);
  }
  value.manifests.forEach((entry, i) =>
    validateDescriptor(entry, `${what} manifests[${i}]`),
  );
  return value as unknown as ImageIndex;
}

/** Checks the `oci-layout` marker file. */
export function checkLayoutMarker(bytes: Uint8Array, what: string): void {
  const value = parseJson(bytes, what);
  if (!isObject(value) || value.imageLayoutVersion !== IMAGE_LAYOUT_VERSION) {
    throw new OciInvalidContentError(
      `${what} must be {"imageLayoutVersion":"${IMAGE_LAYOUT_VERSION}"}`,
    );
  }
}

/** A new, empty layout `index.json`. */
export function emptyIndex(): ImageIndex {
  return { schemaVersion: 2, mediaType: MediaTypes.ociIndex, manifests: [] };
}

/** The JSON bytes of a value, as written to `oci-layout` and `index.json`. */
export function jsonBytes(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
}
