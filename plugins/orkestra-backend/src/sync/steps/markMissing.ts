import { PatternChangedEvent } from '@orkspace/backstage-plugin-orkestra-common';
import { PatternStore } from '../../store/PatternStore';
import { patternsOf, StoredPattern } from '../patternsOf';

export interface MarkMissingInput {
  sourceId: string;
  /** The source's patterns before this run. */
  before: readonly StoredPattern[];
  /** Listed and still in the registry. */
  listed: ReadonlySet<string>;
  /** Known repositories of scopes that could not be listed: kept as they are. */
  unlisted: ReadonlySet<string>;
  now: string;
  dropBefore: string;
}

export interface MarkedMissing {
  markedMissing: number;
  dropped: number;
  /** Each pattern no longer listed: `missing`, or `removed` once dropped. */
  changes: Map<string, PatternChangedEvent['change']>;
}

/**
 * Step (retention): patterns the listing no longer names are marked missing,
 * and dropped once missing longer than the grace period. Nothing is deleted
 * because a sync failed: only a complete listing comes here.
 */
export async function markMissing(
  store: PatternStore,
  input: MarkMissingInput,
): Promise<MarkedMissing> {
  const { sourceId, listed, unlisted } = input;
  const { markedMissing, dropped } = await store.markMissingPatterns(
    sourceId,
    [...listed, ...unlisted],
    input.now,
    input.dropBefore,
  );
  const after = new Set(
    (await patternsOf(store, sourceId)).map(p => p.repository),
  );
  const changes = new Map<string, PatternChangedEvent['change']>();
  for (const { repository } of input.before) {
    if (!listed.has(repository) && !unlisted.has(repository))
      changes.set(repository, after.has(repository) ? 'missing' : 'removed');
  }
  return { markedMissing, dropped, changes };
}
