import { useMemo } from 'react';
import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { describeResponseError } from '@orkspace/backstage-plugin-orkestra-common';
import { Button, SortDescriptor } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { usePatternEntityLink } from './entityName';
import {
  HealthView,
  PAGE_SIZES,
  pageQuery,
  pageSizeOf,
  SORT_KEYS,
} from './healthView';
import { LabelledTable } from './LabelledTable';
import { patternColumns } from './patternColumns';
import { hasFilters } from './patternFilters';

/** Props of {@link PatternsTable}. */
export interface PatternsTableProps {
  /** Filters, search, sort and page. */
  view: HealthView;
  /** Changes the sort or the page. */
  onViewChange: (change: Partial<HealthView>) => void;
  /** Bumped to read the page again (e.g. after a sync). */
  revision?: number;
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

function toDescriptor(view: HealthView): SortDescriptor | null {
  if (!view.sort) return null;
  return {
    column: view.sort,
    direction: view.order === 'desc' ? 'descending' : 'ascending',
  };
}

/**
 * One page of patterns, sorted and paged by the API over the whole result
 * (`sort`, `order`, `offset`); the page and sort come from the view.
 */
export const PatternsTable = (props: PatternsTableProps) => {
  const { view, onViewChange, revision = 0 } = props;
  const orkestraApi = useApi(orkestraApiRef);
  const entityLink = usePatternEntityLink();
  const columns = useMemo(() => patternColumns(entityLink), [entityLink]);
  const query = useMemo(() => pageQuery(view), [view]);

  const { loading, error, value } = useAsync(
    async () => orkestraApi.listPatterns(query),
    // The query's JSON, so an equal view after a navigation asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [orkestraApi, JSON.stringify(query), revision],
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
  if (!value.items.length && view.page === 1) {
    return (
      <NoPatterns filtered={hasFilters(view.filters) || Boolean(view.q)} />
    );
  }
  if (!value.items.length) {
    // A shared link or the back button can point past the last page.
    return (
      <EmptyState
        missing="data"
        title={`There is no page ${view.page}`}
        description={`${value.totalCount} patterns match.`}
        action={
          <Button variant="secondary" onPress={() => onViewChange({ page: 1 })}>
            First page
          </Button>
        }
      />
    );
  }
  const pageSize = pageSizeOf(view);
  const offset = (view.page - 1) * pageSize;
  return (
    <LabelledTable
      label="Patterns"
      columns={columns}
      data={value.items}
      sort={{
        descriptor: toDescriptor(view),
        onSortChange: descriptor => {
          const column = SORT_KEYS.find(key => key === descriptor.column);
          onViewChange({
            sort: column,
            order: descriptor.direction === 'descending' ? 'desc' : 'asc',
            page: 1,
          });
        },
      }}
      pagination={{
        pageSize,
        pageSizeOptions: [...PAGE_SIZES],
        onPageSizeChange: size => onViewChange({ pageSize: size, page: 1 }),
        offset,
        totalCount: value.totalCount,
        hasNextPage: offset + value.items.length < value.totalCount,
        hasPreviousPage: view.page > 1,
        onNextPage: () => onViewChange({ page: view.page + 1 }),
        onPreviousPage: () =>
          onViewChange({ page: Math.max(1, view.page - 1) }),
      }}
    />
  );
};
