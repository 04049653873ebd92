import { Cell, CellText } from '@backstage/ui';
import {
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { SourceHealthChip } from './chips';
import {
  describeCredentials,
  describeDiscovery,
  describeErrorCount,
  describeSyncCount,
  describeSyncStatus,
  describeSyncTime,
} from './describeSource';
import { LabelledColumn, LabelledTable } from './LabelledTable';
import { SyncNowButton } from './SyncNowButton';

/**
 * Props of {@link SourcesTable}: the configured sources with their last sync.
 *
 * @public
 */
export interface SourcesTableProps {
  sources: SourceStatus[];
  /** Called with a "Sync now" run once the backend accepted it; without it, no "Sync now". */
  onSyncAccepted?: (run: SyncRun) => void;
}

const columns: LabelledColumn<SourceStatus>[] = [
  {
    id: 'id',
    label: 'ID',
    isRowHeader: true,
    cell: source => <CellText title={source.id} />,
  },
  {
    id: 'health',
    label: 'Health',
    cell: source => (
      <Cell>
        <SourceHealthChip health={source.health} />
      </Cell>
    ),
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
export const SourcesTable = ({
  sources,
  onSyncAccepted,
}: SourcesTableProps) => (
  <LabelledTable
    label="Pattern sources"
    columns={
      onSyncAccepted
        ? [
            ...columns,
            {
              id: 'sync',
              label: 'Sync',
              cell: source => (
                <Cell>
                  <SyncNowButton
                    sourceId={source.id}
                    onAccepted={onSyncAccepted}
                  />
                </Cell>
              ),
            },
          ]
        : columns
    }
    data={sources}
  />
);
