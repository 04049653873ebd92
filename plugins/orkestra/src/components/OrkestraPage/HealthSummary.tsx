import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Card,
  CardBody,
  CardFooter,
  Flex,
  Grid,
  Text,
  VisuallyHidden,
} from '@backstage/ui';
import { describeResponseError } from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { toneStyle } from '../signals/StatusChip';
import { HEALTH_COUNTS, HealthCountDefinition } from './healthCounts';
import { PatternFilters, sameFilters } from './patternFilters';

/** Every count in one request: one per card would queue ahead of the table's rows. */
function useHealthCounts(revision: number) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(
    () => orkestraApi.getPatternCounts(),
    [orkestraApi, revision],
  );
}

/** The count's icon in its tone: a zero count needs no attention, so it is neutral. */
const CountIcon = (props: {
  definition: HealthCountDefinition;
  count: number;
}) => {
  const tone =
    props.count === 0 && props.definition.tone !== 'info'
      ? 'neutral'
      : props.definition.tone;
  return (
    <span
      aria-hidden="true"
      data-tone={tone}
      style={{
        ...toneStyle(tone),
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: '1.8em',
        height: '1.8em',
        border: '1px solid',
        borderRadius: '50%',
      }}
    >
      {props.definition.symbol}
    </span>
  );
};

const CountCard = (props: {
  definition: HealthCountDefinition;
  count: number;
  active: boolean;
  onSelect: (filters: PatternFilters) => void;
}) => {
  const { definition, count, active, onSelect } = props;
  return (
    <Card
      role="listitem"
      label={`${definition.label}: ${count}`}
      onPress={() => onSelect(definition.filter)}
    >
      <CardBody>
        {/* The description is the card's tooltip: the cards stay two lines high, so the table starts higher. */}
        <div title={definition.description}>
          <Flex direction="column" gap="1">
            <Flex gap="2" align="center">
              <CountIcon definition={definition} count={count} />
              <Text as="span" variant="title-small" weight="bold">
                {count}
              </Text>
            </Flex>
            <Text as="span" variant="body-medium">
              {definition.label}
            </Text>
            <VisuallyHidden>{definition.description}</VisuallyHidden>
          </Flex>
        </div>
      </CardBody>
      {active && (
        <CardFooter>
          <Text as="span" variant="body-small" color="secondary">
            Filtering the table
          </Text>
        </CardFooter>
      )}
    </Card>
  );
};

/** Props of {@link HealthSummary}. */
export interface HealthSummaryProps {
  /** The table's current filters, to mark the count that set them. */
  filters: PatternFilters;
  /** Sets the table's filters to those of a count. */
  onSelect: (filters: PatternFilters) => void;
  /** Bumped to read the counts again (e.g. after a sync). */
  revision?: number;
}

/**
 * Counts of patterns by health signal, all read from `GET /pattern-counts`.
 * Pressing a count filters the patterns table to it.
 */
export const HealthSummary = (props: HealthSummaryProps) => {
  const { filters, onSelect, revision = 0 } = props;
  const { loading, error, value } = useHealthCounts(revision);
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
  return (
    <Grid.Root
      role="list"
      aria-label="Pattern health summary"
      columns={{ initial: '2', sm: '3', md: '6' }}
      gap="3"
    >
      {HEALTH_COUNTS.map(definition => (
        <CountCard
          key={definition.id}
          definition={definition}
          count={value[definition.count]}
          active={
            definition.id !== 'total' && sameFilters(filters, definition.filter)
          }
          onSelect={onSelect}
        />
      ))}
    </Grid.Root>
  );
};
