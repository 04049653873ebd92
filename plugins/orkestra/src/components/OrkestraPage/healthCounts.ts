import {
  DEPRECATION_PHASE_LABELS,
  GateState,
} from '@orkspace/backstage-plugin-orkestra-common';
import type { ChipTone } from '../signals/StatusChip';
import { PatternFilters } from './patternFilters';

/** One count of the health summary and the table filter it stands for. */
export interface HealthCountDefinition {
  id: string;
  label: string;
  description: string;
  filter: PatternFilters;
  /** The colour and icon of a count above zero; a zero count is neutral. */
  tone: ChipTone;
  symbol: string;
}

/**
 * A count of the Katalogs whose latest simulate gate is in `state`. Only
 * Katalogs: a Motif has no gates, so it is never "not verified".
 */
function simulateCount(
  state: GateState,
  label: string,
  description: string,
  look: Pick<HealthCountDefinition, 'tone' | 'symbol'>,
): HealthCountDefinition {
  return {
    id: `simulate-${state}`,
    label,
    description: `Katalogs: ${description}`,
    filter: { kind: 'Katalog', simulate: state },
    ...look,
  };
}

/** The counts of the summary, each read with `limit: 1` (its `totalCount`), one request each. */
export const HEALTH_COUNTS: HealthCountDefinition[] = [
  {
    id: 'total',
    label: 'Total patterns',
    description: 'every pattern of every source',
    filter: {},
    tone: 'info',
    symbol: '∑',
  },
  simulateCount('passed', 'Katalogs verified', 'simulate passed', {
    tone: 'success',
    symbol: '✓',
  }),
  simulateCount('absent', 'Katalogs not verified', 'simulate never ran', {
    tone: 'warning',
    symbol: '–',
  }),
  simulateCount(
    'skipped',
    'Katalogs skipped',
    'simulate skipped (forced publish)',
    { tone: 'warning', symbol: '⚠' },
  ),
  simulateCount(
    'no-assertion',
    'Katalogs without assertions',
    'simulate ran without assertions',
    { tone: 'warning', symbol: '○' },
  ),
  {
    id: 'forced',
    label: 'Forced',
    description: 'latest version published with a gate skipped',
    filter: { forced: true },
    tone: 'warning',
    symbol: '⚠',
  },
  {
    id: 'deprecated',
    label: DEPRECATION_PHASE_LABELS.deprecated,
    description: 'latest version deprecated',
    filter: { deprecated: true },
    tone: 'warning',
    symbol: '⚠',
  },
  {
    id: 'end-of-life',
    label: DEPRECATION_PHASE_LABELS['end-of-life'],
    description: 'deprecated past their end of life date',
    filter: { endOfLife: true },
    tone: 'danger',
    symbol: '✗',
  },
  {
    id: 'imports-deprecated',
    label: 'Import deprecated',
    description: 'latest version imports a deprecated version',
    filter: { importsDeprecated: true },
    tone: 'warning',
    symbol: '⚠',
  },
  {
    id: 'imports-behind',
    label: 'Importers behind',
    description: 'latest version imports an older version of a pattern',
    filter: { importsBehind: true },
    tone: 'warning',
    symbol: '↓',
  },
  {
    id: 'policy-fail',
    label: 'Policy failures',
    description: 'latest version fails policy',
    filter: { policy: 'fail' },
    tone: 'danger',
    symbol: '✗',
  },
  {
    id: 'policy-warn',
    label: 'Policy warnings',
    description: 'latest version has policy warnings',
    filter: { policy: 'warn' },
    tone: 'warning',
    symbol: '⚠',
  },
];
