import { Cell, CellText } from '@backstage/ui';
import {
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { SourceHealthChip } from './chips';
import {
  describeCredentials,
  describeDiscovery,
  describeRunCounts,
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

// Few, labelled columns: every header stays whole at 1440 px.
const columns: LabelledColumn<SourceStatus>[] = [
  {
    id: 'id',
    label: 'Source',
    isRowHeader: true,
    cssWidth: '22%',
    cell: source => (
      <CellText
        title={source.id}
        description={`${source.type} · ${source.target}`}
      />
    ),
  },
  {
    id: 'health',
    label: 'Health',
    cssWidth: '10%',
    cell: source => (
      <Cell>
        <SourceHealthChip health={source.health} />
      </Cell>
    ),
  },
  {
    id: 'discovery',
    label: 'Discovery',
    cssWidth: '10%',
    cell: source => <CellText title={describeDiscovery(source.discovery)} />,
  },
  {
    id: 'credentials',
    label: 'Credentials',
    cssWidth: '11%',
    cell: source => <CellText title={describeCredentials(source)} />,
  },
  {
    id: 'last-sync',
    label: 'Last sync',
    cssWidth: '14%',
    cell: source => (
      <CellText
        title={describeSyncStatus(source.lastSync)}
        description={describeSyncTime(source.lastSync)}
      />
    ),
  },
  {
    // Images, charts and other artifacts next to patterns are counted as
    // "not patterns": remembered, never an error.
    id: 'counts',
    label: 'Last sync found',
    cssWidth: '28%',
    cell: source => <CellText title={describeRunCounts(source.lastSync)} />,
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
