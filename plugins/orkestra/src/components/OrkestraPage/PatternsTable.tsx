import { useMemo, useState } from 'react';
import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DEPRECATION_PHASE_LABELS,
  formatAge,
  GATE_STATE_LABELS,
  PatternQuery,
  PatternSummary,
  POLICY_STATUS_LABELS,
  describeResponseError,
} from '@orkspace/backstage-plugin-orkestra-common';
import { CellText, ColumnConfig, SortDescriptor } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { ownerLabel } from './describePattern';
import { usePatternEntityLink } from './entityName';
import { LabelledTable } from './LabelledTable';
import { sortPatterns } from './sortPatterns';

/** Patterns per page of the table. */
export const PAGE_SIZE = 25;

const NONE = '—';

/** The table's columns; `entityLink` links a pattern to its catalog entity page. */
function patternColumns(
  entityLink: (repository: string) => string | undefined,
): ColumnConfig<PatternSummary>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      isRowHeader: true,
      isSortable: true,
      minWidth: 220,
      cell: pattern => (
        <CellText
          title={pattern.name}
          description={pattern.repository}
          href={entityLink(pattern.repository)}
        />
      ),
    },
    {
      id: 'kind',
      label: 'Kind',
      isSortable: true,
      cell: pattern => <CellText title={pattern.kind} />,
    },
    {
      id: 'latest',
      label: 'Latest version',
      isSortable: true,
      cell: pattern => <CellText title={pattern.latest?.version ?? NONE} />,
    },
    {
      id: 'simulate',
      label: 'Simulate',
      cell: pattern => (
        <CellText
          title={
            pattern.latest ? GATE_STATE_LABELS[pattern.latest.simulate] : NONE
          }
        />
      ),
    },
    {
      id: 'e2e',
      label: 'E2E',
      cell: pattern => (
        <CellText
          title={pattern.latest ? GATE_STATE_LABELS[pattern.latest.e2e] : NONE}
        />
      ),
    },
    {
      id: 'deprecation',
      label: 'Deprecation',
      cell: pattern => (
        <CellText
          title={
            pattern.latest
              ? DEPRECATION_PHASE_LABELS[pattern.latest.deprecationState]
              : NONE
          }
        />
      ),
    },
    {
      id: 'policy',
      label: 'Policy',
      cell: pattern => (
        <CellText
          title={
            pattern.latest
              ? POLICY_STATUS_LABELS[pattern.latest.policyStatus]
              : NONE
          }
        />
      ),
    },
    {
      id: 'owner',
      label: 'Owner',
      minWidth: 140,
      cell: pattern => <CellText title={ownerLabel(pattern.owner)} />,
    },
    {
      id: 'versions',
      label: 'Versions',
      cell: pattern => <CellText title={String(pattern.versionCount)} />,
    },
    {
      id: 'updated',
      label: 'Updated',
      isSortable: true,
      cell: pattern => (
        <CellText title={formatAge(pattern.updatedAt) ?? pattern.updatedAt} />
      ),
    },
  ];
}

/** Props of {@link PatternsTable}. */
export interface PatternsTableProps {
  /** Filters and search; give a new `key` with a new query to start again at the first page. */
  query: PatternQuery;
  /** Whether the query filters anything, to word the empty state. */
  filtered: boolean;
}

const NoPatterns = ({ filtered }: { filtered: boolean }) =>
  filtered ? (
    <EmptyState
      missing="data"
      title="No patterns match these filters"
      description="Clear the filters or the search to see every pattern."
    />
  ) : (
    <EmptyState
      missing="data"
      title="No patterns yet"
      description="Patterns appear here once a sync of a pattern source finds artifacts pushed with ork push."
    />
  );

/**
 * One page of patterns at a time, paged by the API's cursors (a stack of
 * them, so Previous goes back) and sorted within the page.
 */
export const PatternsTable = ({ query, filtered }: PatternsTableProps) => {
  const orkestraApi = useApi(orkestraApiRef);
  /** The cursor of every page after the first that was opened, in order. */
  const [cursors, setCursors] = useState<string[]>([]);
  const [sort, setSort] = useState<SortDescriptor | null>(null);
  const cursor = cursors[cursors.length - 1];
  const entityLink = usePatternEntityLink();
  const columns = useMemo(() => patternColumns(entityLink), [entityLink]);

  const { loading, error, value } = useAsync(
    async () =>
      orkestraApi.listPatterns({
        ...query,
        ...(cursor ? { cursor } : {}),
        limit: PAGE_SIZE,
      }),
    [orkestraApi, query, cursor],
  );

  const rows = useMemo(
    () =>
      sortPatterns(
        value?.items ?? [],
        sort ? String(sort.column) : undefined,
        sort?.direction,
      ),
    [value, sort],
  );

  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the patterns"
        message={error && describeResponseError(error)}
        defaultExpanded
      />
    );
  }
  if (!value.items.length && !cursors.length) {
    return <NoPatterns filtered={filtered} />;
  }
  const nextCursor = value.nextCursor;
  return (
    <LabelledTable
      label="Patterns"
      columns={columns}
      data={rows}
      sort={{ descriptor: sort, onSortChange: setSort }}
      pagination={{
        pageSize: PAGE_SIZE,
        pageSizeOptions: [],
        showPageSizeOptions: false,
        offset: cursors.length * PAGE_SIZE,
        totalCount: value.totalCount,
        hasNextPage: Boolean(nextCursor),
        hasPreviousPage: cursors.length > 0,
        onNextPage: () => {
          if (nextCursor) setCursors(stack => [...stack, nextCursor]);
        },
        onPreviousPage: () => setCursors(stack => stack.slice(0, -1)),
      }}
    />
  );
};
