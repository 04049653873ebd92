import {
  Descriptor,
  FetchedManifest,
  OciNotFoundError,
  OciStore,
} from '@orkspace/backstage-plugin-orkestra-node';
import pLimit from 'p-limit';
import { HEAD_CONCURRENCY } from '../concurrency';
import {
  PartialFailure,
  repositoryError,
  StepTally,
  SyncErrors,
} from '../syncCounts';
import { isVersionError } from '../syncErrors';

export interface ResolvedTag {
  tag: string;
  descriptor: Descriptor;
}

export interface ResolvedTags extends StepTally {
  resolved: ResolvedTag[];
  /** Manifests already fetched by tag, by digest: not fetched again. */
  prefetched: Map<string, FetchedManifest>;
  /** Tags whose manifest could not be read: left as they were. */
  unresolved: string[];
}

type TagOutcome =
  | { tag: string; descriptor: Descriptor; fetched?: FetchedManifest }
  | { tag: string; gone: true }
  | { tag: string; error: unknown };

/**
 * Step: tag → descriptor. A repository seen before is HEADed tag by tag (its
 * digests are mostly known); one seen for the first time needs every
 * manifest, and a GET by tag answers with the digest too. A tag whose
 * manifest cannot be read is that tag's problem (`unresolved`: left as it
 * was); an unreachable registry fails the repository (a PartialFailure, once
 * every request has settled).
 */
export async function resolveTags(input: {
  store: OciStore;
  repository: string;
  tags: readonly string[];
  seenBefore: boolean;
}): Promise<ResolvedTags> {
  const { store, repository, seenBefore } = input;
  const limit = pLimit(HEAD_CONCURRENCY);
  const settled = await Promise.allSettled(
    input.tags.map(tag =>
      limit(async (): Promise<TagOutcome> => {
        try {
          if (seenBefore)
            return { tag, descriptor: await store.resolve(repository, tag) };
          const fetched = await store.fetchManifest(repository, tag);
          return { tag, descriptor: fetched.descriptor, fetched };
        } catch (error) {
          if (!isVersionError(error)) throw error;
          // A tag deleted since the listing is simply gone.
          if (error instanceof OciNotFoundError) return { tag, gone: true };
          return { tag, error };
        }
      }),
    ),
  );
  const resolved: ResolvedTag[] = [];
  const prefetched = new Map<string, FetchedManifest>();
  const unresolved: string[] = [];
  const errors: SyncErrors = [];
  let manifestsFetched = 0;
  let failure: PromiseRejectedResult | undefined;
  for (const outcome of settled) {
    if (outcome.status === 'rejected') {
      failure ??= outcome;
      continue;
    }
    const result = outcome.value;
    if ('error' in result) {
      errors.push(repositoryError(repository, result.error));
      unresolved.push(result.tag);
    } else if ('descriptor' in result) {
      resolved.push({ tag: result.tag, descriptor: result.descriptor });
      if (result.fetched) {
        manifestsFetched++;
        prefetched.set(result.descriptor.digest, result.fetched);
      }
    }
  }
  const counts = { manifestsFetched };
  if (failure) throw new PartialFailure(failure.reason, { counts, errors });
  return { resolved, prefetched, unresolved, counts, errors };
}
