import { Text } from '@backstage/ui';
import type { CSSProperties } from 'react';

/** Colour family of a chip; `neutral` is for states that say nothing good or bad. */
export type ChipTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

const chipStyle: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'baseline',
  gap: '0.35em',
  padding: '0.1em 0.6em',
  border: '1px solid currentColor',
  borderRadius: '999px',
  whiteSpace: 'nowrap',
};

/**
 * A small bordered label with a leading symbol, so the state never relies on
 * colour alone. The whole chip is one `status` with the given accessible name.
 */
export const StatusChip = (props: {
  tone: ChipTone;
  symbol: string;
  label: string;
  detail?: string;
  ariaLabel: string;
  status: string;
}) => (
  <Text
    as="span"
    variant="body-small"
    color={props.tone === 'neutral' ? 'secondary' : props.tone}
    role="status"
    aria-label={props.ariaLabel}
    data-status={props.status}
    style={chipStyle}
  >
    <span aria-hidden="true">{props.symbol}</span>
    <strong>{props.label}</strong>
    {props.detail && <span>{props.detail}</span>}
  </Text>
);
