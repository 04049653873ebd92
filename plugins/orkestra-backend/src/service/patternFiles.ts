import { NotFoundError } from '@backstage/errors';
import { PatternFile } from '@orkspace/backstage-plugin-orkestra-common';
import { ServiceContext } from './context';
import { findPattern } from './patternIds';
import { FileContent } from './types';
import { findVersion } from './versionViews';

/** Largest file content the API serves. */
export const MAX_FILE_CONTENT_BYTES = 1024 * 1024;

export async function listFiles(
  { store, now }: ServiceContext,
  id: string,
  version: string,
): Promise<PatternFile[]> {
  const pattern = await findPattern(store, id);
  const { stored } = await findVersion(store, pattern, version, now());
  return store.listFiles(stored.id);
}

/** A file's content: YAML the sync cached from the store, any other file from the source. */
export async function getFileContent(
  { store, sources, now }: ServiceContext,
  id: string,
  version: string,
  file: string,
): Promise<FileContent> {
  const pattern = await findPattern(store, id);
  const { stored } = await findVersion(store, pattern, version, now());
  const entry = (await store.listFiles(stored.id)).find(f => f.name === file);
  if (!entry) throw new NotFoundError(`${id} ${version} has no file ${file}`);
  const { size } = entry;
  const base = { name: entry.name, mediaType: entry.mediaType, size };
  if (size > MAX_FILE_CONTENT_BYTES)
    return { ...base, content: new Uint8Array(), truncated: true };
  const cached = await store.getBlob(entry.digest);
  if (cached !== undefined)
    return {
      ...base,
      content: new TextEncoder().encode(cached),
      truncated: false,
    };
  const source = await sources.storeFor(pattern.sourceId);
  const content = await source.fetchBlob(
    pattern.repository,
    { mediaType: entry.mediaType, digest: entry.digest, size },
    { maxBytes: MAX_FILE_CONTENT_BYTES },
  );
  return { ...base, content, truncated: false };
}
