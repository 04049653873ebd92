import {
  PATTERN_COUNT_FILTERS,
  PatternCounts,
} from '@orkspace/backstage-plugin-orkestra-common';
import { PatternFilter } from '../store/PatternStore';
import { ServiceContext } from './context';
import { patternFilterOf } from './patternListing';

/**
 * How many current patterns match each filter of {@link PATTERN_COUNT_FILTERS}:
 * one store query, each count filtered exactly as `GET /patterns` filters
 * (end of life at now).
 */
export async function getPatternCounts({
  store,
  now,
}: ServiceContext): Promise<PatternCounts> {
  const at = now();
  const filters = Object.fromEntries(
    Object.entries(PATTERN_COUNT_FILTERS).map(([key, query]) => [
      key,
      patternFilterOf(query, at),
    ]),
  ) as Record<keyof PatternCounts, PatternFilter>;
  return store.countPatterns(filters);
}
