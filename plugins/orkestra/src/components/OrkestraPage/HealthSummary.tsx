import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardFooter, Flex, Grid, Text } from '@backstage/ui';
import {
  DEPRECATION_PHASE_LABELS,
  describeResponseError,
} from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import {
  DEPRECATED_COUNT,
  FULL_LISTING_LIMIT,
  HEALTH_COUNTS,
  HealthCountDefinition,
  hasFilters,
  PatternFilters,
  sameFilters,
} from './patternFilters';

/** The numbers of the summary, read from the API; never estimated. */
export interface HealthCounts {
  /** `totalCount` by {@link HealthCountDefinition.id}. */
  counts: Record<string, number>;
  /** Deprecated patterns at end of life; absent when there are too many deprecated ones to list. */
  endOfLife?: number;
}

function useHealthCounts() {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(async (): Promise<HealthCounts> => {
    const [plain, deprecated] = await Promise.all([
      Promise.all(
        HEALTH_COUNTS.map(count =>
          orkestraApi.listPatterns({ ...count.filter, limit: 1 }),
        ),
      ),
      orkestraApi.listPatterns({
        ...DEPRECATED_COUNT.filter,
        limit: FULL_LISTING_LIMIT,
      }),
    ]);
    const counts: Record<string, number> = {
      [DEPRECATED_COUNT.id]: deprecated.totalCount,
    };
    HEALTH_COUNTS.forEach((count, index) => {
      counts[count.id] = plain[index].totalCount;
    });
    const complete =
      !deprecated.nextCursor &&
      deprecated.items.length >= deprecated.totalCount;
    return {
      counts,
      ...(complete
        ? {
            endOfLife: deprecated.items.filter(
              pattern => pattern.latest?.deprecationState === 'end-of-life',
            ).length,
          }
        : {}),
    };
  }, [orkestraApi]);
}

const CountCard = (props: {
  definition: HealthCountDefinition;
  count: number;
  active: boolean;
  onSelect: (filters: PatternFilters) => void;
}) => {
  const { definition, count, active, onSelect } = props;
  const status = hasFilters(definition.filter)
    ? 'Filtering the table'
    : 'Showing every pattern';
  return (
    <Card
      role="listitem"
      label={`${definition.label}: ${count}`}
      onPress={() => onSelect(definition.filter)}
    >
      <CardBody>
        <Flex direction="column" gap="1">
          <Text as="span" variant="title-medium" weight="bold">
            {count}
          </Text>
          <Text as="span" variant="body-medium">
            {definition.label}
          </Text>
          <Text as="span" variant="body-small" color="secondary">
            {definition.description}
          </Text>
        </Flex>
      </CardBody>
      {active && (
        <CardFooter>
          <Text as="span" variant="body-small" color="secondary">
            {status}
          </Text>
        </CardFooter>
      )}
    </Card>
  );
};

/** End of life has no server-side filter: shown, not clickable. */
const EndOfLifeCard = ({ count }: { count: number }) => (
  <Card
    role="listitem"
    aria-label={`${DEPRECATION_PHASE_LABELS['end-of-life']}: ${count}`}
  >
    <CardBody>
      <Flex direction="column" gap="1">
        <Text as="span" variant="title-medium" weight="bold">
          {count}
        </Text>
        <Text as="span" variant="body-medium">
          {DEPRECATION_PHASE_LABELS['end-of-life']}
        </Text>
        <Text as="span" variant="body-small" color="secondary">
          deprecated past their end of life date
        </Text>
      </Flex>
    </CardBody>
  </Card>
);

/** Props of {@link HealthSummary}. */
export interface HealthSummaryProps {
  /** The table's current filters, to mark the count that set them. */
  filters: PatternFilters;
  /** Sets the table's filters to those of a count. */
  onSelect: (filters: PatternFilters) => void;
}

/**
 * Counts of patterns by health signal, each read from the API's `totalCount`.
 * Pressing a count filters the patterns table to it.
 */
export const HealthSummary = ({ filters, onSelect }: HealthSummaryProps) => {
  const { loading, error, value } = useHealthCounts();
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the pattern health summary"
        message={error && describeResponseError(error)}
        defaultExpanded
      />
    );
  }
  const card = (definition: HealthCountDefinition) => (
    <CountCard
      key={definition.id}
      definition={definition}
      count={value.counts[definition.id]}
      active={sameFilters(filters, definition.filter)}
      onSelect={onSelect}
    />
  );
  return (
    <Grid.Root
      role="list"
      aria-label="Pattern health summary"
      columns={{ initial: '2', sm: '3', md: '5' }}
      gap="3"
    >
      {HEALTH_COUNTS.slice(0, 5).map(card)}
      {card(DEPRECATED_COUNT)}
      {value.endOfLife !== undefined && (
        <EndOfLifeCard count={value.endOfLife} />
      )}
      {HEALTH_COUNTS.slice(5).map(card)}
    </Grid.Root>
  );
};
