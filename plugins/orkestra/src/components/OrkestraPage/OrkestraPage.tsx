import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { SourceSummary } from '@internal/backstage-plugin-orkestra-common';
import { Container, Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { OrkestraIntro } from './OrkestraIntro';
import { SourcesTable } from './SourcesTable';

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

const LoadError = ({ error }: { error: Error }) => (
  <WarningPanel
    severity="error"
    title="Could not load the pattern sources"
    message={error.message}
    defaultExpanded
  />
);

const SourcesContent = (props: {
  loading: boolean;
  error?: Error;
  sources?: SourceSummary[];
}) => {
  if (props.loading) {
    return <Progress />;
  }
  if (props.error) {
    return <LoadError error={props.error} />;
  }
  if (!props.sources?.length) {
    return <NoSources />;
  }
  return <SourcesTable sources={props.sources} />;
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

/**
 * The Orkestra page: what patterns are, and the sources they are read from.
 * The app renders the page header; this is only the content.
 *
 * @public
 */
export const OrkestraPage = () => (
  <Container>
    <Flex direction="column" gap="4">
      <OrkestraIntro />
      <SourcesSection />
    </Flex>
  </Container>
);
