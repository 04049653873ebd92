import type { GateSignal, PatternSignals } from '../signals';
import type { GateState } from '../vocabulary';
import type { PolicyGate } from './types';

const GATE_PROBLEMS: Record<Exclude<GateState, 'passed'>, string> = {
  skipped: 'was skipped (forced publish)',
  absent: 'did not run',
  'no-assertion': 'ran without assertions',
  failed: 'failed',
  unknown: 'has an unrecognised state',
};

export function gateProblem(
  gate: PolicyGate,
  signal: GateSignal | undefined,
): string {
  const state: GateState = signal?.state ?? 'absent';
  if (state === 'passed') {
    return '';
  }
  let problem = GATE_PROBLEMS[state] ?? GATE_PROBLEMS.unknown;
  if (state === 'unknown' && signal?.raw !== undefined) {
    problem = `${problem} ${JSON.stringify(signal.raw)}`;
  }
  return `Required gate ${gate} ${problem}`;
}

/** Required gates that apply to a pattern of `kind`, in a fixed order. */
export function applicableGates(
  requiredGates: PolicyGate[] | undefined,
  kind: PatternSignals['kind'],
): PolicyGate[] {
  if (!Array.isArray(requiredGates) || kind === 'Motif') {
    return [];
  }
  const gates: PolicyGate[] = [];
  if (requiredGates.includes('simulate')) {
    gates.push('simulate');
  }
  if (requiredGates.includes('e2e') && kind === 'Katalog') {
    gates.push('e2e');
  }
  return gates;
}
