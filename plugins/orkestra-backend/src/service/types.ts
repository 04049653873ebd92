import {
  ListPatternsResponse,
  OwnerRollup,
  PatternCounts,
  PatternDependent,
  PatternEntityFeed,
  PatternFile,
  PatternImport,
  PatternKind,
  PatternQuery,
  PatternSummary,
  PatternVersion,
  PolicyResult,
  SourceStatus,
  SyncRun,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';

/** A file's content, capped; `truncated` when the file is larger than the cap. */
export interface FileContent {
  name: string;
  mediaType: string;
  size: number;
  content: Uint8Array;
  truncated: boolean;
}

/**
 * The read model and commands behind `/api/orkestra`. Pattern ids are
 * `<source>:<repository>`; a version is named by a tag or a digest.
 * Unknown ids, versions or files throw NotFoundError; bad input InputError.
 */
export interface PatternService {
  listPatterns(query: PatternQuery): Promise<ListPatternsResponse>;
  /** Per owner of current patterns, how many are healthy, forced, deprecated, behind and failing policy. */
  listOwnerRollup(query?: { kind?: PatternKind }): Promise<OwnerRollup[]>;
  /** How many current patterns match each filter of the health summary, in one store query. */
  getPatternCounts(): Promise<PatternCounts>;
  getPattern(id: string): Promise<PatternSummary>;
  listVersions(id: string): Promise<PatternVersion[]>;
  getVersion(id: string, version: string): Promise<PatternVersion>;
  listFiles(id: string, version: string): Promise<PatternFile[]>;
  getFileContent(
    id: string,
    version: string,
    file: string,
  ): Promise<FileContent>;
  /** What a version (default: the latest) imports, resolved to known patterns. */
  listDependencies(id: string, version?: string): Promise<PatternImport[]>;
  /** Pattern versions that import this pattern, and whether they are behind its latest version. */
  listDependents(id: string): Promise<PatternDependent[]>;
  getUpgradePath(id: string, version: string): Promise<UpgradePath>;
  getPolicy(id: string, version: string): Promise<PolicyResult>;
  listSources(): Promise<SourceStatus[]>;
  listSyncRuns(sourceId: string, limit?: number): Promise<SyncRun[]>;
  /** Records a gate run of a scaffolder action; returns its id. */
  recordGateRun(run: {
    reference: string;
    gate: 'simulate' | 'e2e';
    status: string;
    startedAt: string;
    finishedAt?: string;
    taskId?: string;
    detail?: Record<string, unknown>;
  }): Promise<number>;
  /** Syncs one repository of a source now, known or not (after a publish). */
  resyncRepository(sourceId: string, repository: string): Promise<SyncRun>;
  /** Syncs the pattern's repository now. */
  resync(id: string): Promise<SyncRun>;
  /** Starts a full sync of the source now ("Sync now"), or answers the full run going. */
  syncSource(sourceId: string): Promise<SyncRun>;
  /** Patterns for the catalog module, with cursor paging. */
  entityFeed(options: {
    cursor?: string;
    limit?: number;
    /** Only this source's patterns. */
    source?: string;
    /** Only this repository: one pattern, or none when it is gone. */
    repository?: string;
  }): Promise<PatternEntityFeed>;
}
