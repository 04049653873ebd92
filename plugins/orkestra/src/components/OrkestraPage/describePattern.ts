import {
  DeprecationPhase,
  describeGate,
  GateState,
  PolicyStatus,
} from '@orkspace/backstage-plugin-orkestra-common';

/** `Verified`, `No assertions`, `Skipped`, `Failed`, `Not verified` or `Unknown`, as `ork inspect` says. */
export function gateLabel(state: GateState): string {
  return describeGate({ state, assertions: 0 }).label;
}

const DEPRECATION_LABELS: Record<DeprecationPhase, string> = {
  none: 'Not deprecated',
  announced: 'Deprecation announced',
  deprecated: 'Deprecated',
  'end-of-life': 'End of life',
};

export function deprecationLabel(phase: DeprecationPhase): string {
  return DEPRECATION_LABELS[phase] ?? phase;
}

const POLICY_LABELS: Record<PolicyStatus, string> = {
  pass: 'Pass',
  warn: 'Warnings',
  fail: 'Failures',
};

export function policyLabel(status: PolicyStatus): string {
  return POLICY_LABELS[status] ?? status;
}

/** Every gate state, in the order the filters offer them. */
export const GATE_STATES: GateState[] = [
  'passed',
  'no-assertion',
  'skipped',
  'failed',
  'absent',
  'unknown',
];

export const POLICY_STATUSES: PolicyStatus[] = ['pass', 'warn', 'fail'];
