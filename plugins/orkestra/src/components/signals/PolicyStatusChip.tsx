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

/** Props of {@link PolicyStatusChip}. */
export interface PolicyStatusChipProps {
  status: PolicyStatus;
  /** Show only the status (`Fail`), e.g. under a Policy column header; still spoken as `Policy: Fail`. */
  hideName?: boolean;
}

/** The portal policy status of a version: pass, warn or fail. */
export const PolicyStatusChip = ({
  status,
  hideName,
}: PolicyStatusChipProps) => {
  const look = LOOKS[status];
  const label = `Policy: ${POLICY_STATUS_LABELS[status]}`;
  return (
    <StatusChip
      tone={look.tone}
      symbol={look.symbol}
      label={hideName ? POLICY_STATUS_LABELS[status] : label}
      ariaLabel={label}
      status={status}
    />
  );
};
