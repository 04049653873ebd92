import { inScope } from '../../sources/sourceScope';
import { SyncErrors } from '../syncCounts';
import { describeSyncError } from '../syncErrors';
import { UnlistedScope } from './discoverRepositories';

/** The known repositories a listing could not see, kept as they are, and why. */
export interface KeptUnlisted {
  kept: string[];
  /** One per scope that could not be listed and holds known repositories. */
  errors: SyncErrors;
}

/**
 * Step: what could not be listed is recorded, and the known repositories
 * under it keep their state. A namespace without an index where nothing is
 * known is simply empty (nothing was pushed there yet): no error.
 */
export function keepUnlisted(
  known: readonly string[],
  scopes: readonly UnlistedScope[],
): KeptUnlisted {
  const kept: string[] = [];
  const errors: SyncErrors = [];
  for (const { scope, absent, what, error } of scopes) {
    const under = known.filter(repository => inScope(repository, scope));
    if (absent && under.length === 0) continue;
    kept.push(...under);
    const described = describeSyncError(error);
    errors.push({
      repository: scope,
      ...described,
      message: `${what ? `${what}: ` : ''}${described.message}; ${
        under.length
      } known repositories under ${scope} are kept as they are`,
    });
  }
  return { kept, errors };
}
