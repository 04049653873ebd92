import { LoggerService } from '@backstage/backend-plugin-api';
import { PatternChangedEvent } from '@orkspace/backstage-plugin-orkestra-common';
import pLimit from 'p-limit';
import { RepositoryGoneError } from './steps/listTags';
import {
  addTallies,
  emptyTally,
  PartialFailure,
  repositoryError,
  StepTally,
  SyncErrors,
} from './syncCounts';
import { describeSyncError } from './syncErrors';
import {
  RepositorySynced,
  RepositorySyncInput,
  syncRepository,
} from './syncRepository';

/** The change to announce per repository. */
export type Changes = Map<string, PatternChangedEvent['change']>;

/** What the repositories of a run did, together. */
export interface RepositoriesSynced extends StepTally {
  changes: Changes;
  /** Listed, but the registry no longer has them (a stale index entry). */
  gone: Set<string>;
}

/** One repository's part of a run: what it counted, changed, or that it is gone. */
type RepositoryOutcome = RepositorySynced & { gone?: string };

/**
 * Each repository on its own, `concurrency` at a time: one failing is its
 * error (with what it counted before failing), the others go on.
 */
export async function syncRepositories(
  input: Omit<RepositorySyncInput, 'repository'> & {
    repositories: readonly string[];
    concurrency: number;
    logger: LoggerService;
    /**
     * Records how each repository's sync ended, as soon as it did (not for
     * a repository the registry no longer has).
     */
    record: (repository: string, errors: SyncErrors) => Promise<void>;
  },
): Promise<RepositoriesSynced> {
  const { repositories, concurrency, logger, record, ...common } = input;
  const limit = pLimit(concurrency);
  const syncOne = async (repository: string): Promise<RepositoryOutcome> => {
    try {
      return await syncRepository({ ...common, repository });
    } catch (error) {
      const failure = PartialFailure.after(emptyTally(), error);
      if (failure.cause instanceof RepositoryGoneError)
        return { ...failure.tally, gone: repository };
      const described = describeSyncError(failure.cause);
      logger.warn(
        `Orkestra sync of ${common.opened.config.id} ${repository} failed: ${described.message}`,
      );
      return addTallies(failure.tally, {
        counts: {},
        errors: [{ repository, ...described }],
      });
    }
  };
  const results = await Promise.all(
    repositories.map(repository =>
      limit(async (): Promise<RepositoryOutcome> => {
        const outcome = await syncOne(repository);
        if (outcome.gone) return outcome;
        try {
          await record(repository, outcome.errors);
          return outcome;
        } catch (error) {
          return addTallies(outcome, {
            counts: {},
            errors: [repositoryError(repository, error, 'its sync status')],
          });
        }
      }),
    ),
  );
  let tally = emptyTally();
  const changes: Changes = new Map();
  const gone = new Set<string>();
  results.forEach((result, i) => {
    tally = addTallies(tally, result);
    if (result.gone) gone.add(result.gone);
    if (result.change) changes.set(repositories[i], result.change);
  });
  return { ...tally, changes, gone };
}
