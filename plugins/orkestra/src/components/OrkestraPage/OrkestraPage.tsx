import { useCallback, useEffect, useRef, useState } from 'react';
import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { describeResponseError } from '@orkspace/backstage-plugin-orkestra-common';
import { Container, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { orkestraApiRef } from '../../api';
import { FailingSources, needsAttention } from './FailingSources';
import { HealthView } from './healthView';
import { HealthSummary } from './HealthSummary';
import { OrkestraIntro } from './OrkestraIntro';
import { PatternFiltersBar } from './PatternFiltersBar';
import { PatternFilters } from './patternFilters';
import { PatternsTable } from './PatternsTable';
import { SourcesTable } from './SourcesTable';
import { SyncErrors } from './SyncErrors';
import { TeamRollup } from './TeamRollup';
import { useHealthView } from './useHealthView';
import { SourcesState, useSources } from './useSources';

/** How long the search waits after the last keystroke before it asks the API. */
export const SEARCH_DEBOUNCE_MS = 300;

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

const Section = (props: { title: string; children: React.ReactNode }) => (
  <Flex direction="column" gap="2">
    <Text as="h3" variant="title-small">
      {props.title}
    </Text>
    {props.children}
  </Flex>
);

const SourcesContent = (props: {
  state: SourcesState;
  onSyncAccepted: Parameters<typeof SourcesTable>[0]['onSyncAccepted'];
}) => {
  const { loading, error, sources } = props.state;
  if (loading) {
    return <Progress />;
  }
  if (error && !sources) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the pattern sources"
        message={describeResponseError(error)}
        defaultExpanded
      />
    );
  }
  if (!sources?.length) {
    return <NoSources />;
  }
  return (
    <Flex direction="column" gap="3">
      <SourcesTable sources={sources} onSyncAccepted={props.onSyncAccepted} />
      <SyncErrors sources={sources} />
    </Flex>
  );
};

/** The search field's text, written to the view (the URL) once typing pauses. */
function useSearchText(
  view: HealthView,
  change: (
    update: Partial<HealthView>,
    options?: { replace?: boolean },
  ) => void,
) {
  const [searchText, setSearchText] = useState(view.q);
  /** The last search this field wrote, to tell it from a change of the URL (back, forward, a count). */
  const written = useRef(view.q);
  useEffect(() => {
    if (view.q !== written.current) {
      written.current = view.q;
      setSearchText(view.q);
    }
  }, [view.q]);
  useDebounce(
    () => {
      const q = searchText.trim();
      if (q !== view.q) {
        written.current = q;
        change({ q, page: 1 }, { replace: true });
      }
    },
    SEARCH_DEBOUNCE_MS,
    [searchText],
  );
  return [searchText, setSearchText] as const;
}

/**
 * The Orkestra page, "Pattern health" for platform teams: sources that need
 * attention first, counts of patterns by health signal, every pattern with its
 * signals, the owners' rollup, and the sync status of every source. Filters,
 * search, sort and page live in the URL. The app renders the page header;
 * this is only the content.
 *
 * @public
 */
export const OrkestraPage = () => {
  const orkestraApi = useApi(orkestraApiRef);
  const [view, change] = useHealthView();
  const [revision, setRevision] = useState(0);
  const onSynced = useCallback(() => setRevision(r => r + 1), []);
  const sourcesState = useSources(onSynced);
  const { followRun } = sourcesState;
  const owners = useAsync(
    async () => (await orkestraApi.listOwnerRollup()).items,
    [orkestraApi, revision],
  );
  const [searchText, setSearchText] = useSearchText(view, change);

  const setFilters = (filters: PatternFilters) => change({ filters, page: 1 });
  const showOnly = (filters: PatternFilters) => {
    setSearchText('');
    change({ filters, q: '', page: 1 });
  };

  const attention = sourcesState.sources?.filter(needsAttention) ?? [];
  const sourcesSection = (
    <Section title="Pattern sources">
      <SourcesContent state={sourcesState} onSyncAccepted={followRun} />
    </Section>
  );

  return (
    <Container>
      <Flex direction="column" gap="4">
        <OrkestraIntro />
        {attention.length > 0 && (
          <Section title="Sources that need attention">
            <FailingSources
              sources={attention}
              onShowPatterns={showOnly}
              onSyncAccepted={followRun}
              revision={revision}
            />
          </Section>
        )}
        {attention.length > 0 && sourcesSection}
        <Section title="Summary">
          <HealthSummary
            filters={view.filters}
            onSelect={showOnly}
            revision={revision}
          />
        </Section>
        <Section title="Patterns">
          <PatternFiltersBar
            filters={view.filters}
            onFiltersChange={setFilters}
            searchText={searchText}
            onSearchTextChange={setSearchText}
            owners={owners.value?.map(row => row.owner) ?? []}
            sources={sourcesState.sources?.map(source => source.id) ?? []}
            onClear={() => showOnly({})}
          />
          <PatternsTable
            view={view}
            onViewChange={change}
            revision={revision}
          />
        </Section>
        <Section title="Teams">
          <TeamRollup
            loading={owners.loading}
            error={owners.error}
            owners={owners.value}
          />
        </Section>
        {attention.length === 0 && sourcesSection}
      </Flex>
    </Container>
  );
};
