import { PatternStore } from '../store/PatternStore';
import { patternsOf } from './patternsOf';
import { SyncErrors } from './syncCounts';

/**
 * The error an entry keeps for a repository's errors in one run: the first,
 * saying how many more the run has.
 */
export function entryError(
  errors: SyncErrors,
): { code?: string; message: string } | undefined {
  const [first] = errors;
  if (!first) return undefined;
  const more = errors.length - 1;
  return {
    ...(first.code ? { code: first.code } : {}),
    message:
      more > 0
        ? `${first.message} (and ${more} more error${
            more === 1 ? '' : 's'
          } in this run)`
        : first.message,
  };
}

/**
 * Records how `repository`'s sync in run `runId` ended: failed with its
 * errors, or succeeded (which clears an earlier error).
 */
export function recordRepositorySync(
  store: PatternStore,
  entry: {
    sourceId: string;
    repository: string;
    runId: number;
    finishedAt: string;
    errors: SyncErrors;
  },
): Promise<void> {
  const error = entryError(entry.errors);
  return store.repositorySyncs.record({
    sourceId: entry.sourceId,
    repository: entry.repository,
    runId: entry.runId,
    finishedAt: entry.finishedAt,
    ...(error ? { error } : {}),
  });
}

/**
 * A one-repository run whose errors concern more than the repository's own
 * steps (the source could not be opened, the policy refresh failed): the
 * repository's latest sync failed, whatever its steps recorded.
 */
export async function recordResyncFailure(
  store: PatternStore,
  run: {
    sourceId: string;
    repository: string;
    runId: number;
    finishedAt: string;
    errors: SyncErrors;
  },
): Promise<void> {
  if (run.errors.every(e => e.repository)) return;
  await recordRepositorySync(store, run);
}

/**
 * After a full run's complete listing: the entries of repositories the
 * source no longer has go (neither listed, nor kept unlisted, nor a stored
 * pattern still in its grace period). An entry written since the run
 * started stays: a resync may know of a repository the listing did not yet.
 */
export async function forgetGoneRepositories(
  store: PatternStore,
  input: {
    sourceId: string;
    listed: readonly string[];
    unlisted: ReadonlySet<string>;
    startedAt: string;
  },
): Promise<number> {
  const keep = new Set([...input.listed, ...input.unlisted]);
  for (const pattern of await patternsOf(store, input.sourceId))
    keep.add(pattern.repository);
  return store.repositorySyncs.forgetAllBut(
    input.sourceId,
    keep,
    input.startedAt,
  );
}
