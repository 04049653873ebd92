import {
  describeGate,
  GATE_STATE_HINTS,
  GateDisplayStatus,
  GateSignal,
  GateState,
} from '@orkspace/backstage-plugin-orkestra-common';
import { ChipTone, StatusChip } from './StatusChip';

const LOOKS: Record<GateDisplayStatus, { tone: ChipTone; symbol: string }> = {
  verified: { tone: 'success', symbol: '✓' },
  'no-assertions': { tone: 'warning', symbol: '○' },
  skipped: { tone: 'warning', symbol: '⚠' },
  failed: { tone: 'danger', symbol: '✗' },
  'not-verified': { tone: 'neutral', symbol: '–' },
  unknown: { tone: 'neutral', symbol: '?' },
};

/** The label of a gate that does not apply, such as any gate of a Motif. */
export const NOT_APPLICABLE_LABEL = 'Not applicable';

/** The state's label, and what it means when the label alone hides it ("Skipped (forced publish)"). */
function spokenState(state: GateState, label: string): string {
  const hint = GATE_STATE_HINTS[state];
  return hint ? `${label} (${hint})` : label;
}

/** Props of {@link GateBadge}. */
export interface GateBadgeProps {
  /** Shown before the state, e.g. `Simulate` or `e2e`. */
  gate: string;
  signal: GateSignal;
  /** Hide the detail line (assertions, duration, age), e.g. in tables. */
  compact?: boolean;
  /** Show only the state, e.g. under a column header that names the gate; still spoken with it. */
  hideGateName?: boolean;
  /**
   * The gate does not apply (a Motif has no simulate or e2e gate): shown as
   * "Not applicable" instead of "Not verified" when it never ran.
   */
  notApplicable?: boolean;
  /** Reference time for "tested … ago"; defaults to now. */
  now?: Date;
}

/** A gate signal from only its state, as in version headlines. */
export function gateFromState(state: GateState): GateSignal {
  return { state, assertions: 0 };
}

/**
 * The result of one publishing gate, following `ork inspect`: verified,
 * no assertions, skipped (forced publish), failed or not verified; or not
 * applicable, for a gate that never ran and does not apply. An absent gate is
 * never shown as passed.
 */
export const GateBadge = (props: GateBadgeProps) => {
  const { gate, signal, compact, hideGateName, notApplicable, now } = props;
  if (notApplicable && signal.state === 'absent') {
    return (
      <StatusChip
        tone="neutral"
        symbol="–"
        label={
          hideGateName
            ? NOT_APPLICABLE_LABEL
            : `${gate}: ${NOT_APPLICABLE_LABEL}`
        }
        ariaLabel={`${gate}: ${NOT_APPLICABLE_LABEL}`}
        status="not-applicable"
      />
    );
  }
  const display = describeGate(signal, now);
  const look = LOOKS[display.status];
  const spokenDetail = display.detail?.split(' · ').join(', ');
  const spoken = spokenState(signal.state, display.label);
  return (
    <StatusChip
      tone={look.tone}
      symbol={look.symbol}
      label={hideGateName ? display.label : `${gate}: ${display.label}`}
      detail={compact ? undefined : display.detail}
      ariaLabel={`${gate}: ${spoken}${spokenDetail ? `, ${spokenDetail}` : ''}`}
      status={display.status}
    />
  );
};
