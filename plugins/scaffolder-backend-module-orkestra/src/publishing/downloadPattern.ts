import {
  OciStore,
  UnpackedPattern,
  unpackPattern,
} from '@orkspace/backstage-plugin-orkestra-node';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PublishTarget } from './resolveTarget';

/** Pattern files are small YAML and markdown; anything larger is refused. */
export const MAX_PATTERN_FILE_BYTES = 4 * 1024 * 1024;

/** The primary file of a pattern kind. */
export function primaryFileOf(kind: 'Katalog' | 'Motif'): string {
  return kind === 'Katalog' ? 'katalog.yaml' : 'motif.yaml';
}

/**
 * Writes the files of a published version into `dir`, like `ork pull`. Only
 * plain file names are written: a layer titled with a path is skipped, so a
 * hostile artifact cannot write outside `dir`. The version returned lists
 * only the files written.
 */
export async function downloadPattern(
  store: OciStore,
  target: PublishTarget & { tag: string },
  dir: string,
): Promise<UnpackedPattern> {
  const reference = `${target.reference}:${target.tag}`;
  const version = unpackPattern(
    await store.fetchManifest(target.repository, target.tag),
    reference,
  );
  const written = version.files.filter(file => isPlainFileName(file.name));
  for (const file of written) {
    const content = await store.fetchBlob(target.repository, file, {
      maxBytes: MAX_PATTERN_FILE_BYTES,
    });
    await writeFile(join(dir, file.name), content);
  }
  return { ...version, files: written };
}

function isPlainFileName(name: string): boolean {
  return (
    name !== '' &&
    !name.includes('/') &&
    !name.includes('\\') &&
    !name.startsWith('.')
  );
}
