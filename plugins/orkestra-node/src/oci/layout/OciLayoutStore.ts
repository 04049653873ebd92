import { digestOf } from '../digest';
import {
  OciContentTooLargeError,
  OciInvalidContentError,
  OciNotFoundError,
} from '../errors';
import { DEFAULT_MAX_BLOB_BYTES, MAX_MANIFEST_BYTES } from '../mediaTypes';
import {
  Descriptor,
  FetchedManifest,
  ImageIndex,
  OciStore,
  ReadOptions,
} from '../types';
import { ConfinedFs } from './confinedFs';
import { findLayouts } from './findLayouts';
import {
  addEntry,
  collectEntries,
  LayoutEntries,
  manifestMediaType,
} from './indexEntries';
import { parseIndex, parseManifest } from './layoutJson';
import {
  parseReference,
  validateRepository,
  validateTag,
  validDigest,
} from './names';
import { RepositoryLayouts } from './repositoryLayouts';

/**
 * Options of {@link OciLayoutStore.open}.
 *
 * @public
 */
export interface OciLayoutStoreOptions {
  /** Create the root folder when it does not exist (otherwise OciNotFoundError). */
  create?: boolean;
}

/** Blobs carry no media type of their own on disk. */
const BLOB_MEDIA_TYPE = 'application/octet-stream';

function checkAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

/**
 * An {@link OciStore} over a folder of OCI image layouts, one per repository:
 * repository `orkestra/katalogs/postgres` is the layout in
 * `<root>/orkestra/katalogs/postgres/` (`oci-layout`, `index.json`,
 * `blobs/<alg>/<hex>`), as written by `skopeo copy … oci:<root>/<repo>:<tag>`.
 *
 * Tags are the `org.opencontainers.image.ref.name` annotations of `index.json`
 * entries (nested indexes are followed). Names, tags and digests are validated
 * before they become paths, and no path may resolve outside the root.
 * Writes are atomic per file; concurrent writers in other processes are not
 * coordinated.
 *
 * @public
 */
export class OciLayoutStore implements OciStore {
  private readonly layouts: RepositoryLayouts;

  private constructor(fs: ConfinedFs) {
    this.layouts = new RepositoryLayouts(fs);
  }

  /** Opens the layout root `root` (created first with `create: true`). */
  static async open(
    root: string,
    options: OciLayoutStoreOptions = {},
  ): Promise<OciLayoutStore> {
    return new OciLayoutStore(
      await ConfinedFs.open(root, options.create ?? false),
    );
  }

  /** The layout root, with symlinks resolved. */
  get root(): string {
    return this.layouts.fs.root;
  }

  async listRepositories(
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    return findLayouts(this.root, options.signal);
  }

  async listTags(
    repository: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    checkAborted(options.signal);
    const { tags } = await this.entries(
      repository,
      await this.layouts.loadIndex(repository),
    );
    return [...tags.keys()].sort();
  }

  async resolve(
    repository: string,
    reference: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Descriptor> {
    checkAborted(options.signal);
    return (await this.locate(repository, reference, MAX_MANIFEST_BYTES))
      .descriptor;
  }

  async fetchManifest(
    repository: string,
    reference: string,
    options: ReadOptions = {},
  ): Promise<FetchedManifest> {
    checkAborted(options.signal);
    const maxBytes = options.maxBytes ?? MAX_MANIFEST_BYTES;
    const located = await this.locate(repository, reference, maxBytes);
    const { descriptor } = located;
    const what = `manifest ${descriptor.digest} of ${repository}`;
    const bytes =
      located.bytes ??
      (await this.layouts.readBlob(repository, descriptor, maxBytes, what));
    return { descriptor, bytes, manifest: parseManifest(bytes, what) };
  }

  async fetchBlob(
    repository: string,
    descriptor: Descriptor,
    options: ReadOptions = {},
  ): Promise<Uint8Array> {
    checkAborted(options.signal);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES;
    return this.layouts.readBlob(
      repository,
      descriptor,
      maxBytes,
      `blob ${descriptor.digest} of ${repository}`,
    );
  }

  async pushBlob(
    repository: string,
    content: Uint8Array,
    options: { mountFrom?: string; signal?: AbortSignal } = {},
  ): Promise<Descriptor & { skipped: boolean; mounted: boolean }> {
    checkAborted(options.signal);
    if (options.mountFrom !== undefined) validateRepository(options.mountFrom);
    await this.layouts.ensureLayout(repository);
    const descriptor = {
      mediaType: BLOB_MEDIA_TYPE,
      digest: digestOf(content),
      size: content.length,
    };
    if (
      await this.layouts.hasBlob(repository, descriptor.digest, content.length)
    ) {
      return { ...descriptor, skipped: true, mounted: false };
    }
    const mounted =
      options.mountFrom !== undefined &&
      (await this.layouts.hasBlob(
        options.mountFrom,
        descriptor.digest,
        content.length,
      ));
    // A "mount" writes the caller's bytes, which are known to hash right,
    // rather than copying a file of another layout that may be corrupt.
    await this.layouts.writeBlob(repository, descriptor.digest, content);
    return { ...descriptor, skipped: false, mounted };
  }

  async pushManifest(
    repository: string,
    bytes: Uint8Array,
    mediaType: string,
    options: { tag?: string; signal?: AbortSignal } = {},
  ): Promise<Descriptor> {
    checkAborted(options.signal);
    validateRepository(repository);
    const { tag } = options;
    if (tag !== undefined) validateTag(tag);
    const what = `manifest for ${repository}${tag ? `:${tag}` : ''}`;
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new OciContentTooLargeError(what, MAX_MANIFEST_BYTES, bytes.length);
    }
    const manifest = parseManifest(bytes, what);
    if (manifest.mediaType !== undefined && manifest.mediaType !== mediaType) {
      throw new OciInvalidContentError(
        `${what} declares mediaType ${manifest.mediaType} but was pushed as ${mediaType}`,
      );
    }
    await this.pushBlob(repository, bytes);
    const descriptor: Descriptor = {
      mediaType,
      digest: digestOf(bytes),
      size: bytes.length,
    };
    await this.layouts.updateIndex(
      repository,
      tag ?? descriptor.digest,
      manifests => addEntry(manifests, descriptor, tag),
    );
    return descriptor;
  }

  async deleteManifest(
    repository: string,
    digest: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    checkAborted(options.signal);
    validateRepository(repository);
    validDigest(digest);
    await this.layouts.updateIndex(repository, digest, manifests => {
      const kept = manifests.filter(entry => entry.digest !== digest);
      if (kept.length === manifests.length) {
        throw new OciNotFoundError(
          `Manifest ${digest} not found in repository ${repository}`,
        );
      }
      return kept;
    });
  }

  /**
   * Finds the descriptor a tag or digest names. A digest not listed in any
   * index is looked up as a blob, whose bytes are then returned as well.
   */
  private async locate(
    repository: string,
    reference: string,
    maxBytes: number,
  ): Promise<{ descriptor: Descriptor; bytes?: Uint8Array }> {
    const parsed = parseReference(reference);
    const { tags, descriptors } = await this.entries(
      repository,
      await this.layouts.loadIndex(repository, reference),
    );
    const listed =
      'tag' in parsed
        ? tags.get(parsed.tag)
        : descriptors.find(entry => entry.digest === parsed.digest);
    if (listed) return { descriptor: { ...listed } };
    if ('digest' in parsed) {
      const found = await this.locateBlob(repository, parsed.digest, maxBytes);
      if (found) return found;
    }
    throw new OciNotFoundError(
      `Manifest ${reference} not found in repository ${repository}`,
    );
  }

  /** A manifest stored as a blob but not listed in `index.json`: its media type is in its JSON. */
  private async locateBlob(
    repository: string,
    digest: string,
    maxBytes: number,
  ): Promise<{ descriptor: Descriptor; bytes: Uint8Array } | undefined> {
    const size = await this.layouts.blobSize(repository, digest);
    if (size === undefined) return undefined;
    const what = `manifest ${digest} of ${repository}`;
    const bytes = await this.layouts.readBlob(
      repository,
      { mediaType: BLOB_MEDIA_TYPE, digest, size },
      maxBytes,
      what,
    );
    const mediaType = manifestMediaType(parseManifest(bytes, what), what);
    return { descriptor: { mediaType, digest, size }, bytes };
  }

  /** The tags and descriptors of `index` and of the nested indexes it lists. */
  private entries(
    repository: string,
    index: ImageIndex,
  ): Promise<LayoutEntries> {
    return collectEntries(index, entry =>
      this.nestedEntries(repository, entry),
    );
  }

  /** The entries of a nested index; a nested index whose blob is absent is skipped. */
  private async nestedEntries(
    repository: string,
    entry: Descriptor,
  ): Promise<Descriptor[]> {
    const what = `index ${entry.digest} of ${repository}`;
    try {
      const bytes = await this.layouts.readBlob(
        repository,
        entry,
        MAX_MANIFEST_BYTES,
        what,
      );
      return parseIndex(bytes, what).manifests;
    } catch (error) {
      if (error instanceof OciNotFoundError) return [];
      throw error;
    }
  }
}
