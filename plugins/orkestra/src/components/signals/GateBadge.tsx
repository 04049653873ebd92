import {
  describeGate,
  GateDisplayStatus,
  GateSignal,
  GateState,
} from '@orkspace/backstage-plugin-orkestra-common';
import { ChipTone, StatusChip } from './StatusChip';

interface GateLook {
  tone: ChipTone;
  symbol: string;
  /** Visible label; the skipped gate is marked as a forced publish. */
  label: string;
  /** Spoken label. */
  spoken: string;
}

const LOOKS: Record<GateDisplayStatus, GateLook> = {
  verified: {
    tone: 'success',
    symbol: '✓',
    label: 'Verified',
    spoken: 'Verified',
  },
  'no-assertions': {
    tone: 'warning',
    symbol: '○',
    label: 'No assertions',
    spoken: 'No assertions',
  },
  skipped: {
    tone: 'warning',
    symbol: '⚠',
    label: 'Forced / skipped',
    spoken: 'Skipped (forced publish)',
  },
  failed: { tone: 'danger', symbol: '✗', label: 'Failed', spoken: 'Failed' },
  'not-verified': {
    tone: 'neutral',
    symbol: '–',
    label: 'Not verified',
    spoken: 'Not verified',
  },
  unknown: {
    tone: 'neutral',
    symbol: '?',
    label: 'Unknown',
    spoken: 'Unknown',
  },
};

/** Props of {@link GateBadge}. */
export interface GateBadgeProps {
  /** Shown before the state, e.g. `Simulate` or `e2e`. */
  gate: string;
  signal: GateSignal;
  /** Hide the detail line (assertions, duration, age), e.g. in tables. */
  compact?: boolean;
  /** Reference time for "tested … ago"; defaults to now. */
  now?: Date;
}

/** A gate signal from only its state, as in version headlines. */
export function gateFromState(state: GateState): GateSignal {
  return { state, assertions: 0 };
}

/**
 * The result of one publishing gate, following `ork inspect`: verified,
 * no assertions, skipped (forced publish), failed or not verified. An absent
 * gate is never shown as passed.
 */
export const GateBadge = ({ gate, signal, compact, now }: GateBadgeProps) => {
  const display = describeGate(signal, now);
  const look = LOOKS[display.status];
  const spokenDetail = display.detail?.split(' · ').join(', ');
  return (
    <StatusChip
      tone={look.tone}
      symbol={look.symbol}
      label={`${gate}: ${look.label}`}
      detail={compact ? undefined : display.detail}
      ariaLabel={`${gate}: ${look.spoken}${
        spokenDetail ? `, ${spokenDetail}` : ''
      }`}
      status={display.status}
    />
  );
};
