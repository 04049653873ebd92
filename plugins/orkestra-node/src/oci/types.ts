/**
 * OCI content descriptor (image-spec `descriptor.md`).
 *
 * @public
 */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
  /** Base64 of the content, for small blobs such as the empty config. */
  data?: string;
  urls?: string[];
}

/**
 * OCI image manifest (image-spec `manifest.md`).
 *
 * @public
 */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/**
 * OCI image index (image-spec `image-index.md`), also a layout's `index.json`.
 *
 * @public
 */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/**
 * A manifest as fetched: the exact bytes (digests are over these), and their parse.
 *
 * @public
 */
export interface FetchedManifest {
  /** mediaType, digest (verified against the bytes) and size of the manifest. */
  descriptor: Descriptor;
  bytes: Uint8Array;
  manifest: ImageManifest | ImageIndex;
}

/**
 * Options of the reads of an {@link OciReader}: a size cap and an abort signal.
 *
 * @public
 */
export interface ReadOptions {
  /** Refuse content larger than this many bytes (checked before and while reading). */
  maxBytes?: number;
  signal?: AbortSignal;
}

/**
 * Read access to repositories, the same for a remote registry and an OCI
 * image layout on disk. `reference` is a tag or a digest.
 *
 * @public
 */
export interface OciReader {
  /** Every repository the store can enumerate (`_catalog`, or the layout's folders). */
  listRepositories(options?: { signal?: AbortSignal }): Promise<string[]>;
  /** Every tag of a repository, following pagination to the end. */
  listTags(
    repository: string,
    options?: { signal?: AbortSignal },
  ): Promise<string[]>;
  /** Resolves a tag or digest to the manifest's descriptor without fetching it (HEAD). */
  resolve(
    repository: string,
    reference: string,
    options?: { signal?: AbortSignal },
  ): Promise<Descriptor>;
  /** Fetches a manifest; its digest is computed over the raw bytes and verified. */
  fetchManifest(
    repository: string,
    reference: string,
    options?: ReadOptions,
  ): Promise<FetchedManifest>;
  /** Fetches a blob; the declared size is checked against `maxBytes` first, the digest after. */
  fetchBlob(
    repository: string,
    descriptor: Descriptor,
    options?: ReadOptions,
  ): Promise<Uint8Array>;
}

/**
 * Write access, the same for a remote registry and an OCI image layout.
 *
 * @public
 */
export interface OciWriter {
  /**
   * Stores a blob unless the repository already has it. With `mountFrom`, a
   * registry is first asked to mount it from that repository (no upload).
   */
  pushBlob(
    repository: string,
    content: Uint8Array,
    options?: { mountFrom?: string; signal?: AbortSignal },
  ): Promise<Descriptor & { skipped: boolean; mounted: boolean }>;
  /** Stores a manifest's exact bytes, tagged when `tag` is given; returns its descriptor. */
  pushManifest(
    repository: string,
    bytes: Uint8Array,
    mediaType: string,
    options?: { tag?: string; signal?: AbortSignal },
  ): Promise<Descriptor>;
  /** Deletes a manifest by digest (every tag pointing to it goes with it). */
  deleteManifest(
    repository: string,
    digest: string,
    options?: { signal?: AbortSignal },
  ): Promise<void>;
}

/**
 * Read and write access to repositories: a remote registry or an OCI image layout on disk.
 *
 * @public
 */
export interface OciStore extends OciReader, OciWriter {}
