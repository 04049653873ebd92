import {
  CrdSummary,
  PatternSignals,
  PolicyResult,
  PolicyStatus,
  VersionProblem,
} from '@orkspace/backstage-plugin-orkestra-common';

/*
 * What the store hands out: its rows with JSON columns parsed and names in
 * camelCase. The API's types (orkestra-common) have no store ids, so these
 * carry them. A nullable column stays `null`.
 */

/** A pattern: one repository of a source. */
export interface StoredPattern {
  id: number;
  sourceId: string;
  registry: string;
  repository: string;
  kind: 'Katalog' | 'Motif';
  name: string;
  description: string | null;
  author: string | null;
  owner: string;
  tags: string[];
  latestVersionId: number | null;
  latestTag: string | null;
  firstSeenAt: string;
  updatedAt: string;
  missingSince: string | null;
}

/** A version of a pattern, by manifest digest. */
export interface StoredVersion {
  id: number;
  patternId: number;
  digest: string;
  mediaType: string;
  manifestSize: number;
  version: string | null;
  created: string | null;
  signals: PatternSignals;
  deprecated: boolean;
  maturity: string | null;
  crds: CrdSummary[];
  /** Null until the sync evaluated the version's policy. */
  policy: PolicyResult | null;
  problems: VersionProblem[];
  firstSeenAt: string;
}

/**
 * What a version's headline needs (see `getVersionHeadlines`): its CRDs,
 * problems and policy reasons are not read.
 */
export type StoredVersionHeadline = Pick<
  StoredVersion,
  'id' | 'digest' | 'version' | 'created' | 'signals' | 'maturity'
> & { policyStatus: PolicyStatus | null };

export interface StoredTag {
  patternId: number;
  tag: string;
  versionId: number;
  updatedAt: string;
  missingSince: string | null;
}

/** One import of a version, as its pattern file names it. */
export interface StoredImport {
  id: number;
  versionId: number;
  type: 'motif' | 'profile' | 'registry';
  raw: string;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  crd: string | null;
  /** The known pattern with the import's registry and repository. */
  targetPatternId: number | null;
}

/** An import as the sync reads it from a version, before it is stored. */
export type ImportReference = Omit<
  StoredImport,
  'id' | 'versionId' | 'targetPatternId'
>;

/** A version as the sync engine records it. */
export interface NewVersion {
  digest: string;
  mediaType: string;
  manifestSize: number;
  version?: string;
  created?: string;
  signals: PatternSignals;
  maturity?: string;
  crds: CrdSummary[];
  problems: VersionProblem[];
  files: Array<{
    name: string;
    mediaType: string;
    size: number;
    digest: string;
  }>;
  imports: ImportReference[];
}

export interface PatternIdentity {
  sourceId: string;
  registry: string;
  repository: string;
  kind: 'Katalog' | 'Motif';
  name: string;
  description?: string;
  author?: string;
  owner: string;
  tags: string[];
}

export interface PatternFilter {
  kind?: 'Katalog' | 'Motif';
  /** Latest version's simulate or e2e state. */
  simulate?: string;
  e2e?: string;
  deprecated?: boolean;
  policyStatus?: string;
  owner?: string;
  source?: string;
  /** Case-insensitive text in name, repository, description, author. */
  text?: string;
  /** Exactly this repository. */
  repository?: string;
  /**
   * The latest version imports a known pattern at a version tag other than
   * that pattern's latest (its highest) version tag: an importer that is
   * behind. Floating tags (`latest`, `main`) are never behind.
   */
  importsBehind?: boolean;
  /**
   * The latest version is deprecated and its end-of-life day is on or before
   * `today` (`YYYY-MM-DD`, UTC): `deprecationState` says `end-of-life`.
   */
  endOfLife?: { value: boolean; today: string };
  /** The latest version's simulate or e2e state is `skipped`. */
  forced?: boolean;
  /**
   * The latest version imports, by tag or digest, a known version of a known
   * pattern that is deprecated (announced, deprecated or at end of life).
   */
  importsDeprecated?: boolean;
  includeMissing?: boolean;
  /** The repository failed its latest sync (see `repositorySyncs`). */
  syncFailing?: boolean;
}

/** What `GET /patterns` sorts by (see `listPatterns`). */
export type PatternSortKey =
  | 'name'
  | 'kind'
  | 'latest'
  | 'lastPushed'
  | 'owner'
  | 'versions';

/** A sort over the whole result; ties by ascending id. */
export interface PatternSort {
  key: PatternSortKey;
  order: 'asc' | 'desc';
}

/**
 * Which page of a listing: by id after `afterId` (unsorted), or `offset`
 * rows into the sorted (or, unsorted, the id-ordered) result.
 */
export interface PatternPageRequest {
  limit: number;
  afterId?: number;
  offset?: number;
  sort?: PatternSort;
}

/**
 * An import of a version whose imported version is deprecated: the import,
 * the imported pattern and the imported version's signals.
 */
export interface StoredDeprecatedImport {
  /** The importing version. */
  versionId: number;
  /** `registry/repository:tag`, or `@digest` when the import pins one. */
  reference: string;
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  target: Pick<StoredPattern, 'id' | 'sourceId' | 'repository'>;
  /** The imported version's `version` column (its primary file's version). */
  importedVersion: string | null;
  importedDigest: string;
  signals: PatternSignals;
}

/** Per owner of current patterns, how many are in each state (see `ownerRollup`). */
export interface StoredOwnerRollup {
  owner: string;
  total: number;
  healthy: number;
  forced: number;
  deprecated: number;
  behind: number;
  policyFailing: number;
}

/** The index artifact of a namespace at its last full check. */
export interface NamespaceCheck {
  indexDigest: string;
  /** Index entry name to its JSON. */
  entries: Record<string, string>;
  /** When every repository of the namespace was last checked. */
  checkedAt: string;
}
