import {
  isValidTag,
  MediaTypes,
} from '@orkspace/backstage-plugin-orkestra-common';
import { OciInvalidContentError } from '../errors';
import { Descriptor, ImageIndex, ImageManifest } from '../types';
import { isIndexMediaType, REF_NAME_ANNOTATION } from './layoutJson';

/** How deep nested indexes are followed for tags and digests. */
const MAX_NESTED_INDEX_DEPTH = 4;

/** Every manifest descriptor of a layout, with the tags that name them. */
export interface LayoutEntries {
  /** Tag → descriptor; `index.json` entries win over ones found in nested indexes. */
  tags: Map<string, Descriptor>;
  /** Every descriptor of `index.json` and of nested indexes, shallowest first. */
  descriptors: Descriptor[];
}

/**
 * Collects tags and descriptors breadth first, following nested indexes
 * (read by `nestedEntries`) up to a fixed depth: content addressing rules
 * out cycles, not deep chains.
 */
export async function collectEntries(
  index: ImageIndex,
  nestedEntries: (entry: Descriptor) => Promise<Descriptor[]>,
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
      if (isIndexMediaType(entry.mediaType) && depth < MAX_NESTED_INDEX_DEPTH) {
        next.push(...(await nestedEntries(entry)));
      }
    }
    for (const [tag, entry] of levelTags)
      if (!tags.has(tag)) tags.set(tag, entry);
    level = next;
  }
  return { tags, descriptors };
}

/**
 * The `index.json` entries after pushing `descriptor`: with a tag, the tag
 * moves to it; without one, an untagged entry is added unless the digest is
 * already listed.
 */
export function addEntry(
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

/** The media type a manifest declares, or the one its shape implies. */
export function manifestMediaType(
  manifest: ImageManifest | ImageIndex,
  what: string,
): string {
  if (typeof manifest.mediaType === 'string') return manifest.mediaType;
  if (Array.isArray((manifest as ImageIndex).manifests))
    return MediaTypes.ociIndex;
  if ((manifest as ImageManifest).config) return MediaTypes.ociManifest;
  throw new OciInvalidContentError(`${what} declares no mediaType`);
}
