import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
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

/**
 * A pattern's owner as the catalog shows it: `platform-team` for
 * `group:default/platform-team`. Owners are read like `spec.owner` (kind Group,
 * namespace default when absent, so the backend's default `unknown` works);
 * a value that is no entity reference at all is shown as it is.
 */
export function ownerLabel(owner: string): string {
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return humanizeEntityRef(ref, { defaultKind: 'group' });
  } catch {
    return owner;
  }
}
