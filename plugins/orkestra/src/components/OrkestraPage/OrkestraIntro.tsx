import { Flex, Text } from '@backstage/ui';

/** What this page shows about Orkestra patterns and where it gets them from. */
export const OrkestraIntro = () => (
  <Flex direction="column" gap="2">
    <Text as="h2" variant="title-medium">
      Pattern health
    </Text>
    <Text as="p" variant="body-medium">
      Orkestra patterns are reusable Katalogs and Motifs that{' '}
      <code>ork push</code> publishes as OCI artifacts, together with the
      results of their simulate and e2e gates. This page shows how verified,
      deprecated and policy-compliant the latest version of every pattern is,
      and how the sync of each pattern source (OCI registries, or OCI layouts on
      disk) went.
    </Text>
  </Flex>
);
