import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  FileHandle,
  lstat,
  mkdir,
  open,
  realpath,
  rename,
  unlink,
} from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  OciContentTooLargeError,
  OciInvalidContentError,
  OciNotFoundError,
} from '../errors';

/** What `ConfinedFs.readFile` reports when the file is not there. */
export type ReadResult = { found: true; bytes: Uint8Array } | { found: false };

/** True for the errno codes that mean "nothing at this path". */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * File access confined to one folder (the layout root). Every path is
 * resolved through symlinks and must stay under the root before it is read
 * or written, so a hostile layout cannot reach other files.
 */
export class ConfinedFs {
  private constructor(readonly root: string) {}

  /** Opens a confined view of `root`, which must exist (or is created with `create`). */
  static async open(root: string, create: boolean): Promise<ConfinedFs> {
    const absolute = resolve(root);
    if (create) await mkdir(absolute, { recursive: true });
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      if (isMissing(error))
        throw new OciNotFoundError(
          `OCI layout root ${absolute} does not exist`,
        );
      throw error;
    }
    if (!(await lstat(real)).isDirectory()) {
      throw new OciInvalidContentError(
        `OCI layout root ${absolute} is not a folder`,
      );
    }
    return new ConfinedFs(real);
  }

  /** True when `path` (already resolved) is the root or inside it. */
  contains(path: string): boolean {
    const prefix = this.root.endsWith(sep) ? this.root : this.root + sep;
    return path === this.root || path.startsWith(prefix);
  }

  /** Joins segments onto the root; the lexical result must stay under the root. */
  path(...segments: string[]): string {
    const joined = resolve(this.root, ...segments);
    if (!this.contains(joined)) {
      throw new OciInvalidContentError(
        `Path ${JSON.stringify(segments.join('/'))} leaves the layout root`,
      );
    }
    return joined;
  }

  /** Resolves symlinks of an existing path and checks the target is under the root. */
  private async realInside(path: string): Promise<string> {
    const real = await realpath(path);
    if (!this.contains(real)) {
      throw new OciInvalidContentError(
        `${this.relative(path)} resolves outside the layout root`,
      );
    }
    return real;
  }

  /** The path relative to the root, for messages (never the target of a symlink). */
  relative(path: string): string {
    return path === this.root ? '.' : path.slice(this.root.length + 1);
  }

  /** Size of a regular file under the root, or undefined when it does not exist. */
  async fileSize(path: string): Promise<number | undefined> {
    let real: string;
    try {
      real = await this.realInside(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const stats = await lstat(real);
    if (!stats.isFile())
      throw new OciInvalidContentError(
        `${this.relative(path)} is not a regular file`,
      );
    return stats.size;
  }

  /**
   * Reads a regular file under the root. The size on disk is checked against
   * `maxBytes` (and `expectedSize`, when given) before any byte is read.
   */
  async readFile(
    path: string,
    what: string,
    limits: { maxBytes: number; expectedSize?: number },
  ): Promise<ReadResult> {
    let real: string;
    try {
      real = await this.realInside(path);
    } catch (error) {
      if (isMissing(error)) return { found: false };
      throw error;
    }
    // O_NOFOLLOW: the last component was just resolved, so a symlink here means it was swapped in.
    const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const stats = await handle.stat();
      if (!stats.isFile())
        throw new OciInvalidContentError(`${what} is not a regular file`);
      if (stats.size > limits.maxBytes) {
        throw new OciContentTooLargeError(what, limits.maxBytes, stats.size);
      }
      if (
        limits.expectedSize !== undefined &&
        stats.size !== limits.expectedSize
      ) {
        throw new OciInvalidContentError(
          `${what} is ${stats.size} bytes on disk but its descriptor says ${limits.expectedSize}`,
        );
      }
      return {
        found: true,
        bytes: await readExactly(handle, stats.size, what),
      };
    } finally {
      await handle.close();
    }
  }

  /** Creates a folder (and its parents) under the root; refuses symlinks leading out of it. */
  async ensureDir(path: string): Promise<void> {
    await this.realInside(await nearestExisting(path));
    await mkdir(path, { recursive: true });
    await this.realInside(path);
  }

  /**
   * Writes a file atomically: a temporary file in the same folder, flushed,
   * then renamed over the target (rename replaces a symlink, never follows it).
   */
  async writeFileAtomic(path: string, content: Uint8Array): Promise<void> {
    const folder = dirname(path);
    await this.ensureDir(folder);
    const temp = join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
}

/** Walks up from `path` to the first ancestor that exists. */
async function nearestExisting(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      await lstat(current);
      return current;
    } catch (error) {
      const parent = dirname(current);
      if (!isMissing(error) || parent === current) throw error;
      current = parent;
    }
  }
}

/** Reads exactly `size` bytes; a file that shrank while reading is an error. */
async function readExactly(
  handle: FileHandle,
  size: number,
  what: string,
): Promise<Uint8Array> {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await handle.read(
      buffer,
      offset,
      size - offset,
      offset,
    );
    if (bytesRead === 0)
      throw new OciInvalidContentError(`${what} was truncated while reading`);
    offset += bytesRead;
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, size);
}
