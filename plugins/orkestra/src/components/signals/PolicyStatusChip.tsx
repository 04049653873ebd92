import {
  POLICY_STATUS_LABELS,
  PolicyStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { ChipTone, StatusChip } from './StatusChip';

const LOOKS: Record<PolicyStatus, { tone: ChipTone; symbol: string }> = {
  pass: { tone: 'success', symbol: '✓' },
  warn: { tone: 'warning', symbol: '⚠' },
  fail: { tone: 'danger', symbol: '✗' },
};

/** The portal policy status of a version: pass, warn or fail. */
export const PolicyStatusChip = ({ status }: { status: PolicyStatus }) => {
  const look = LOOKS[status];
  const label = `Policy: ${POLICY_STATUS_LABELS[status]}`;
  return (
    <StatusChip
      tone={look.tone}
      symbol={look.symbol}
      label={label}
      ariaLabel={label}
      status={status}
    />
  );
};
