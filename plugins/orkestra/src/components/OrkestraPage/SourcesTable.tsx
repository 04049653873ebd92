import { CellText, ColumnConfig } from '@backstage/ui';
import { SourceStatus } from '@orkspace/backstage-plugin-orkestra-common';
import {
  describeCredentials,
  describeDiscovery,
  describeErrorCount,
  describeSyncCount,
  describeSyncStatus,
  describeSyncTime,
} from './describeSource';
import { LabelledTable } from './LabelledTable';

/**
 * Props of {@link SourcesTable}: the configured sources with their last sync.
 *
 * @public
 */
export interface SourcesTableProps {
  sources: SourceStatus[];
}

const columns: ColumnConfig<SourceStatus>[] = [
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
  {
    id: 'last-sync',
    label: 'Last sync',
    cell: source => <CellText title={describeSyncStatus(source.lastSync)} />,
  },
  {
    id: 'synced',
    label: 'When',
    cell: source => <CellText title={describeSyncTime(source.lastSync)} />,
  },
  {
    id: 'repositories',
    label: 'Repositories',
    cell: source => (
      <CellText title={describeSyncCount(source.lastSync, 'repositories')} />
    ),
  },
  {
    id: 'new-versions',
    label: 'New versions',
    cell: source => (
      <CellText title={describeSyncCount(source.lastSync, 'newVersions')} />
    ),
  },
  {
    // Images, charts and other artifacts next to patterns: remembered, never an error.
    id: 'not-patterns',
    label: 'Not patterns',
    cell: source => (
      <CellText title={describeSyncCount(source.lastSync, 'notPatterns')} />
    ),
  },
  {
    id: 'errors',
    label: 'Errors',
    cell: source => <CellText title={describeErrorCount(source.lastSync)} />,
  },
];

/**
 * The configured pattern sources with their last sync, one row each.
 *
 * @public
 */
export const SourcesTable = ({ sources }: SourcesTableProps) => (
  <LabelledTable label="Pattern sources" columns={columns} data={sources} />
);
