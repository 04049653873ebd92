import { MediaTypes } from '@orkspace/backstage-plugin-orkestra-common';

/**
 * Docker distribution manifest media types, accepted next to the OCI ones.
 *
 * @public
 */
export const DockerMediaTypes = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  manifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

/**
 * What a client accepts for manifests: distribution 2.8 answers 404 to an OCI manifest without it.
 *
 * @public
 */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociManifest,
  MediaTypes.ociIndex,
  DockerMediaTypes.manifest,
  DockerMediaTypes.manifestList,
].join(', ');

/**
 * Clients should handle manifests of at least 4 MiB; refuse a little above.
 *
 * @public
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024 + 64 * 1024;

/**
 * The empty JSON config blob `{}` and its descriptor (image-spec, "empty descriptor").
 *
 * @public
 */
export const EMPTY_JSON = new Uint8Array([0x7b, 0x7d]);

/**
 * The sha256 digest of {@link EMPTY_JSON}.
 *
 * @public
 */
export const EMPTY_JSON_DIGEST =
  'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

/**
 * Default cap for a blob read when the caller gives none. Pattern files are small.
 *
 * @public
 */
export const DEFAULT_MAX_BLOB_BYTES = 16 * 1024 * 1024;
