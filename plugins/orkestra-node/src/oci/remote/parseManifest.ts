import { OciInvalidContentError } from '../errors';
import { ImageIndex, ImageManifest } from '../types';

/**
 * Parses manifest bytes, requiring an object with `schemaVersion: 2`.
 *
 * @public
 */
export function parseManifest(
  bytes: Uint8Array,
  what: string,
): ImageManifest | ImageIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OciInvalidContentError(`${what} is not JSON`);
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    (parsed as { schemaVersion?: unknown }).schemaVersion !== 2
  ) {
    throw new OciInvalidContentError(
      `${what} is not a schemaVersion 2 manifest`,
    );
  }
  const value = parsed as ImageManifest & ImageIndex;
  if (!Array.isArray(value.layers) && !Array.isArray(value.manifests)) {
    throw new OciInvalidContentError(
      `${what} has neither layers nor manifests`,
    );
  }
  return value;
}
