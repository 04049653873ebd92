import { Flex, Text } from '@backstage/ui';

/** What Orkestra patterns are and where this page gets them from. */
export const OrkestraIntro = () => (
  <Flex direction="column" gap="2">
    <Text as="h2" variant="title-medium">
      Orkestra patterns
    </Text>
    <Text as="p" variant="body-medium">
      Orkestra patterns are reusable Katalogs and Motifs that{' '}
      <code>ork push</code> publishes as OCI artifacts, together with the
      results of their simulate and e2e gates. Backstage reads them from the
      pattern sources below: OCI registries, or OCI layouts on disk.
    </Text>
  </Flex>
);
