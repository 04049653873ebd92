import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidRepositoryName } from '@orkspace/backstage-plugin-orkestra-common';

/** How many folders deep `findLayouts` looks for layouts. */
const MAX_REPOSITORY_DEPTH = 12;
/** One component of a repository name (same grammar as `isValidRepositoryName`). */
const REPOSITORY_SEGMENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;

/**
 * The repository names of every folder under `root` holding an
 * `oci-layout`, sorted; symlinks are never followed and a layout's `blobs`
 * folder is not searched.
 */
export async function findLayouts(
  root: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const found: string[] = [];
  await search(root, [], found, signal);
  return found.sort();
}

/** Depth-first search for folders holding `oci-layout`. */
async function search(
  dir: string,
  segments: string[],
  found: string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const isLayout = entries.some(
    entry => entry.isFile() && entry.name === 'oci-layout',
  );
  const name = segments.join('/');
  if (isLayout && isValidRepositoryName(name)) found.push(name);
  if (segments.length >= MAX_REPOSITORY_DEPTH) return;
  for (const entry of entries) {
    // Dirent reports a symlink as a symlink, not as the folder it points to.
    if (!entry.isDirectory() || !REPOSITORY_SEGMENT.test(entry.name)) continue;
    if (isLayout && entry.name === 'blobs') continue;
    await search(
      join(dir, entry.name),
      [...segments, entry.name],
      found,
      signal,
    );
  }
}
