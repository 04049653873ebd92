import { Flex, Text } from '@backstage/ui';

/** What this page shows about Orkestra patterns and where it gets them from. */
export const OrkestraIntro = () => (
  <Flex direction="column" gap="2">
    <Text as="h2" variant="title-medium">
      Pattern health
    </Text>
    <Text as="p" variant="body-medium" color="secondary">
      The latest version of every Katalog and Motif that <code>ork push</code>{' '}
      published: its gates, deprecation and policy, and how each source synced.
    </Text>
  </Flex>
);
