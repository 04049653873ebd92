import { Flex, Text } from '@backstage/ui';
import type { ReactNode } from 'react';

/** A titled part of the pattern content, labelled by its heading. */
export const Section = (props: { title: string; children: ReactNode }) => {
  const headingId = `orkestra-section-${props.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-small" id={headingId}>
          {props.title}
        </Text>
        {props.children}
      </Flex>
    </section>
  );
};
