import {
  Annotations,
  MediaTypes,
  PatternKind,
} from '@orkspace/backstage-plugin-orkestra-common';
import { digestOf } from '../../oci/digest';
import { OciInvalidContentError } from '../../oci/errors';
import { EMPTY_JSON } from '../../oci/mediaTypes';
import { Descriptor, ImageManifest } from '../../oci/types';
import { formatRfc3339, goJsonStringify } from './goEncoding';

/**
 * One entry of `<namespace>/index:latest`, field names as `ork` writes them.
 *
 * @public
 */
export interface PatternIndexEntry {
  name: string;
  latestVersion: string;
  description: string;
  /**
   * `null` for a nil slice (no `tags` key in the YAML), `[]` for `tags: []`:
   * Go marshals the two differently, and both survive ork's read-modify-write.
   */
  tags: string[] | null;
  author?: string;
  /**
   * `Katalog` or `Motif` as `ork push` writes it; any other value (a newer
   * ork's, a hand edit) is kept verbatim, as `ork` keeps it.
   */
  kind?: string;
  e2eStatus?: string;
  simulateStatus?: string;
  deprecated?: boolean;
}

/**
 * The index of a namespace's patterns (`<namespace>/index:latest`), as `ork` writes it.
 *
 * @public
 */
export interface PatternIndex {
  updatedAt: string;
  entries: PatternIndexEntry[];
}

/**
 * The tag of a namespace's index manifest.
 *
 * @public
 */
export const INDEX_TAG = 'latest';

/**
 * The title (`org.opencontainers.image.title`) of the index manifest's one layer.
 *
 * @public
 */
export const INDEX_TITLE = 'index.json';

/**
 * `<namespace>/index`: where `ork push` keeps the index of a namespace's patterns.
 *
 * @public
 */
export function indexRepository(namespace: string): string {
  return `${namespace.replace(/\/+$/, '')}/index`;
}

/**
 * A repository's namespace: the repository minus its last path segment.
 *
 * @public
 */
export function namespaceOf(repository: string): string {
  const cut = repository.lastIndexOf('/');
  if (cut <= 0)
    throw new OciInvalidContentError(
      `repository ${repository} has no namespace for an index`,
    );
  return repository.slice(0, cut);
}

/**
 * The index blob exactly as Go marshals `PatternIndex` (field order, omitempty, nil tags as null).
 *
 * @public
 */
export function encodePatternIndex(index: PatternIndex): Uint8Array {
  const entries = index.entries.map(e => ({
    name: e.name,
    latestVersion: e.latestVersion,
    description: e.description,
    tags: e.tags ?? null,
    ...(e.author ? { author: e.author } : {}),
    ...(e.kind ? { kind: e.kind } : {}),
    ...(e.e2eStatus ? { e2eStatus: e.e2eStatus } : {}),
    ...(e.simulateStatus ? { simulateStatus: e.simulateStatus } : {}),
    ...(e.deprecated ? { deprecated: true } : {}),
  }));
  return new TextEncoder().encode(
    goJsonStringify({ updatedAt: index.updatedAt, entries }),
  );
}

/**
 * The index manifest as oras-go `PackManifest` v1.1 writes it: `artifactType`
 * set, the empty config descriptor with its `data`, one `application/json`
 * layer titled `index.json`, and the `created` annotation.
 *
 * @public
 */
export function indexManifest(blob: Uint8Array, created: Date): ImageManifest {
  const layer: Descriptor = {
    mediaType: 'application/json',
    digest: digestOf(blob),
    size: blob.byteLength,
    annotations: { [Annotations.title]: INDEX_TITLE },
  };
  return {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    artifactType: MediaTypes.indexArtifact,
    config: {
      mediaType: MediaTypes.ociEmpty,
      digest: digestOf(EMPTY_JSON),
      size: 2,
      data: 'e30=',
    },
    layers: [layer],
    annotations: { [Annotations.created]: formatRfc3339(created) },
  };
}

/**
 * Builds the index entry `ork push` writes for a pushed pattern.
 *
 * @public
 */
export function indexEntryFor(input: {
  name: string;
  version: string;
  description: string;
  /** `PatternMeta.tags`: `null` when the YAML has no tags (a nil slice in ork), else the list, even empty. */
  tags: string[] | null;
  author?: string;
  kind: PatternKind;
  e2eStatus?: string;
  simulateStatus?: string;
  deprecated: boolean;
}): PatternIndexEntry {
  return {
    name: input.name,
    latestVersion: input.version,
    description: input.description,
    tags: input.tags,
    ...(input.author ? { author: input.author } : {}),
    kind: input.kind,
    ...(input.e2eStatus ? { e2eStatus: input.e2eStatus } : {}),
    ...(input.simulateStatus ? { simulateStatus: input.simulateStatus } : {}),
    ...(input.deprecated ? { deprecated: true } : {}),
  };
}
