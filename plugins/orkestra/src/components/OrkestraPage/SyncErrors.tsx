import { SourceStatus } from '@orkspace/backstage-plugin-orkestra-common';
import {
  Accordion,
  AccordionGroup,
  AccordionPanel,
  AccordionTrigger,
  Flex,
  Text,
} from '@backstage/ui';
import { describeSyncError, describeSyncStatus } from './describeSource';

/** Props of {@link SyncErrors}. */
export interface SyncErrorsProps {
  sources: SourceStatus[];
}

/** The errors of every source's last sync, one collapsible section per source that had any. */
export const SyncErrors = ({ sources }: SyncErrorsProps) => {
  const failing = sources.filter(source => source.lastSync?.errors.length);
  if (!failing.length) {
    return null;
  }
  return (
    <Flex direction="column" gap="2">
      <Text as="h4" variant="title-x-small">
        Sync errors
      </Text>
      <AccordionGroup allowsMultiple>
        {failing.map(source => {
          const errors = source.lastSync?.errors ?? [];
          const noun = errors.length === 1 ? 'error' : 'errors';
          return (
            <Accordion key={source.id}>
              <AccordionTrigger
                level={5}
                title={`${source.id}: ${errors.length} ${noun}`}
                subtitle={`Last sync: ${describeSyncStatus(source.lastSync)}`}
              />
              <AccordionPanel>
                <ul aria-label={`Sync errors of ${source.id}`}>
                  {errors.map((error, index) => (
                    <li key={index}>
                      <Text as="span" variant="body-medium">
                        {describeSyncError(error)}
                      </Text>
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </Accordion>
          );
        })}
      </AccordionGroup>
    </Flex>
  );
};
