/**
 * The plugin id: names the backend's HTTP base path (`/api/orkestra`) and its database.
 *
 * @public
 */
export const ORKESTRA_PLUGIN_ID = 'orkestra';

/**
 * Media types `ork push` writes (spec §1.2, §1.3, §1.6).
 *
 * @public
 */
export const MediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  katalogConfig: 'application/vnd.orkestra.pattern.v1+tar+gzip',
  motifConfig: 'application/vnd.orkestra.motif.v1+tar+gzip',
  katalogLayer: 'application/vnd.orkestra.katalog.v1+yaml',
  motifLayer: 'application/vnd.orkestra.motif.v1+yaml',
  crdLayer: 'application/vnd.kubernetes.crd.v1+yaml',
  crLayer: 'application/vnd.kubernetes.cr.v1+yaml',
  e2eLayer: 'application/vnd.orkestra.e2e.v1+yaml',
  simulateLayer: 'application/vnd.orkestra.simulate.v1+yaml',
  indexArtifact: 'application/vnd.orkestra.index.v1+json',
} as const;

/**
 * Manifest annotation keys `ork push` writes (spec §1.5).
 *
 * @public
 */
export const Annotations = {
  created: 'org.opencontainers.image.created',
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  description: 'org.opencontainers.image.description',
  authors: 'org.opencontainers.image.authors',
  kind: 'io.orkestra.pattern.kind',
  name: 'io.orkestra.pattern.name',
  patternVersion: 'io.orkestra.pattern.version',
  author: 'io.orkestra.pattern.author',
  license: 'io.orkestra.pattern.license',
  tags: 'io.orkestra.pattern.tags',
  simulateStatus: 'io.orkestra.simulate.status',
  simulateDuration: 'io.orkestra.simulate.duration',
  simulateTestedAt: 'io.orkestra.simulate.tested_at',
  simulateAssertions: 'io.orkestra.simulate.assertions',
  e2eStatus: 'io.orkestra.e2e.status',
  e2eDuration: 'io.orkestra.e2e.duration',
  e2eTestedAt: 'io.orkestra.e2e.tested_at',
  e2eRunner: 'io.orkestra.e2e.runner',
  e2eAssertions: 'io.orkestra.e2e.assertions',
  intentStatus: 'io.orkestra.intent.status',
  intentTarget: 'io.orkestra.intent.target',
  intentTestedAt: 'io.orkestra.intent.tested_at',
  typed: 'io.orkestra.katalog.typed',
  hasHooks: 'io.orkestra.katalog.has_hooks',
  hasConstructor: 'io.orkestra.katalog.has_constructor',
  deprecated: 'io.orkestra.katalog.deprecated',
  deprecatedMigratedTo: 'io.orkestra.katalog.deprecated.migrated_to',
  deprecatedMessage: 'io.orkestra.katalog.deprecated.message',
  deprecatedTimelineFrom: 'io.orkestra.katalog.deprecated.timeline_from',
  deprecatedTimelineTo: 'io.orkestra.katalog.deprecated.timeline_to',
  runtimeVersion: 'io.orkestra.katalog.runtime_version',
} as const;
