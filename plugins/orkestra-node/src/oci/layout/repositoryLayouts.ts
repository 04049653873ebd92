import { join } from 'node:path';
import { digestOf } from '../digest';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciInvalidContentError,
  OciNotFoundError,
} from '../errors';
import { Descriptor, ImageIndex } from '../types';
import { ConfinedFs } from './confinedFs';
import { KeyedQueue } from './keyedQueue';
import {
  checkLayoutMarker,
  emptyIndex,
  IMAGE_LAYOUT_VERSION,
  jsonBytes,
  parseIndex,
} from './layoutJson';
import { validateRepository, validDigest } from './names';

/** `index.json` holds one entry per tag, so allow more than a single manifest. */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
const MAX_MARKER_BYTES = 4096;

/**
 * The files of each repository's layout under one root: `oci-layout`,
 * `index.json` and `blobs/<alg>/<hex>`. Names and digests are validated
 * before they become paths; read-modify-writes of `index.json` are
 * serialised per repository.
 */
export class RepositoryLayouts {
  readonly #queue = new KeyedQueue();

  constructor(readonly fs: ConfinedFs) {}

  /** The folder of a repository's layout; the name is validated first. */
  dir(repository: string): string {
    validateRepository(repository);
    return this.fs.path(...repository.split('/'));
  }

  /** `blobs/<alg>/<hex>`, built only from a parsed digest. */
  blobPath(repository: string, digest: string): string {
    const { algorithm, hex } = validDigest(digest);
    return join(this.dir(repository), 'blobs', algorithm, hex);
  }

  /** The size of a blob's file, undefined when there is none. */
  blobSize(repository: string, digest: string): Promise<number | undefined> {
    return this.fs.fileSize(this.blobPath(repository, digest));
  }

  async hasBlob(
    repository: string,
    digest: string,
    size: number,
  ): Promise<boolean> {
    return (await this.blobSize(repository, digest)) === size;
  }

  /**
   * Reads a blob: its declared size is checked against `maxBytes` before the
   * file is touched, the file's size against the descriptor before reading,
   * and the digest after.
   */
  async readBlob(
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

  /** Writes a blob atomically under its digest. */
  writeBlob(repository: string, digest: string, content: Uint8Array) {
    return this.fs.writeFileAtomic(this.blobPath(repository, digest), content);
  }

  /** Loads `index.json` of a repository's layout after checking its `oci-layout`. */
  async loadIndex(repository: string, reference?: string): Promise<ImageIndex> {
    const dir = this.dir(repository);
    const marker = await this.#readMarker(dir, repository);
    if (!marker.found)
      throw new OciNotFoundError(
        `Repository ${repository} not found in OCI layout ${this.fs.root}${
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

  /** Creates `oci-layout` and an empty `index.json` in a repository folder if missing. */
  async ensureLayout(repository: string): Promise<void> {
    const dir = this.dir(repository);
    await this.#queue.run(repository, async () => {
      await this.fs.ensureDir(dir);
      const marker = await this.#readMarker(dir, repository);
      if (marker.found)
        checkLayoutMarker(marker.bytes, `oci-layout of ${repository}`);
      else
        await this.fs.writeFileAtomic(
          join(dir, 'oci-layout'),
          jsonBytes({ imageLayoutVersion: IMAGE_LAYOUT_VERSION }),
        );
      const indexPath = join(dir, 'index.json');
      if ((await this.fs.fileSize(indexPath)) === undefined) {
        await this.fs.writeFileAtomic(indexPath, jsonBytes(emptyIndex()));
      }
    });
  }

  /** Read-modify-write of `index.json`'s `manifests`, serialised per repository. */
  async updateIndex(
    repository: string,
    reference: string,
    change: (manifests: Descriptor[]) => Descriptor[],
  ): Promise<void> {
    const dir = this.dir(repository);
    await this.#queue.run(repository, async () => {
      const index = await this.loadIndex(repository, reference);
      const updated = { ...index, manifests: change(index.manifests) };
      await this.fs.writeFileAtomic(
        join(dir, 'index.json'),
        jsonBytes(updated),
      );
    });
  }

  #readMarker(dir: string, repository: string) {
    return this.fs.readFile(
      join(dir, 'oci-layout'),
      `oci-layout of ${repository}`,
      { maxBytes: MAX_MARKER_BYTES },
    );
  }
}
