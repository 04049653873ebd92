import { PolicyStatus } from '@orkspace/backstage-plugin-orkestra-common';
import { ChipTone, StatusChip } from './StatusChip';

const LOOKS: Record<
  PolicyStatus,
  { tone: ChipTone; symbol: string; label: string }
> = {
  pass: { tone: 'success', symbol: '✓', label: 'Pass' },
  warn: { tone: 'warning', symbol: '⚠', label: 'Warn' },
  fail: { tone: 'danger', symbol: '✗', label: 'Fail' },
};

/** The portal policy status of a version: pass, warn or fail. */
export const PolicyStatusChip = ({ status }: { status: PolicyStatus }) => {
  const look = LOOKS[status];
  return (
    <StatusChip
      tone={look.tone}
      symbol={look.symbol}
      label={`Policy: ${look.label}`}
      ariaLabel={`Policy: ${look.label}`}
      status={status}
    />
  );
};
