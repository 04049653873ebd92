import { Text } from '@backstage/ui';
import type { CSSProperties } from 'react';

/** Colour family of a chip; `neutral` is for states that say nothing good or bad. */
export type ChipTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/**
 * Backstage UI's intent colours (positive, warning, negative, announcement),
 * which its light and dark themes both define with readable contrast: the
 * subdued foreground on the subdued background of the same intent.
 */
const TONE_STYLES: Record<ChipTone, CSSProperties> = {
  success: {
    color: 'var(--bui-positive-fg-subdued)',
    background: 'var(--bui-positive-bg-subdued)',
    borderColor: 'var(--bui-positive-border)',
  },
  warning: {
    color: 'var(--bui-warning-fg-subdued)',
    background: 'var(--bui-warning-bg-subdued)',
    borderColor: 'var(--bui-warning-border)',
  },
  danger: {
    color: 'var(--bui-negative-fg-subdued)',
    background: 'var(--bui-negative-bg-subdued)',
    borderColor: 'var(--bui-negative-border)',
  },
  info: {
    color: 'var(--bui-announcement-fg-subdued)',
    background: 'var(--bui-announcement-bg-subdued)',
    borderColor: 'var(--bui-announcement-border)',
  },
  // The secondary foreground is too faint on a neutral background in the dark theme.
  neutral: {
    color: 'var(--bui-fg-primary)',
    background: 'var(--bui-bg-neutral-2)',
    borderColor: 'var(--bui-border-2)',
  },
};

const chipStyle: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'baseline',
  gap: '0.35em',
  padding: '0.1em 0.6em',
  border: '1px solid',
  borderRadius: '0.8em',
  // Wraps in a narrow cell rather than being cut off by it, between words
  // first ("Not / applicable", never "applicabl / e").
  maxWidth: '100%',
  overflowWrap: 'break-word',
};

/** The colours of a tone, for other marks that should look like a chip of it. */
export function toneStyle(tone: ChipTone): CSSProperties {
  return TONE_STYLES[tone];
}

/** Props of {@link StatusChip}. */
export interface StatusChipProps {
  tone: ChipTone;
  /** The icon: a symbol that tells the state apart without its colour. */
  symbol: string;
  label: string;
  detail?: string;
  ariaLabel: string;
  status: string;
  /** Shown on hover, e.g. the full list behind a short label. */
  tooltip?: string;
}

/**
 * A small bordered, tinted label with a leading symbol, so the state never
 * relies on colour alone. The whole chip is one `status` with the given
 * accessible name.
 */
export const StatusChip = (props: StatusChipProps) => (
  <Text
    as="span"
    variant="body-small"
    role="status"
    aria-label={props.ariaLabel}
    data-status={props.status}
    data-tone={props.tone}
    title={props.tooltip}
    style={{ ...chipStyle, ...TONE_STYLES[props.tone] }}
  >
    <span aria-hidden="true">{props.symbol}</span>
    <strong>{props.label}</strong>
    {props.detail && <span>{props.detail}</span>}
  </Text>
);
