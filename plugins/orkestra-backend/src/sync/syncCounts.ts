import { SyncRun } from '@orkspace/backstage-plugin-orkestra-common';
import { describeSyncError } from './syncErrors';

/** What a sync run did, counted; stored with the run. */
export interface SyncCounts {
  repositories: number;
  tags: number;
  manifestsFetched: number;
  blobsFetched: number;
  blobsReused: number;
  newVersions: number;
  movedTags: number;
  missingTags: number;
  droppedTags: number;
  missingRepositories: number;
  droppedRepositories: number;
  /** Known repositories not checked: their namespace's index artifact did not change. */
  skippedRepositories: number;
  changedPatterns: number;
  /** Manifests that are not patterns (images, charts, ...): remembered by digest, never an error. */
  notPatterns: number;
  errors: number;
}

/** The errors a run keeps, one per failed repository, version or listing. */
export type SyncErrors = SyncRun['errors'];

/**
 * What one step counted and the errors it met: added to the run's totals.
 * `counts.errors` is left out: a run counts the errors it keeps.
 */
export interface StepTally {
  counts: Partial<SyncCounts>;
  errors: SyncErrors;
}

/** A tally of nothing yet. */
export function emptyTally(): StepTally {
  return { counts: {}, errors: [] };
}

export function emptyCounts(): SyncCounts {
  return {
    repositories: 0,
    tags: 0,
    manifestsFetched: 0,
    blobsFetched: 0,
    blobsReused: 0,
    newVersions: 0,
    movedTags: 0,
    missingTags: 0,
    droppedTags: 0,
    missingRepositories: 0,
    droppedRepositories: 0,
    skippedRepositories: 0,
    changedPatterns: 0,
    notPatterns: 0,
    errors: 0,
  };
}

/** `a + b`, count by count. */
export function addCounts(
  a: Partial<SyncCounts>,
  b: Partial<SyncCounts>,
): Partial<SyncCounts> {
  const sum: Partial<SyncCounts> = { ...a };
  for (const key of Object.keys(b) as Array<keyof SyncCounts>)
    sum[key] = (sum[key] ?? 0) + (b[key] ?? 0);
  return sum;
}

/** Two tallies as one. */
export function addTallies(a: StepTally, b: StepTally): StepTally {
  return {
    counts: addCounts(a.counts, b.counts),
    errors: [...a.errors, ...b.errors],
  };
}

/**
 * A step failed after it had counted some work: the run keeps that count and
 * handles `cause` as the failure.
 */
export class PartialFailure extends Error {
  constructor(readonly cause: unknown, readonly tally: StepTally) {
    super(cause instanceof Error ? cause.message : String(cause));
  }

  /** `error` with `before` counted ahead of what it carries already. */
  static after(before: StepTally, error: unknown): PartialFailure {
    return error instanceof PartialFailure
      ? new PartialFailure(error.cause, addTallies(before, error.tally))
      : new PartialFailure(error, before);
  }
}

/** An error of `repository`, prefixed with what it concerns. */
export function repositoryError(
  repository: string,
  error: unknown,
  what?: string,
): SyncErrors[number] {
  const described = describeSyncError(error);
  return {
    repository,
    ...described,
    message: what ? `${what}: ${described.message}` : described.message,
  };
}
