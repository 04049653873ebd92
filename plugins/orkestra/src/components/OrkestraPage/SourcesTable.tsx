import { CellText, ColumnConfig, Table } from '@backstage/ui';
import { SourceSummary } from '@internal/backstage-plugin-orkestra-common';
import { describeCredentials, describeDiscovery } from './describeSource';

/** @public */
export interface SourcesTableProps {
  sources: SourceSummary[];
}

const columns: ColumnConfig<SourceSummary>[] = [
  {
    id: 'id',
    label: 'ID',
    isRowHeader: true,
    cell: source => <CellText title={source.id} />,
  },
  {
    id: 'type',
    label: 'Type',
    cell: source => <CellText title={source.type} />,
  },
  {
    id: 'target',
    label: 'Target',
    cell: source => <CellText title={source.target} />,
  },
  {
    id: 'discovery',
    label: 'Discovery',
    cell: source => <CellText title={describeDiscovery(source.discovery)} />,
  },
  {
    id: 'credentials',
    label: 'Credentials',
    cell: source => <CellText title={describeCredentials(source)} />,
  },
];

/**
 * The configured pattern sources, one row each.
 *
 * @public
 */
export const SourcesTable = ({ sources }: SourcesTableProps) => (
  <Table columnConfig={columns} data={sources} pagination={{ type: 'none' }} />
);
