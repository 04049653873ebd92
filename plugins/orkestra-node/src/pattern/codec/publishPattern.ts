import { MediaTypes } from '@orkspace/backstage-plugin-orkestra-common';
import { Descriptor, OciWriter } from '../../oci/types';
import { PackedPattern } from './packPattern';

/**
 * Pushes a packed pattern: every blob the repository lacks (config first,
 * then layers), then the manifest under `tag`. Tags are mutable, as with
 * `ork push`: re-pushing moves the tag, the old manifest stays reachable by digest.
 *
 * @public
 */
export async function publishPattern(
  store: OciWriter,
  target: { repository: string; tag: string },
  packed: PackedPattern,
  options: { signal?: AbortSignal } = {},
): Promise<Descriptor> {
  for (const content of packed.blobs.values()) {
    await store.pushBlob(target.repository, content, {
      signal: options.signal,
    });
  }
  return store.pushManifest(
    target.repository,
    packed.manifestBytes,
    MediaTypes.ociManifest,
    {
      tag: target.tag,
      signal: options.signal,
    },
  );
}
