import {
  DEPRECATION_PHASE_LABELS,
  GATE_STATE_LABELS,
  GateState,
  PatternQuery,
} from '@orkspace/backstage-plugin-orkestra-common';

/** The server-side filters of the patterns table (the search text is kept apart). */
export type PatternFilters = Pick<
  PatternQuery,
  'kind' | 'simulate' | 'e2e' | 'deprecated' | 'policy' | 'importsBehind'
>;

/** Whether two filter sets select the same patterns. */
export function sameFilters(a: PatternFilters, b: PatternFilters): boolean {
  return (
    a.kind === b.kind &&
    a.simulate === b.simulate &&
    a.e2e === b.e2e &&
    a.deprecated === b.deprecated &&
    a.policy === b.policy &&
    a.importsBehind === b.importsBehind
  );
}

/** Whether any filter is set. */
export function hasFilters(filters: PatternFilters): boolean {
  return !sameFilters(filters, {});
}

/** One count of the health summary and the table filter it stands for. */
export interface HealthCountDefinition {
  id: string;
  label: string;
  description: string;
  filter: PatternFilters;
}

/** A count of the patterns whose latest simulate gate is in `state`, named by the state. */
function simulateCount(state: GateState, description: string) {
  return {
    id: `simulate-${state}`,
    label: GATE_STATE_LABELS[state],
    description,
    filter: { simulate: state },
  };
}

/** The counts read with `limit: 1` (their `totalCount`), one request each. */
export const HEALTH_COUNTS: HealthCountDefinition[] = [
  {
    id: 'total',
    label: 'Total patterns',
    description: 'every pattern of every source',
    filter: {},
  },
  simulateCount('passed', 'simulate passed'),
  simulateCount('absent', 'simulate never ran'),
  simulateCount('skipped', 'simulate skipped (forced publish)'),
  simulateCount('no-assertion', 'simulate ran without assertions'),
  {
    id: 'policy-fail',
    label: 'Policy failures',
    description: 'latest version fails policy',
    filter: { policy: 'fail' },
  },
  {
    id: 'policy-warn',
    label: 'Policy warnings',
    description: 'latest version has policy warnings',
    filter: { policy: 'warn' },
  },
  {
    id: 'imports-behind',
    label: 'Importers behind',
    description: 'latest version imports an older version of a pattern',
    filter: { importsBehind: true },
  },
];

/** The deprecated count; read from a listing of up to this many deprecated patterns. */
export const DEPRECATED_COUNT: HealthCountDefinition = {
  id: 'deprecated',
  label: DEPRECATION_PHASE_LABELS.deprecated,
  description: 'latest version deprecated',
  filter: { deprecated: true },
};

/** The most patterns one request returns; end of life is only counted when every deprecated one fits. */
export const FULL_LISTING_LIMIT = 200;
