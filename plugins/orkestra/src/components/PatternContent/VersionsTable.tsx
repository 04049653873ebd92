import { EmptyState } from '@backstage/core-components';
import { Cell, CellText, ColumnConfig, Table } from '@backstage/ui';
import {
  DEPRECATION_PHASE_LABELS,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';
import { formatDay, GateBadge, PolicyStatusChip } from '../signals';
import { Section } from './Section';

type VersionRow = PatternVersion & { id: string };

function versionNote(version: PatternVersion): string | undefined {
  if (version.untagged) return 'untagged';
  if (version.floatingOnly) return 'floating tags only';
  return undefined;
}

// Wide enough for the longest gate chip ("Simulate: No assertions") with its
// symbol, so the table never cuts a chip; the columns without chips give way.
const CHIP_COLUMN_WIDTH = 220;

/** A gate's column: its chip, "Not applicable" for a Motif, which has no gates. */
function gateColumn(
  gate: 'simulate' | 'e2e',
  label: string,
): ColumnConfig<VersionRow> {
  return {
    id: gate,
    label,
    minWidth: CHIP_COLUMN_WIDTH,
    cell: v => (
      <Cell>
        <GateBadge
          gate={label}
          signal={v.signals[gate]}
          compact
          notApplicable={v.signals.kind === 'Motif'}
        />
      </Cell>
    ),
  };
}

const columns: ColumnConfig<VersionRow>[] = [
  {
    id: 'version',
    label: 'Version',
    isRowHeader: true,
    cell: v => <CellText title={v.version} description={versionNote(v)} />,
  },
  {
    id: 'tags',
    label: 'Tags',
    cell: v => <CellText title={v.tags.length ? v.tags.join(', ') : '—'} />,
  },
  {
    id: 'created',
    label: 'Created',
    cell: v => <CellText title={formatDay(v.created)} />,
  },
  gateColumn('simulate', 'Simulate'),
  gateColumn('e2e', 'e2e'),
  {
    id: 'policy',
    label: 'Policy',
    minWidth: 150,
    cell: v => (
      <Cell>
        <PolicyStatusChip status={v.policy.status} />
      </Cell>
    ),
  },
  {
    id: 'deprecation',
    label: 'Deprecation',
    cell: v => (
      <CellText title={DEPRECATION_PHASE_LABELS[v.deprecationState]} />
    ),
  },
];

/** Every version of the pattern, newest first, with its signals. */
export const VersionsTable = ({ versions }: { versions: PatternVersion[] }) => (
  <Section title="Versions">
    {versions.length === 0 ? (
      <EmptyState missing="data" title="No versions published yet" />
    ) : (
      <Table
        columnConfig={columns}
        data={versions.map(v => ({ ...v, id: v.digest }))}
        pagination={{ type: 'none' }}
      />
    )}
  </Section>
);
