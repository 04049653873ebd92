import { readFile, stat } from 'node:fs/promises';

/** Reads a gate file; undefined when it does not exist or is not a regular file. */
export async function readGateFile(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return readFile(path, 'utf8');
}
