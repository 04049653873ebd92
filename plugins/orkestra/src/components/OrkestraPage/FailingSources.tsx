import {
  Accordion,
  AccordionGroup,
  AccordionPanel,
  AccordionTrigger,
  Button,
  Card,
  CardBody,
  Flex,
  Text,
} from '@backstage/ui';
import {
  formatAge,
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { describeSyncProblem, SourceHealthChip } from './chips';
import { describeSyncStatus } from './describeSource';
import { PatternFilters } from './patternFilters';
import { RUNS_SHOWN, SyncRunsTable } from './SyncRunsTable';
import { SyncNowButton } from './SyncNowButton';

/** Whether a source needs attention: its last full run failed or was partial, or a repository's latest sync failed. */
export function needsAttention(source: SourceStatus): boolean {
  return source.health === 'failing' || source.health === 'partial';
}

/** Props of {@link FailingSources}. */
export interface FailingSourcesProps {
  /** The sources that need attention. */
  sources: SourceStatus[];
  /** Filters the patterns table (to a source's failing patterns). */
  onShowPatterns: (filters: PatternFilters) => void;
  /** Called with a "Sync now" run once the backend accepted it. */
  onSyncAccepted: (run: SyncRun) => void;
  /** Bumped after a sync finished, to read the runs again. */
  revision: number;
}

const FailingSource = (props: {
  source: SourceStatus;
  onShowPatterns: FailingSourcesProps['onShowPatterns'];
  onSyncAccepted: FailingSourcesProps['onSyncAccepted'];
  revision: number;
}) => {
  const { source, onShowPatterns, onSyncAccepted, revision } = props;
  const count = source.failingRepositoryCount;
  const noun = count === 1 ? 'repository' : 'repositories';
  return (
    <Card aria-label={`Source ${source.id}`} role="region">
      <CardBody>
        <Flex direction="column" gap="3">
          <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
            <Text as="h4" variant="title-x-small">
              {source.id}
            </Text>
            <SourceHealthChip health={source.health} />
            <Text as="span" variant="body-medium" color="secondary">
              {source.target} · last sync {describeSyncStatus(source.lastSync)}
            </Text>
            <SyncNowButton sourceId={source.id} onAccepted={onSyncAccepted} />
          </Flex>
          {count > 0 && (
            <Flex direction="column" gap="2">
              <Text as="p" variant="body-medium" weight="bold">
                {count} failing {noun}
              </Text>
              <ul aria-label={`Failing repositories of ${source.id}`}>
                {source.failingRepositories.map(problem => (
                  <li key={problem.repository}>
                    <Text as="span" variant="body-medium">
                      <strong>{problem.repository}</strong> —{' '}
                      {describeSyncProblem(problem)}
                      {' · '}
                      {formatAge(problem.at) ?? problem.at}
                    </Text>
                  </li>
                ))}
              </ul>
              {count > source.failingRepositories.length && (
                <Text as="p" variant="body-small" color="secondary">
                  The newest {source.failingRepositories.length} of {count} are
                  listed.
                </Text>
              )}
              <div>
                <Button
                  variant="secondary"
                  size="small"
                  onPress={() =>
                    onShowPatterns({ syncFailing: true, source: source.id })
                  }
                >
                  Show the patterns that failed to sync
                </Button>
              </div>
            </Flex>
          )}
          <AccordionGroup>
            <Accordion>
              <AccordionTrigger
                level={5}
                title={`Last ${RUNS_SHOWN} sync runs of ${source.id}`}
              />
              <AccordionPanel>
                <SyncRunsTable sourceId={source.id} revision={revision} />
              </AccordionPanel>
            </Accordion>
          </AccordionGroup>
        </Flex>
      </CardBody>
    </Card>
  );
};

/**
 * The sources that need attention, for the top of the page: per source its
 * health, failing repositories, a filter to their patterns, its latest runs
 * and "Sync now".
 */
export const FailingSources = (props: FailingSourcesProps) => (
  <Flex direction="column" gap="3">
    {props.sources.map(source => (
      <FailingSource
        key={source.id}
        source={source}
        onShowPatterns={props.onShowPatterns}
        onSyncAccepted={props.onSyncAccepted}
        revision={props.revision}
      />
    ))}
  </Flex>
);
