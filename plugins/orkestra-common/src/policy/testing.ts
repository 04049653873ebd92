import type { GateSignal, PatternSignals } from '../signals';
import type { GateState, PatternKind } from '../vocabulary';
import type { PolicyInput } from './types';

export function gate(state: GateState, raw?: string): GateSignal {
  const signal: GateSignal = { state, assertions: state === 'passed' ? 3 : 0 };
  if (state !== 'absent') {
    signal.raw = raw ?? state;
  }
  return signal;
}

export function signals(
  overrides: Partial<PatternSignals> & { kind?: PatternKind } = {},
): PatternSignals {
  return {
    kind: 'Katalog',
    tags: [],
    simulate: gate('passed'),
    e2e: gate('passed'),
    intent: gate('absent'),
    ...overrides,
  };
}

export const REF = 'ghcr.io/acme/katalogs/postgres:v1.0.0';

export function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return { reference: REF, signals: signals(), ...overrides };
}

export const NOW = new Date('2026-03-10T12:00:00Z');
