import { useMemo, useState } from 'react';
import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  describeResponseError,
  PatternQuery,
  SourceStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Container, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { orkestraApiRef } from '../../api';
import { HealthSummary } from './HealthSummary';
import { OrkestraIntro } from './OrkestraIntro';
import { PatternFiltersBar } from './PatternFiltersBar';
import { hasFilters, PatternFilters } from './patternFilters';
import { PatternsTable } from './PatternsTable';
import { SourcesTable } from './SourcesTable';
import { SyncErrors } from './SyncErrors';

/** How long the search waits after the last keystroke before it asks the API. */
export const SEARCH_DEBOUNCE_MS = 300;

function useSources() {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(
    async () => (await orkestraApi.listSources()).items,
    [orkestraApi],
  );
}

const NoSources = () => (
  <EmptyState
    missing="data"
    title="No pattern sources configured"
    description={
      <>
        Add at least one registry or layout under <code>orkestra.sources</code>{' '}
        in <code>app-config.yaml</code>.
      </>
    }
  />
);

const SourcesContent = (props: {
  loading: boolean;
  error?: Error;
  sources?: SourceStatus[];
}) => {
  if (props.loading) {
    return <Progress />;
  }
  if (props.error) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the pattern sources"
        message={describeResponseError(props.error)}
        defaultExpanded
      />
    );
  }
  if (!props.sources?.length) {
    return <NoSources />;
  }
  return (
    <Flex direction="column" gap="3">
      <SourcesTable sources={props.sources} />
      <SyncErrors sources={props.sources} />
    </Flex>
  );
};

const SourcesSection = () => {
  const { loading, error, value } = useSources();
  return (
    <Flex direction="column" gap="2">
      <Text as="h3" variant="title-small">
        Pattern sources
      </Text>
      <SourcesContent loading={loading} error={error} sources={value} />
    </Flex>
  );
};

/** The API query of the filters and search, without unset values. */
function toQuery(filters: PatternFilters, q: string): PatternQuery {
  const query: PatternQuery = {};
  if (filters.kind !== undefined) query.kind = filters.kind;
  if (filters.simulate !== undefined) query.simulate = filters.simulate;
  if (filters.e2e !== undefined) query.e2e = filters.e2e;
  if (filters.deprecated !== undefined) query.deprecated = filters.deprecated;
  if (filters.policy !== undefined) query.policy = filters.policy;
  if (filters.importsBehind !== undefined)
    query.importsBehind = filters.importsBehind;
  if (q) query.q = q;
  return query;
}

const PatternsSection = () => {
  const [filters, setFilters] = useState<PatternFilters>({});
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(searchText.trim()), SEARCH_DEBOUNCE_MS, [searchText]);
  const query = useMemo(() => toQuery(filters, q), [filters, q]);

  const showCount = (countFilters: PatternFilters) => {
    setFilters(countFilters);
    setSearchText('');
    setQ('');
  };

  return (
    <Flex direction="column" gap="4">
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-small">
          Summary
        </Text>
        <HealthSummary filters={filters} onSelect={showCount} />
      </Flex>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-small">
          Patterns
        </Text>
        <PatternFiltersBar
          filters={filters}
          onFiltersChange={setFilters}
          searchText={searchText}
          onSearchTextChange={setSearchText}
        />
        <PatternsTable
          key={JSON.stringify(query)}
          query={query}
          filtered={hasFilters(filters) || Boolean(q)}
        />
      </Flex>
    </Flex>
  );
};

/**
 * The Orkestra page, "Pattern health" for platform teams: counts of patterns
 * by health signal, every pattern with its signals, and the sync status of
 * every source. The app renders the page header; this is only the content.
 *
 * @public
 */
export const OrkestraPage = () => (
  <Container>
    <Flex direction="column" gap="4">
      <OrkestraIntro />
      <PatternsSection />
      <SourcesSection />
    </Flex>
  </Container>
);
