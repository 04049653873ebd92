import type { GateState, PatternSignals } from '../signals';
import type { DeprecationPhase, PolicyResult, PolicyStatus } from '../policy';

/**
 * How a source's repositories are discovered.
 *
 * @public
 */
export type RepositoryDiscovery =
  | { type: 'index' }
  | { type: 'catalog' }
  | { type: 'list'; repositories: string[] };

/**
 * A configured pattern source as the API exposes it. Credentials are never
 * part of it: only whether some are configured.
 *
 * @public
 */
export interface SourceSummary {
  id: string;
  type: 'registry' | 'layout';
  /** `host[:port]/namespace` for a registry, the folder for a layout. */
  target: string;
  discovery: RepositoryDiscovery;
  hasCredentials: boolean;
}

/**
 * Response of `GET /sources`: every configured pattern source.
 *
 * @public
 */
export interface ListSourcesResponse {
  items: SourceSummary[];
}

/**
 * Problems a sync found with one version (unreadable YAML, a blob too large, ...).
 *
 * @public
 */
export interface VersionProblem {
  file?: string;
  message: string;
}

/**
 * One CRD a Katalog version ships (from `crd.yaml`).
 *
 * @public
 */
export interface CrdSummary {
  group: string;
  kind: string;
  plural?: string;
  versions: Array<{
    name: string;
    served: boolean;
    storage: boolean;
    schemaFingerprint?: string;
  }>;
}

/**
 * A pattern: one OCI repository of one source.
 *
 * @public
 */
export interface PatternSummary {
  /** `<source>:<repository>`, stable; URL-encode it in paths. */
  id: string;
  source: string;
  /** Registry host the references use, e.g. `ghcr.io`. */
  registry: string;
  repository: string;
  /** `registry/repository`, without tag. */
  reference: string;
  kind: 'Katalog' | 'Motif';
  name: string;
  description?: string;
  author?: string;
  /** Owner entity ref from `orkestra.ownership`. */
  owner: string;
  /** `metadata.tags` of the latest version. */
  tags: string[];
  latest?: PatternVersionHeadline;
  versionCount: number;
  /** Set when the repository disappeared from its source; dropped after the grace period. */
  missingSince?: string;
  updatedAt: string;
}

/**
 * The headline signals of a version, for lists and entity annotations.
 *
 * @public
 */
export interface PatternVersionHeadline {
  version: string;
  digest: string;
  created?: string;
  simulate: GateState;
  e2e: GateState;
  deprecated: boolean;
  deprecationState: DeprecationPhase;
  maturity?: string;
  policyStatus: PolicyStatus;
}

/**
 * One version of a pattern: a manifest digest and every tag pointing to it.
 *
 * @public
 */
export interface PatternVersion {
  digest: string;
  /** The tag naming the version: its highest version tag, else a floating one. */
  version: string;
  tags: string[];
  /** Only floating tags (`latest`, `stable`) point to it. */
  floatingOnly: boolean;
  /** No tag points to it any more (e.g. a re-push moved its tag); reachable by digest. */
  untagged: boolean;
  created?: string;
  mediaType: string;
  size: number;
  signals: PatternSignals;
  maturity?: string;
  deprecationState: DeprecationPhase;
  policy: PolicyResult;
  crds: CrdSummary[];
  problems: VersionProblem[];
  firstSeenAt: string;
}

/**
 * One file of a pattern version (a layer of its manifest).
 *
 * @public
 */
export interface PatternFile {
  name: string;
  mediaType: string;
  size: number;
  digest: string;
}

/**
 * A reference a version imports, resolved to a known pattern where possible.
 *
 * @public
 */
export interface PatternImport {
  type: 'motif' | 'profile' | 'registry';
  raw: string;
  reference?: string;
  tag?: string;
  digest?: string;
  crd?: string;
  /** The known pattern it names, if any. */
  patternId?: string;
  /** True when a newer version of the imported pattern exists than the one imported. */
  behindLatest?: boolean;
  latestVersion?: string;
  allowed: boolean;
}

/**
 * A pattern version that imports this pattern.
 *
 * @public
 */
export interface PatternDependent {
  patternId: string;
  name: string;
  kind: 'Katalog' | 'Motif';
  version: string;
  /** The version of this pattern it imports. */
  importedVersion?: string;
  behindLatest: boolean;
}

/**
 * Response of `GET /patterns`: one page of patterns and the total count.
 *
 * @public
 */
export interface ListPatternsResponse {
  items: PatternSummary[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  totalCount: number;
}

/**
 * One sync of a source (or of a single repository) with the registry: when it ran, how it ended and what it counted.
 *
 * @public
 */
export interface SyncRun {
  id: number;
  source: string;
  trigger: string;
  /** The one repository this run synced; absent for a run over the whole source. */
  repository?: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  counts: Record<string, number>;
  errors: Array<{ repository?: string; code?: string; message: string }>;
}

/**
 * A configured source with its last sync.
 *
 * @public
 */
export interface SourceStatus extends SourceSummary {
  registry: string;
  lastSync?: SyncRun;
}

/**
 * How a CRD changed between two versions of a Katalog.
 *
 * @public
 */
export interface CrdChange {
  crd: string;
  change:
    | 'added'
    | 'removed'
    | 'version-added'
    | 'version-removed'
    | 'schema-changed';
  apiVersion?: string;
}

/**
 * A newer version on the upgrade path, with what it brings.
 *
 * @public
 */
export interface UpgradeStep {
  version: string;
  digest: string;
  created?: string;
  headline: PatternVersionHeadline;
  crdChanges: CrdChange[];
}

/**
 * From one version to the newest: every newer version, and where a deprecation points.
 *
 * @public
 */
export interface UpgradePath {
  from: { version: string; digest: string };
  latest?: string;
  /** Newer versions, oldest first. */
  steps: UpgradeStep[];
  /** `lifecycle.deprecation.migratedTo` of the `from` version, when deprecated. */
  migratedTo?: string;
}

/**
 * What the catalog module needs to emit one entity per pattern.
 *
 * @public
 */
export interface PatternEntityData extends PatternSummary {
  /** `registry/repository` of every known pattern the latest version imports. */
  dependsOn: string[];
  crds: CrdSummary[];
  /** The latest version's `crd.yaml`, when the sync read it. */
  crdDefinition?: string;
  signals?: PatternSignals;
  license?: string;
}

/**
 * Response of `GET /entities`: one page of the patterns the catalog module turns into entities.
 *
 * @public
 */
export interface PatternEntityFeed {
  items: PatternEntityData[];
  nextCursor?: string;
}

/**
 * Query of `GET /patterns`.
 *
 * @public
 */
export interface PatternQuery {
  kind?: 'Katalog' | 'Motif';
  simulate?: GateState;
  e2e?: GateState;
  deprecated?: boolean;
  policy?: PolicyStatus;
  /** The latest version imports a pattern at a version older than that pattern's latest. */
  importsBehind?: boolean;
  owner?: string;
  source?: string;
  /** Free text: name, repository, description, author. */
  q?: string;
  cursor?: string;
  /** 1 to 200, default 50. */
  limit?: number;
}

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
