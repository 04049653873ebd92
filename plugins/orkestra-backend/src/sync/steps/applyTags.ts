import { PatternStore } from '../../store/PatternStore';
import { ResolvedTag } from './resolveTags';

export interface ApplyTagsInput {
  patternId: number;
  resolved: readonly ResolvedTag[];
  /** The stored version of each digest. */
  versionIds: ReadonlyMap<string, number>;
  notPatterns: ReadonlySet<string>;
  /** Tags whose manifest could not be read: left as they were. */
  unresolved: readonly string[];
  now: string;
  /** A tag missing since before this is dropped. */
  dropBefore: string;
}

export type TagChanges = Awaited<ReturnType<PatternStore['applyTags']>>;

/**
 * Step: the pattern's tags become the resolved ones. A tag whose version
 * could not be stored this time stays as it was; a tag gone from the
 * registry is marked missing, and dropped after the grace period.
 */
export function applyTags(
  store: PatternStore,
  input: ApplyTagsInput,
): Promise<TagChanges> {
  const present = new Map<string, number>();
  const keep = new Set(input.unresolved);
  for (const { tag, descriptor } of input.resolved) {
    const id = input.versionIds.get(descriptor.digest);
    if (id !== undefined) present.set(tag, id);
    else if (!input.notPatterns.has(descriptor.digest)) keep.add(tag);
  }
  return store.applyTags(
    input.patternId,
    present,
    input.now,
    input.dropBefore,
    keep,
  );
}

/** Whether the tags changed at all. */
export function tagsChanged(changes: TagChanges): boolean {
  return (
    changes.added + changes.moved + changes.markedMissing + changes.dropped > 0
  );
}
