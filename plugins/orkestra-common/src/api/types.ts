// The API's types are generated from the backend's OpenAPI document
// (plugins/orkestra-backend/src/schema/openapi.yaml, `yarn generate:openapi`);
// these names are the package's public aliases of them.
import type { components } from './generated/openapi';

/**
 * How a source's repositories are discovered.
 *
 * @public
 */
export type RepositoryDiscovery = components['schemas']['RepositoryDiscovery'];

/**
 * A configured pattern source as the API exposes it. Credentials are never
 * part of it: only whether some are configured.
 *
 * @public
 */
export type SourceSummary = components['schemas']['SourceSummary'];

/**
 * Response of `GET /sources`: every configured pattern source.
 *
 * @public
 */
export type ListSourcesResponse = components['schemas']['ListSourcesResponse'];

/**
 * Problems a sync found with one version (unreadable YAML, a blob too large, ...).
 *
 * @public
 */
export type VersionProblem = components['schemas']['VersionProblem'];

/**
 * One CRD a Katalog version ships (from `crd.yaml`).
 *
 * @public
 */
export type CrdSummary = components['schemas']['CrdSummary'];

/**
 * A pattern: one OCI repository of one source.
 *
 * @public
 */
export type PatternSummary = components['schemas']['PatternSummary'];

/**
 * The headline signals of a version, for lists and entity annotations.
 *
 * @public
 */
export type PatternVersionHeadline =
  components['schemas']['PatternVersionHeadline'];

/**
 * One version of a pattern: a manifest digest and every tag pointing to it.
 *
 * @public
 */
export type PatternVersion = components['schemas']['PatternVersion'];

/**
 * One file of a pattern version (a layer of its manifest).
 *
 * @public
 */
export type PatternFile = components['schemas']['PatternFile'];

/**
 * A reference a version imports, resolved to a known pattern where possible.
 *
 * @public
 */
export type PatternImport = components['schemas']['PatternImport'];

/**
 * A pattern version that imports this pattern.
 *
 * @public
 */
export type PatternDependent = components['schemas']['PatternDependent'];

/**
 * Response of `GET /patterns`: one page of patterns and the total count.
 *
 * @public
 */
export type ListPatternsResponse =
  components['schemas']['ListPatternsResponse'];

/**
 * One sync of a source (or of a single repository) with the registry: when it ran, how it ended and what it counted.
 *
 * @public
 */
export type SyncRun = components['schemas']['SyncRun'];

/**
 * A configured source with its last sync.
 *
 * @public
 */
export type SourceStatus = components['schemas']['SourceStatus'];

/**
 * How a CRD changed between two versions of a Katalog.
 *
 * @public
 */
export type CrdChange = components['schemas']['CrdChange'];

/**
 * A newer version on the upgrade path, with what it brings.
 *
 * @public
 */
export type UpgradeStep = components['schemas']['UpgradeStep'];

/**
 * From one version to the newest: every newer version, and where a deprecation points.
 *
 * @public
 */
export type UpgradePath = components['schemas']['UpgradePath'];

/**
 * What the catalog module needs to emit one entity per pattern.
 *
 * @public
 */
export type PatternEntityData = components['schemas']['PatternEntityData'];

/**
 * Response of `GET /entities`: one page of the patterns the catalog module turns into entities.
 *
 * @public
 */
export type PatternEntityFeed = components['schemas']['PatternEntityFeed'];

/**
 * Query of `GET /patterns`.
 *
 * @public
 */
export type PatternQuery = components['schemas']['PatternQuery'];

/**
 * A key `GET /patterns` sorts the whole result by before paging.
 *
 * @public
 */
export type PatternSortKey = components['schemas']['PatternSortKey'];

/**
 * An import of a pattern's latest version whose imported version is deprecated.
 *
 * @public
 */
export type DeprecatedImport = components['schemas']['DeprecatedImport'];

/**
 * The error of a repository's latest sync, kept until a later sync of it succeeds.
 *
 * @public
 */
export type RepositorySyncProblem =
  components['schemas']['RepositorySyncProblem'];

/**
 * A source's health: its last full run and its repositories' latest syncs.
 *
 * @public
 */
export type SourceHealth = components['schemas']['SourceHealth'];

/**
 * Per owner, how many current patterns are healthy, forced, deprecated and behind.
 *
 * @public
 */
export type OwnerRollup = components['schemas']['OwnerRollup'];

/**
 * How many current patterns match each filter of the health summary
 * (`GET /pattern-counts`); see {@link PATTERN_COUNT_FILTERS}.
 *
 * @public
 */
export type PatternCounts = components['schemas']['PatternCounts'];

// Not part of the HTTP API: the events service payload.
/**
 * Topic of the event the backend publishes for every pattern a sync changed.
 *
 * @public
 */
export const ORKESTRA_PATTERN_CHANGED_TOPIC = 'orkestra.pattern.changed';

/**
 * Payload of an `orkestra.pattern.changed` event.
 *
 * @public
 */
export interface PatternChangedEvent {
  source: string;
  repository: string;
  reference: string;
  change: 'added' | 'updated' | 'missing' | 'removed';
}
