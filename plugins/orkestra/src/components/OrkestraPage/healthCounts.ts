import {
  DEPRECATION_PHASE_LABELS,
  PATTERN_COUNT_FILTERS,
  PatternCounts,
} from '@orkspace/backstage-plugin-orkestra-common';
import type { ChipTone } from '../signals/StatusChip';
import { PatternFilters } from './patternFilters';

/** One count of the health summary and the table filter it stands for. */
export interface HealthCountDefinition {
  id: string;
  /** Its field of `GET /pattern-counts`, counted with the same filter. */
  count: keyof PatternCounts;
  label: string;
  description: string;
  filter: PatternFilters;
  /** The colour and icon of a count above zero; a zero count is neutral. */
  tone: ChipTone;
  symbol: string;
}

/** The card of a count: its filter is the one the API counts it with. */
function countCard(
  id: string,
  count: keyof PatternCounts,
  card: Omit<HealthCountDefinition, 'id' | 'count' | 'filter'>,
): HealthCountDefinition {
  return { id, count, filter: PATTERN_COUNT_FILTERS[count], ...card };
}

/**
 * A count of the Katalogs whose latest simulate gate is in a state. Only
 * Katalogs: a Motif has no gates, so it is never "not verified".
 */
function simulateCount(
  id: string,
  count: keyof PatternCounts,
  label: string,
  description: string,
  look: Pick<HealthCountDefinition, 'tone' | 'symbol'>,
): HealthCountDefinition {
  return countCard(id, count, {
    label,
    description: `Katalogs: ${description}`,
    ...look,
  });
}

/** The counts of the summary, all read in one request (`GET /pattern-counts`). */
export const HEALTH_COUNTS: HealthCountDefinition[] = [
  countCard('total', 'total', {
    label: 'Total patterns',
    description: 'every pattern of every source',
    tone: 'info',
    symbol: '∑',
  }),
  simulateCount(
    'simulate-passed',
    'simulatePassed',
    'Katalogs verified',
    'simulate passed',
    { tone: 'success', symbol: '✓' },
  ),
  simulateCount(
    'simulate-absent',
    'simulateAbsent',
    'Katalogs not verified',
    'simulate never ran',
    { tone: 'warning', symbol: '–' },
  ),
  simulateCount(
    'simulate-skipped',
    'simulateSkipped',
    'Katalogs skipped',
    'simulate skipped (forced publish)',
    { tone: 'warning', symbol: '⚠' },
  ),
  simulateCount(
    'simulate-no-assertion',
    'simulateNoAssertion',
    'Katalogs without assertions',
    'simulate ran without assertions',
    { tone: 'warning', symbol: '○' },
  ),
  countCard('forced', 'forced', {
    label: 'Forced',
    description: 'latest version published with a gate skipped',
    tone: 'warning',
    symbol: '⚠',
  }),
  countCard('deprecated', 'deprecated', {
    label: DEPRECATION_PHASE_LABELS.deprecated,
    description: 'latest version deprecated',
    tone: 'warning',
    symbol: '⚠',
  }),
  countCard('end-of-life', 'endOfLife', {
    label: DEPRECATION_PHASE_LABELS['end-of-life'],
    description: 'deprecated past their end of life date',
    tone: 'danger',
    symbol: '✗',
  }),
  countCard('imports-deprecated', 'importsDeprecated', {
    label: 'Import deprecated',
    description: 'latest version imports a deprecated version',
    tone: 'warning',
    symbol: '⚠',
  }),
  countCard('imports-behind', 'importsBehind', {
    label: 'Importers behind',
    description: 'latest version imports an older version of a pattern',
    tone: 'warning',
    symbol: '↓',
  }),
  countCard('policy-fail', 'policyFail', {
    label: 'Policy failures',
    description: 'latest version fails policy',
    tone: 'danger',
    symbol: '✗',
  }),
  countCard('policy-warn', 'policyWarn', {
    label: 'Policy warnings',
    description: 'latest version has policy warnings',
    tone: 'warning',
    symbol: '⚠',
  }),
];
