import { PatternChangedEvent } from '@orkspace/backstage-plugin-orkestra-common';
import { OwnershipConfig } from '../config/orkestraConfig';
import { OpenedSource } from '../sources/OpenSources';
import { PatternStore } from '../store/PatternStore';
import { applyTags, tagsChanged } from './steps/applyTags';
import { fetchNewVersions } from './steps/fetchNewVersions';
import { listTags } from './steps/listTags';
import { resolveTags } from './steps/resolveTags';
import { updateLatest } from './steps/updateLatest';
import { addTallies, PartialFailure, StepTally } from './syncCounts';

export interface RepositorySyncInput {
  store: PatternStore;
  opened: OpenedSource;
  repository: string;
  ownership: OwnershipConfig;
  maxYamlBytes: number;
  now: string;
  /** A tag or repository missing since before this is dropped. */
  dropBefore: string;
}

export interface RepositorySynced extends StepTally {
  /** The change to announce; undefined when nothing changed. */
  change?: PatternChangedEvent['change'];
}

/**
 * One repository, step by step: list its tags, resolve them, fetch the new
 * digests, apply the tags, update the latest version. Throws a
 * PartialFailure (with what was counted) when the repository fails as a
 * whole; a RepositoryGoneError as its cause means the registry deleted it.
 */
export async function syncRepository(
  input: RepositorySyncInput,
): Promise<RepositorySynced> {
  let tally: StepTally = { counts: {}, errors: [] };
  const count = (step: StepTally) => {
    tally = addTallies(tally, step);
  };
  const done = (change?: RepositorySynced['change']): RepositorySynced => ({
    change,
    ...tally,
  });
  try {
    const { store, opened, repository, now, dropBefore } = input;
    const sourceId = opened.config.id;
    const listed = await listTags(opened, repository);
    count({ counts: {}, errors: listed.errors });
    const stored = await store.getPatternByRepository(sourceId, repository);
    const notPatterns = await store.notPatterns.digestsOf(sourceId, repository);
    const tags = await resolveTags({
      store: opened.store,
      repository,
      tags: listed.tags,
      seenBefore: stored !== undefined || notPatterns.size > 0,
    });
    count(tags);
    const { resolved, unresolved } = tags;
    count({ counts: { tags: resolved.length }, errors: [] });
    if (!stored && resolved.length === 0) return done(); // an empty repository is no pattern yet

    const digests = [...new Set(resolved.map(r => r.descriptor.digest))];
    const known = stored
      ? await store.versionIdsByDigest(stored.id, digests)
      : new Map<string, number>();
    const fetched = await fetchNewVersions({
      store,
      opened,
      repository,
      digests: digests.filter(d => !known.has(d)),
      notPatterns,
      prefetched: tags.prefetched,
      pattern: stored,
      ownership: input.ownership,
      maxYamlBytes: input.maxYamlBytes,
      now,
    });
    count(fetched);
    const versionIds = new Map([...known, ...fetched.versionIds]);
    await store.notPatterns.remember(
      sourceId,
      repository,
      fetched.newNotPatterns,
      now,
    );
    if (unresolved.length === 0 && notPatterns.size > 0)
      await store.notPatterns.forgetAllBut(
        sourceId,
        repository,
        new Set(digests),
      );
    const pattern = fetched.pattern;
    if (!pattern) return done(); // nothing but non-pattern manifests

    const tagChanges = await applyTags(store, {
      patternId: pattern.id,
      resolved,
      versionIds,
      notPatterns,
      unresolved,
      now,
      dropBefore,
    });
    count({
      counts: {
        movedTags: tagChanges.moved,
        missingTags: tagChanges.markedMissing,
        droppedTags: tagChanges.dropped,
      },
      errors: [],
    });
    const latestChanged = await updateLatest(store, {
      source: opened.config,
      patternId: pattern.id,
      resolved,
      versionIds,
      ownership: input.ownership,
      now,
    });
    if (!stored) return done('added');
    const revived = stored.missingSince !== null;
    const changed =
      fetched.versionIds.size > 0 ||
      tagsChanged(tagChanges) ||
      latestChanged ||
      revived;
    return done(changed ? 'updated' : undefined);
  } catch (error) {
    throw PartialFailure.after(tally, error);
  }
}
