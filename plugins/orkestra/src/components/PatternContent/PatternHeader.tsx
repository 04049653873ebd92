import { Flex, Text } from '@backstage/ui';
import {
  PatternSummary,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';
import { DeprecationBanner, GateBadge, gateFromState } from '../signals';
import { useDeprecationShownAbove } from '../signals/DeprecationBanner';

/**
 * Name, kind, reference and the latest version with both gate badges, and its
 * deprecation unless a banner above the page shows it.
 */
export const PatternHeader = (props: {
  pattern: PatternSummary;
  latest?: PatternVersion;
}) => {
  const { pattern, latest } = props;
  const headline = pattern.latest;
  const simulate =
    latest?.signals.simulate ?? gateFromState(headline?.simulate ?? 'absent');
  const e2e = latest?.signals.e2e ?? gateFromState(headline?.e2e ?? 'absent');
  const version = latest?.version ?? headline?.version;
  const shownAbove = useDeprecationShownAbove();
  return (
    <Flex direction="column" gap="2">
      <Text as="h2" variant="title-medium">
        {pattern.kind} {pattern.name}
      </Text>
      <Text as="p" variant="body-medium" color="secondary">
        <code>{pattern.reference}</code>
      </Text>
      {pattern.description && (
        <Text as="p" variant="body-medium">
          {pattern.description}
        </Text>
      )}
      <Text as="p" variant="body-medium">
        {version ? `Latest version ${version}` : 'No version published yet'}
        {latest?.maturity ? ` · maturity ${latest.maturity}` : ''}
      </Text>
      {version && (
        <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
          <GateBadge gate="Simulate" signal={simulate} />
          <GateBadge gate="e2e" signal={e2e} />
        </Flex>
      )}
      {latest && !shownAbove && (
        <DeprecationBanner
          deprecation={latest.signals.deprecation}
          phase={latest.deprecationState}
          version={latest.version}
        />
      )}
    </Flex>
  );
};
