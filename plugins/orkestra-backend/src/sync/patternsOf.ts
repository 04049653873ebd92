import { PatternStore } from '../store/PatternStore';

/** A pattern as the store lists it. */
export type StoredPattern = Awaited<
  ReturnType<PatternStore['listPatterns']>
>['rows'][number];

/** Every pattern of a source, missing ones included. */
export async function patternsOf(
  store: PatternStore,
  sourceId: string,
): Promise<StoredPattern[]> {
  return (
    await store.listPatterns(
      { source: sourceId, includeMissing: true },
      { limit: 1_000_000 },
    )
  ).rows;
}
