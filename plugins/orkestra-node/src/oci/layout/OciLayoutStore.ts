import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isValidRepositoryName,
  isValidTag,
  MediaTypes,
} from '@orkspace/backstage-plugin-orkestra-common';
import { digestOf, parseDigest } from '../digest';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciInvalidContentError,
  OciNotFoundError,
} from '../errors';
import { DEFAULT_MAX_BLOB_BYTES, MAX_MANIFEST_BYTES } from '../mediaTypes';
import {
  Descriptor,
  FetchedManifest,
  ImageIndex,
  ImageManifest,
  OciStore,
  ReadOptions,
} from '../types';
import { ConfinedFs } from './confinedFs';
import {
  checkLayoutMarker,
  emptyIndex,
  IMAGE_LAYOUT_VERSION,
  isIndexMediaType,
  jsonBytes,
  parseIndex,
  parseManifest,
  REF_NAME_ANNOTATION,
} from './layoutJson';

/**
 * Options of {@link OciLayoutStore.open}.
 *
 * @public
 */
export interface OciLayoutStoreOptions {
  /** Create the root folder when it does not exist (otherwise OciNotFoundError). */
  create?: boolean;
}

/** How deep nested indexes are followed for tags and digests. */
const MAX_NESTED_INDEX_DEPTH = 4;
/** How many folders deep `listRepositories` looks for layouts. */
const MAX_REPOSITORY_DEPTH = 12;
/** `index.json` holds one entry per tag, so allow more than a single manifest. */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
/** Blobs carry no media type of their own on disk. */
const BLOB_MEDIA_TYPE = 'application/octet-stream';
/** One component of a repository name (same grammar as `isValidRepositoryName`). */
const REPOSITORY_SEGMENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;

type ParsedReference = { tag: string } | { digest: string };

/** Every manifest descriptor of a layout, with the tags that name them. */
interface LayoutEntries {
  /** Tag → descriptor; `index.json` entries win over ones found in nested indexes. */
  tags: Map<string, Descriptor>;
  /** Every descriptor of `index.json` and of nested indexes, shallowest first. */
  descriptors: Descriptor[];
}

function checkAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

function validateRepository(repository: string): void {
  if (!isValidRepositoryName(repository)) {
    throw new OciInvalidContentError(
      `Invalid repository name ${JSON.stringify(repository.slice(0, 300))}`,
    );
  }
}

function validateTag(tag: string): void {
  if (!isValidTag(tag)) {
    throw new OciInvalidContentError(
      `Invalid tag ${JSON.stringify(tag.slice(0, 200))}`,
    );
  }
}

function validDigest(digest: string): ReturnType<typeof parseDigest> {
  try {
    return parseDigest(digest);
  } catch {
    throw new OciInvalidContentError(
      `Invalid digest ${JSON.stringify(digest.slice(0, 200))}`,
    );
  }
}

/** A reference is a digest when it has a colon (tags cannot), otherwise a tag. */
function parseReference(reference: string): ParsedReference {
  if (reference.includes(':')) {
    validDigest(reference);
    return { digest: reference };
  }
  validateTag(reference);
  return { tag: reference };
}

/** The media type a manifest declares, or the one its shape implies. */
function mediaTypeOf(
  manifest: ImageManifest | ImageIndex,
  what: string,
): string {
  if (typeof manifest.mediaType === 'string') return manifest.mediaType;
  if (Array.isArray((manifest as ImageIndex).manifests))
    return MediaTypes.ociIndex;
  if ((manifest as ImageManifest).config) return MediaTypes.ociManifest;
  throw new OciInvalidContentError(`${what} declares no mediaType`);
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
  /** Per-repository queue serialising read-modify-write of `index.json`. */
  private readonly locks = new Map<string, Promise<void>>();

  private constructor(private readonly fs: ConfinedFs) {}

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
    return this.fs.root;
  }

  async listRepositories(
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    const found: string[] = [];
    await this.findLayouts(this.fs.root, [], found, options.signal);
    return found.sort();
  }

  async listTags(
    repository: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<string[]> {
    checkAborted(options.signal);
    const { tags } = await this.entries(
      repository,
      await this.loadIndex(repository),
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
      (await this.readBlob(repository, descriptor, maxBytes, what));
    return { descriptor, bytes, manifest: parseManifest(bytes, what) };
  }

  async fetchBlob(
    repository: string,
    descriptor: Descriptor,
    options: ReadOptions = {},
  ): Promise<Uint8Array> {
    checkAborted(options.signal);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BLOB_BYTES;
    return this.readBlob(
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
    await this.ensureLayout(repository);
    const descriptor = {
      mediaType: BLOB_MEDIA_TYPE,
      digest: digestOf(content),
      size: content.length,
    };
    const path = this.blobPath(repository, descriptor.digest);
    if ((await this.fs.fileSize(path)) === content.length) {
      return { ...descriptor, skipped: true, mounted: false };
    }
    const mounted =
      options.mountFrom !== undefined &&
      (await this.hasBlob(
        options.mountFrom,
        descriptor.digest,
        content.length,
      ));
    // A "mount" writes the caller's bytes, which are known to hash right,
    // rather than copying a file of another layout that may be corrupt.
    await this.fs.writeFileAtomic(path, content);
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
    await this.updateIndex(repository, tag ?? descriptor.digest, manifests =>
      addEntry(manifests, descriptor, tag),
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
    await this.updateIndex(repository, digest, manifests => {
      const kept = manifests.filter(entry => entry.digest !== digest);
      if (kept.length === manifests.length) {
        throw new OciNotFoundError(
          `Manifest ${digest} not found in repository ${repository}`,
        );
      }
      return kept;
    });
  }

  /** The folder of a repository's layout; the name is validated first. */
  private repositoryDir(repository: string): string {
    validateRepository(repository);
    return this.fs.path(...repository.split('/'));
  }

  /** `blobs/<alg>/<hex>`, built only from a parsed digest. */
  private blobPath(repository: string, digest: string): string {
    const { algorithm, hex } = validDigest(digest);
    return join(this.repositoryDir(repository), 'blobs', algorithm, hex);
  }

  private async hasBlob(
    repository: string,
    digest: string,
    size: number,
  ): Promise<boolean> {
    return (await this.fs.fileSize(this.blobPath(repository, digest))) === size;
  }

  /**
   * Reads a blob: its declared size is checked against `maxBytes` before the
   * file is touched, the file's size against the descriptor before reading,
   * and the digest after.
   */
  private async readBlob(
    repository: string,
    descriptor: Descriptor,
    maxBytes: number,
    what: string,
  ): Promise<Uint8Array> {
    const path = this.blobPath(repository, descriptor.digest);
    if (!Number.isSafeInteger(descriptor.size) || descriptor.size < 0) {
      throw new OciInvalidContentError(
        `${what}: invalid size ${descriptor.size}`,
      );
    }
    if (descriptor.size > maxBytes) {
      throw new OciContentTooLargeError(what, maxBytes, descriptor.size);
    }
    const read = await this.fs.readFile(path, what, {
      maxBytes,
      expectedSize: descriptor.size,
    });
    if (!read.found) {
      throw new OciNotFoundError(
        `Blob ${descriptor.digest} not found in repository ${repository}`,
      );
    }
    const actual = digestOf(
      read.bytes,
      validDigest(descriptor.digest).algorithm,
    );
    if (actual !== descriptor.digest)
      throw new OciDigestMismatchError(what, descriptor.digest, actual);
    return read.bytes;
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
      await this.loadIndex(repository, reference),
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
    const size = await this.fs.fileSize(this.blobPath(repository, digest));
    if (size === undefined) return undefined;
    const what = `manifest ${digest} of ${repository}`;
    const bytes = await this.readBlob(
      repository,
      { mediaType: BLOB_MEDIA_TYPE, digest, size },
      maxBytes,
      what,
    );
    const mediaType = mediaTypeOf(parseManifest(bytes, what), what);
    return { descriptor: { mediaType, digest, size }, bytes };
  }

  /** Loads `index.json` of a repository's layout after checking its `oci-layout`. */
  private async loadIndex(
    repository: string,
    reference?: string,
  ): Promise<ImageIndex> {
    const dir = this.repositoryDir(repository);
    const marker = await this.fs.readFile(
      join(dir, 'oci-layout'),
      `oci-layout of ${repository}`,
      {
        maxBytes: 4096,
      },
    );
    if (!marker.found)
      throw new OciNotFoundError(
        `Repository ${repository} not found in OCI layout ${this.root}${
          reference === undefined ? '' : ` (looking up ${reference})`
        }`,
      );
    checkLayoutMarker(marker.bytes, `oci-layout of ${repository}`);
    const what = `index.json of ${repository}`;
    const index = await this.fs.readFile(join(dir, 'index.json'), what, {
      maxBytes: MAX_INDEX_BYTES,
    });
    if (!index.found) throw new OciInvalidContentError(`${what} is missing`);
    return parseIndex(index.bytes, what);
  }

  /**
   * Collects tags and descriptors breadth first, following nested indexes up
   * to a fixed depth (content addressing rules out cycles, not deep chains).
   */
  private async entries(
    repository: string,
    index: ImageIndex,
  ): Promise<LayoutEntries> {
    const tags = new Map<string, Descriptor>();
    const descriptors: Descriptor[] = [];
    let level = index.manifests;
    for (
      let depth = 0;
      depth <= MAX_NESTED_INDEX_DEPTH && level.length > 0;
      depth++
    ) {
      const levelTags = new Map<string, Descriptor>();
      const next: Descriptor[] = [];
      for (const entry of level) {
        descriptors.push(entry);
        const tag = entry.annotations?.[REF_NAME_ANNOTATION];
        if (tag !== undefined && isValidTag(tag)) levelTags.set(tag, entry);
        if (
          isIndexMediaType(entry.mediaType) &&
          depth < MAX_NESTED_INDEX_DEPTH
        ) {
          next.push(...(await this.nestedEntries(repository, entry)));
        }
      }
      for (const [tag, entry] of levelTags)
        if (!tags.has(tag)) tags.set(tag, entry);
      level = next;
    }
    return { tags, descriptors };
  }

  /** The entries of a nested index; a nested index whose blob is absent is skipped. */
  private async nestedEntries(
    repository: string,
    entry: Descriptor,
  ): Promise<Descriptor[]> {
    const what = `index ${entry.digest} of ${repository}`;
    try {
      const bytes = await this.readBlob(
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

  /** Creates `oci-layout` and an empty `index.json` in a repository folder if missing. */
  private async ensureLayout(repository: string): Promise<void> {
    const dir = this.repositoryDir(repository);
    await this.exclusive(repository, async () => {
      await this.fs.ensureDir(dir);
      const markerPath = join(dir, 'oci-layout');
      const marker = await this.fs.readFile(
        markerPath,
        `oci-layout of ${repository}`,
        { maxBytes: 4096 },
      );
      if (marker.found)
        checkLayoutMarker(marker.bytes, `oci-layout of ${repository}`);
      else
        await this.fs.writeFileAtomic(
          markerPath,
          jsonBytes({ imageLayoutVersion: IMAGE_LAYOUT_VERSION }),
        );
      const indexPath = join(dir, 'index.json');
      if ((await this.fs.fileSize(indexPath)) === undefined) {
        await this.fs.writeFileAtomic(indexPath, jsonBytes(emptyIndex()));
      }
    });
  }

  /** Read-modify-write of `index.json`'s `manifests`, serialised per repository. */
  private async updateIndex(
    repository: string,
    reference: string,
    change: (manifests: Descriptor[]) => Descriptor[],
  ): Promise<void> {
    const dir = this.repositoryDir(repository);
    await this.exclusive(repository, async () => {
      const index = await this.loadIndex(repository, reference);
      const updated = { ...index, manifests: change(index.manifests) };
      await this.fs.writeFileAtomic(
        join(dir, 'index.json'),
        jsonBytes(updated),
      );
    });
  }

  /** Runs `task` after every earlier task queued for `key` has settled. */
  private async exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  /** Depth-first search for folders holding `oci-layout`, never following symlinks. */
  private async findLayouts(
    dir: string,
    segments: string[],
    found: string[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    checkAborted(signal);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const isLayout = entries.some(
      entry => entry.isFile() && entry.name === 'oci-layout',
    );
    const name = segments.join('/');
    if (isLayout && isValidRepositoryName(name)) found.push(name);
    if (segments.length >= MAX_REPOSITORY_DEPTH) return;
    for (const entry of entries) {
      // Dirent reports a symlink as a symlink, not as the folder it points to.
      if (!entry.isDirectory() || !REPOSITORY_SEGMENT.test(entry.name))
        continue;
      if (isLayout && entry.name === 'blobs') continue;
      await this.findLayouts(
        join(dir, entry.name),
        [...segments, entry.name],
        found,
        signal,
      );
    }
  }
}

/**
 * The `index.json` entries after pushing `descriptor`: with a tag, the tag
 * moves to it; without one, an untagged entry is added unless the digest is
 * already listed.
 */
function addEntry(
  manifests: Descriptor[],
  descriptor: Descriptor,
  tag: string | undefined,
): Descriptor[] {
  if (tag === undefined) {
    return manifests.some(entry => entry.digest === descriptor.digest)
      ? manifests
      : [...manifests, descriptor];
  }
  return [
    ...manifests.filter(
      entry => entry.annotations?.[REF_NAME_ANNOTATION] !== tag,
    ),
    { ...descriptor, annotations: { [REF_NAME_ANNOTATION]: tag } },
  ];
}
