import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Cell, CellText, Text } from '@backstage/ui';
import {
  describeResponseError,
  formatAge,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { formatDuration } from '../signals/format';
import { SyncRunStatusChip } from './chips';
import { describeErrorCount, describeSyncCount } from './describeSource';
import { LabelledColumn, LabelledTable } from './LabelledTable';

/** How many runs of a source the panel lists. */
export const RUNS_SHOWN = 20;

const columns: LabelledColumn<SyncRun>[] = [
  {
    id: 'status',
    label: 'Status',
    isRowHeader: true,
    cell: run => (
      <Cell>
        <SyncRunStatusChip status={run.status} />
      </Cell>
    ),
  },
  {
    id: 'trigger',
    label: 'Trigger',
    cell: run => <CellText title={run.trigger} />,
  },
  {
    id: 'repository',
    label: 'Repository',
    cell: run => (
      <Cell>
        <Text
          as="span"
          variant="body-medium"
          style={{ overflowWrap: 'anywhere' }}
        >
          {run.repository ?? 'whole source'}
        </Text>
      </Cell>
    ),
  },
  {
    id: 'started',
    label: 'Started',
    cell: run => <CellText title={formatAge(run.startedAt) ?? run.startedAt} />,
  },
  {
    id: 'duration',
    label: 'Duration',
    cell: run => (
      <CellText title={formatDuration(run.startedAt, run.finishedAt)} />
    ),
  },
  {
    id: 'repositories',
    label: 'Repositories',
    cell: run => <CellText title={describeSyncCount(run, 'repositories')} />,
  },
  {
    id: 'new-versions',
    label: 'New versions',
    cell: run => <CellText title={describeSyncCount(run, 'newVersions')} />,
  },
  {
    id: 'errors',
    label: 'Errors',
    cell: run => <CellText title={describeErrorCount(run)} />,
  },
];

/** The latest {@link RUNS_SHOWN} sync runs of a source, newest first. */
export const SyncRunsTable = (props: {
  sourceId: string;
  revision: number;
}) => {
  const { sourceId, revision } = props;
  const orkestraApi = useApi(orkestraApiRef);
  const { loading, error, value } = useAsync(
    async () => (await orkestraApi.listSyncRuns(sourceId, RUNS_SHOWN)).items,
    [orkestraApi, sourceId, revision],
  );
  if (loading) return <Progress />;
  if (error || !value) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the sync runs"
        message={error && describeResponseError(error)}
      />
    );
  }
  if (!value.length) {
    return (
      <Text as="p" variant="body-medium">
        No sync runs yet.
      </Text>
    );
  }
  return (
    <LabelledTable
      label={`Sync runs of ${sourceId}`}
      columns={columns}
      data={value}
    />
  );
};
