import {
  DEPRECATION_PHASE_LABELS,
  DEPRECATION_PHASES,
  GATE_DISPLAY_STATUS_OF,
  GATE_DISPLAY_STATUSES,
  GATE_STATE_LABELS,
  GATE_STATES,
  POLICY_RULE_LABELS,
  POLICY_RULES,
  POLICY_STATUS_LABELS,
  POLICY_STATUSES,
  RECORDED_GATE_STATES,
  SYNC_RUN_STATUS_LABELS,
  SYNC_RUN_STATUSES,
  PATTERN_KINDS,
} from '.';
import type { components } from '../api/generated/openapi';

describe.each([
  ['gate states', GATE_STATES, GATE_STATE_LABELS],
  ['policy statuses', POLICY_STATUSES, POLICY_STATUS_LABELS],
  ['deprecation phases', DEPRECATION_PHASES, DEPRECATION_PHASE_LABELS],
  ['sync run statuses', SYNC_RUN_STATUSES, SYNC_RUN_STATUS_LABELS],
  ['policy rules', POLICY_RULES, POLICY_RULE_LABELS],
])('%s', (_name, values: readonly string[], labels: object) => {
  it('labels every value exactly once, and nothing else', () => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
  });

  it('gives each value its own label', () => {
    const words = Object.values(labels) as string[];
    expect(new Set(words).size).toBe(words.length);
    expect(words.every(word => word.trim() !== '')).toBe(true);
  });
});

describe('gate display statuses', () => {
  it('shows each gate state as its own display status', () => {
    const shown = GATE_STATES.map(state => GATE_DISPLAY_STATUS_OF[state]);
    expect([...shown].sort()).toEqual([...GATE_DISPLAY_STATUSES].sort());
  });

  it('records only states that are gate states', () => {
    for (const state of RECORDED_GATE_STATES) {
      expect(GATE_STATES).toContain(state);
    }
    expect(RECORDED_GATE_STATES).not.toContain('absent');
    expect(RECORDED_GATE_STATES).not.toContain('unknown');
  });
});

// The vocabularies and the HTTP contract (openapi.yaml, through the generated
// types) name the same states: adding a state to one and not the other fails
// the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Schemas = components['schemas'];
const sameStates: [
  Same<(typeof GATE_STATES)[number], Schemas['GateState']>,
  Same<(typeof POLICY_STATUSES)[number], Schemas['PolicyStatus']>,
  Same<(typeof DEPRECATION_PHASES)[number], Schemas['DeprecationPhase']>,
  Same<(typeof PATTERN_KINDS)[number], Schemas['PatternKind']>,
  Same<(typeof SYNC_RUN_STATUSES)[number], Schemas['SyncRun']['status']>,
  Same<
    (typeof POLICY_RULES)[number],
    Schemas['PolicyResult']['reasons'][number]['rule']
  >,
] = [true, true, true, true, true, true];

describe('vocabularies and the HTTP contract', () => {
  it('name the same states (checked by the type checker)', () => {
    expect(sameStates.every(Boolean)).toBe(true);
  });
});
