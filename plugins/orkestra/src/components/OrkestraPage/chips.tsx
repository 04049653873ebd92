import {
  DEPRECATION_PHASE_LABELS,
  DeprecatedImport,
  DeprecationPhase,
  RepositorySyncProblem,
  SourceHealth,
  SYNC_RUN_STATUS_LABELS,
  SyncRunStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Text, VisuallyHidden } from '@backstage/ui';
import { ChipTone, StatusChip, toneStyle } from '../signals/StatusChip';

interface Look {
  tone: ChipTone;
  symbol: string;
}

const DEPRECATION_LOOKS: Record<DeprecationPhase, Look> = {
  none: { tone: 'neutral', symbol: '–' },
  announced: { tone: 'info', symbol: 'ℹ' },
  deprecated: { tone: 'warning', symbol: '⚠' },
  'end-of-life': { tone: 'danger', symbol: '✗' },
};

/** The deprecation phase of a version. */
export const DeprecationChip = ({ state }: { state: DeprecationPhase }) => {
  const look = DEPRECATION_LOOKS[state];
  const label = DEPRECATION_PHASE_LABELS[state];
  // Nothing to act on: a quiet dash, so the deprecated rows stand out.
  if (state === 'none')
    return (
      <Text
        as="span"
        variant="body-small"
        color="secondary"
        role="status"
        aria-label={`Deprecation: ${label}`}
        data-status={state}
        title={label}
      >
        —
      </Text>
    );
  return (
    <StatusChip
      {...look}
      label={label}
      ariaLabel={`Deprecation: ${label}`}
      status={state}
    />
  );
};

/** Labels of a source's health. */
export const SOURCE_HEALTH_LABELS: Record<SourceHealth, string> = {
  ok: 'OK',
  partial: 'Partial',
  failing: 'Failing',
  'never-synced': 'Never synced',
};

const HEALTH_LOOKS: Record<SourceHealth, Look> = {
  ok: { tone: 'success', symbol: '✓' },
  partial: { tone: 'warning', symbol: '⚠' },
  failing: { tone: 'danger', symbol: '✗' },
  'never-synced': { tone: 'neutral', symbol: '–' },
};

/** A source's health, from its last full run and its repositories' latest syncs. */
export const SourceHealthChip = ({ health }: { health: SourceHealth }) => (
  <StatusChip
    {...HEALTH_LOOKS[health]}
    label={SOURCE_HEALTH_LABELS[health]}
    ariaLabel={`Health: ${SOURCE_HEALTH_LABELS[health]}`}
    status={health}
  />
);

const RUN_LOOKS: Record<SyncRunStatus, Look> = {
  running: { tone: 'info', symbol: '↻' },
  succeeded: { tone: 'success', symbol: '✓' },
  partial: { tone: 'warning', symbol: '⚠' },
  failed: { tone: 'danger', symbol: '✗' },
};

/** The outcome of one sync run. */
export const SyncRunStatusChip = ({ status }: { status: SyncRunStatus }) => {
  const look = RUN_LOOKS[status] ?? { tone: 'neutral', symbol: '?' };
  const label = SYNC_RUN_STATUS_LABELS[status] ?? status;
  return (
    <StatusChip
      {...look}
      label={label}
      ariaLabel={`Sync: ${label}`}
      status={status}
    />
  );
};

/** `reference (Deprecated, migrate to …)` for one deprecated import. */
export function describeDeprecatedImport(item: DeprecatedImport): string {
  const phase = DEPRECATION_PHASE_LABELS[item.state] ?? item.state;
  return item.migrateTo
    ? `${item.reference} (${phase}, migrate to ${item.migrateTo})`
    : `${item.reference} (${phase})`;
}

/** Marks a pattern whose latest version imports deprecated versions; names them. */
export const DeprecatedImportsChip = ({
  imports,
}: {
  imports: DeprecatedImport[];
}) => {
  const names = imports.map(describeDeprecatedImport).join('; ');
  const worst = imports.some(i => i.state === 'end-of-life');
  return (
    <StatusChip
      tone={worst ? 'danger' : 'warning'}
      symbol="⚠"
      label={
        imports.length === 1
          ? 'Imports deprecated'
          : `Imports ${imports.length} deprecated`
      }
      ariaLabel={`Imports deprecated: ${names}`}
      status="imports-deprecated"
      tooltip={names}
    />
  );
};

/** `code: message` of a repository's failed sync. */
export function describeSyncProblem(problem: RepositorySyncProblem): string {
  return problem.code ? `${problem.code}: ${problem.message}` : problem.message;
}

/** An error icon next to a pattern whose repository failed its latest sync, with the message. */
export const SyncProblemMark = ({
  problem,
}: {
  problem: RepositorySyncProblem;
}) => {
  const text = `Sync failed: ${describeSyncProblem(problem)}`;
  return (
    <span
      data-status="sync-failing"
      title={text}
      style={{
        ...toneStyle('danger'),
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: '1.4em',
        height: '1.4em',
        flexShrink: 0,
        border: '1px solid',
        borderRadius: '50%',
        fontSize: '0.85em',
      }}
    >
      <span aria-hidden="true">✗</span>
      <VisuallyHidden>{text}</VisuallyHidden>
    </span>
  );
};
