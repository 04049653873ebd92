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
  includeMissing?: boolean;
  /** The repository failed its latest sync (see `repositorySyncs`). */
  syncFailing?: boolean;
}

/** The index artifact of a namespace at its last full check. */
export interface NamespaceCheck {
  indexDigest: string;
  /** Index entry name to its JSON. */
  entries: Record<string, string>;
  /** When every repository of the namespace was last checked. */
  checkedAt: string;
}
