import { Alert, Flex, Text } from '@backstage/ui';
import { createContext, ReactNode, useContext } from 'react';
import {
  Deprecation,
  DEPRECATION_PHASE_LABELS,
  DeprecationPhase,
  deprecationState,
} from '@orkspace/backstage-plugin-orkestra-common';

/** Props of {@link DeprecationBanner}. */
export interface DeprecationBannerProps {
  /** `lifecycle.deprecation` of the version (its signals' `deprecation`). */
  deprecation?: Deprecation;
  /** The phase the backend computed; computed from `deprecation` when absent. */
  phase?: DeprecationPhase;
  /** The version the banner is about, e.g. `v1.4.0`. */
  version?: string;
  /** Reference time for the phase and the days left; defaults to now. */
  now?: Date;
}

const ShownAboveContext = createContext(false);

/**
 * Marks `children` as shown below a page-wide deprecation banner of the same
 * pattern, so they do not repeat it in full.
 */
export const DeprecationShownAbove = (props: { children?: ReactNode }) => (
  <ShownAboveContext.Provider value>
    {props.children}
  </ShownAboveContext.Provider>
);

/** Whether a page-wide banner above already shows the pattern's deprecation. */
export function useDeprecationShownAbove(): boolean {
  return useContext(ShownAboveContext);
}

const STATUS = {
  announced: 'info',
  deprecated: 'warning',
  'end-of-life': 'danger',
} as const;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function timelineLines(
  phase: Exclude<DeprecationPhase, 'none'>,
  deprecation: Deprecation | undefined,
  daysToEndOfLife: number | undefined,
): string[] {
  const lines: string[] = [];
  const from = deprecation?.timelineFrom;
  const to = deprecation?.timelineTo;
  if (from) {
    lines.push(
      phase === 'announced'
        ? `Deprecated from ${from}`
        : `Deprecated since ${from}`,
    );
  }
  if (to && phase === 'end-of-life') {
    lines.push(`End of life since ${to}`);
  } else if (to) {
    lines.push(
      daysToEndOfLife === undefined
        ? `End of life on ${to}`
        : `End of life on ${to} (in ${plural(daysToEndOfLife, 'day')})`,
    );
  }
  return lines;
}

/**
 * Where a deprecated pattern version is in its lifecycle (announced,
 * deprecated, end of life), with its timeline, its message and what to
 * migrate to. Renders nothing for a version that is not deprecated.
 */
export const DeprecationBanner = (props: DeprecationBannerProps) => {
  const computed = deprecationState(props.deprecation, props.now ?? new Date());
  const phase = props.phase ?? computed.state;
  if (phase === 'none') {
    return null;
  }
  const phaseLabel = DEPRECATION_PHASE_LABELS[phase];
  const title = props.version ? `${phaseLabel}: ${props.version}` : phaseLabel;
  const lines = timelineLines(
    phase,
    props.deprecation,
    computed.daysToEndOfLife,
  );
  const migratedTo = props.deprecation?.migratedTo;
  const message = props.deprecation?.message;
  return (
    <Alert
      role="note"
      aria-label={phaseLabel}
      status={STATUS[phase]}
      icon
      title={title}
      description={
        <Flex direction="column" gap="1">
          {lines.map(line => (
            <Text as="p" variant="body-medium" key={line}>
              {line}
            </Text>
          ))}
          {message && (
            <Text as="p" variant="body-medium">
              {message}
            </Text>
          )}
          {migratedTo && (
            <Text as="p" variant="body-medium">
              Migrate to <code>{migratedTo}</code>
            </Text>
          )}
        </Flex>
      }
    />
  );
};
