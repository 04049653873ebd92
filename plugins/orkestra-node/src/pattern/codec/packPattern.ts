import {
  Annotations,
  MediaTypes,
} from '@orkspace/backstage-plugin-orkestra-common';
import { readFile } from 'node:fs/promises';
import { digestOf } from '../../oci/digest';
import { EMPTY_JSON } from '../../oci/mediaTypes';
import { Descriptor, ImageManifest } from '../../oci/types';
import { PatternDirectory, PatternMeta } from '../patternDirectory';
import { configMediaType, layerMediaType } from './fileMediaTypes';
import {
  formatGoDuration,
  formatGoDurationSeconds,
  formatRfc3339,
  goJsonStringify,
  sortedRecord,
} from './goEncoding';

/**
 * What a gate recorded, as `ork push` bakes it into the annotations.
 *
 * @public
 */
export interface SimulateRecord {
  status: 'passed' | 'no-assertion' | 'skipped';
  testedAt: Date;
  /** Only written for `passed`. */
  durationMs?: number;
  /** A duration already in Go's format (carried over from an earlier push); wins over `durationMs`. */
  duration?: string;
  /** Only written when above 0. */
  assertions?: number;
}

/**
 * What the e2e gate recorded, as `ork push` bakes it into the annotations.
 *
 * @public
 */
export interface E2eRecord {
  status: 'passed' | 'skipped';
  testedAt: Date;
  /** `github-actions`, `gitlab-ci`, ..., `ci` or `local`. */
  runner: string;
  /** Only written for `passed`, rounded to whole seconds as `ork` does (`48s`, `1m31s`). */
  durationMs?: number;
  /** A duration already in Go's format; wins over `durationMs`. */
  duration?: string;
  assertions?: number;
}

/**
 * What the intent gate recorded, as `ork push` bakes it into the annotations.
 *
 * @public
 */
export interface IntentRecord {
  status: 'passed' | 'failed';
  testedAt: Date;
  target?: string;
}

/**
 * Options of {@link packPattern}: the push time, the gate records and the typed-Katalog details.
 *
 * @public
 */
export interface PackOptions {
  /** Push time, `org.opencontainers.image.created`. */
  created: Date;
  simulate?: SimulateRecord;
  e2e?: E2eRecord;
  intent?: IntentRecord;
  typed?: { hasHooks: boolean; hasConstructor: boolean };
  /** `io.orkestra.katalog.runtime_version`, e.g. `v0.7.6`. */
  runtimeVersion?: string;
}

/**
 * A packed pattern: the manifest's exact bytes and every blob it names.
 *
 * @public
 */
export interface PackedPattern {
  manifest: ImageManifest;
  manifestBytes: Uint8Array;
  manifestDigest: string;
  /** digest → content, config first, then layers in order. */
  blobs: Map<string, Uint8Array>;
}

/**
 * Every manifest annotation `ork push` writes (spec §1.5), sorted as Go marshals a map.
 *
 * @public
 */
export function patternAnnotations(
  meta: PatternMeta,
  options: PackOptions,
): Record<string, string> {
  const a: Record<string, string> = {
    [Annotations.created]: formatRfc3339(options.created),
    [Annotations.title]: meta.name,
    [Annotations.version]: meta.version,
    [Annotations.description]: meta.description,
    [Annotations.kind]: meta.kind,
    [Annotations.name]: meta.name,
    [Annotations.patternVersion]: meta.version,
    [Annotations.author]: meta.author ?? '',
    [Annotations.license]: meta.license ?? '',
    // strings.Join(meta.Tags, ","): "" for a nil and an empty slice alike.
    [Annotations.tags]: (meta.tags ?? []).join(','),
  };
  if (meta.author) a[Annotations.authors] = meta.author;

  const { simulate, e2e, intent } = options;
  if (simulate) {
    a[Annotations.simulateStatus] = simulate.status;
    a[Annotations.simulateTestedAt] = formatRfc3339(simulate.testedAt);
    if (
      simulate.status === 'passed' &&
      (simulate.duration || simulate.durationMs !== undefined)
    ) {
      a[Annotations.simulateDuration] =
        simulate.duration ?? formatGoDuration(simulate.durationMs!);
    }
    if (simulate.assertions && simulate.assertions > 0) {
      a[Annotations.simulateAssertions] = String(simulate.assertions);
    }
  }
  if (e2e) {
    a[Annotations.e2eStatus] = e2e.status;
    a[Annotations.e2eTestedAt] = formatRfc3339(e2e.testedAt);
    a[Annotations.e2eRunner] = e2e.runner;
    if (
      e2e.status === 'passed' &&
      (e2e.duration || e2e.durationMs !== undefined)
    ) {
      // ork rounds the e2e time to seconds, the simulate time to milliseconds.
      a[Annotations.e2eDuration] =
        e2e.duration ?? formatGoDurationSeconds(e2e.durationMs!);
    }
    if (e2e.assertions && e2e.assertions > 0)
      a[Annotations.e2eAssertions] = String(e2e.assertions);
  }
  if (intent) {
    a[Annotations.intentStatus] = intent.status;
    a[Annotations.intentTestedAt] = formatRfc3339(intent.testedAt);
    if (intent.target) a[Annotations.intentTarget] = intent.target;
  }
  if (
    options.typed &&
    (options.typed.hasHooks || options.typed.hasConstructor)
  ) {
    a[Annotations.typed] = 'true';
    if (options.typed.hasHooks) a[Annotations.hasHooks] = 'true';
    if (options.typed.hasConstructor) a[Annotations.hasConstructor] = 'true';
  }
  if (meta.deprecation) {
    const d = meta.deprecation;
    a[Annotations.deprecated] = 'true';
    if (d.migratedTo) a[Annotations.deprecatedMigratedTo] = d.migratedTo;
    if (d.message) a[Annotations.deprecatedMessage] = d.message;
    if (d.timelineFrom) a[Annotations.deprecatedTimelineFrom] = d.timelineFrom;
    if (d.timelineTo) a[Annotations.deprecatedTimelineTo] = d.timelineTo;
  }
  if (options.runtimeVersion)
    a[Annotations.runtimeVersion] = options.runtimeVersion;
  return sortedRecord(a);
}

function descriptorOf(
  mediaType: string,
  content: Uint8Array,
  annotations?: Record<string, string>,
): Descriptor {
  // ocispec.Descriptor field order: mediaType, digest, size, annotations.
  return {
    mediaType,
    digest: digestOf(content),
    size: content.byteLength,
    ...(annotations ? { annotations: sortedRecord(annotations) } : {}),
  };
}

/**
 * Packs a pattern exactly as `ork push` does (oras-go `Pack` with
 * `PackImageManifest`): an OCI image manifest without `artifactType`, the
 * kind's config media type over the `{}` blob, one raw layer per allow-listed
 * file in `ork`'s order, each titled with its file name.
 *
 * @public
 */
export async function packPattern(
  pattern: PatternDirectory,
  options: PackOptions,
): Promise<PackedPattern> {
  const blobs = new Map<string, Uint8Array>();
  const config = descriptorOf(configMediaType(pattern.meta.kind), EMPTY_JSON);
  blobs.set(config.digest, EMPTY_JSON);

  const layers: Descriptor[] = [];
  for (const file of pattern.files) {
    const content = new Uint8Array(await readFile(file.path));
    const layer = descriptorOf(layerMediaType(file.name), content, {
      [Annotations.title]: file.name,
    });
    layers.push(layer);
    blobs.set(layer.digest, content);
  }

  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config,
    layers,
    annotations: patternAnnotations(pattern.meta, options),
  };
  const manifestBytes = new TextEncoder().encode(goJsonStringify(manifest));
  return {
    manifest,
    manifestBytes,
    manifestDigest: digestOf(manifestBytes),
    blobs,
  };
}
