import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { PatternVersion } from '@orkspace/backstage-plugin-orkestra-common';
import { useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { LoadError } from '../signals';
import { Section } from './Section';
import { UpgradeSteps } from './UpgradeSteps';

const UpgradePathOf = (props: { patternId: string; version: string }) => {
  const orkestraApi = useApi(orkestraApiRef);
  const { patternId, version } = props;
  const { loading, error, value } = useAsync(
    () => orkestraApi.getUpgradePath(patternId, version),
    [orkestraApi, patternId, version],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <LoadError
        title={`Could not load the upgrade path of ${version}`}
        error={error}
      />
    );
  }
  return value ? <UpgradeSteps path={value} /> : null;
};

/**
 * The upgrade path from a chosen version (the oldest by default) to the
 * latest. `versions` is newest first.
 */
export const UpgradePathSection = (props: {
  patternId: string;
  versions: PatternVersion[];
}) => {
  const selectId = useId();
  const oldest = props.versions[props.versions.length - 1];
  const [from, setFrom] = useState(oldest?.version);
  return (
    <Section title="Upgrade path">
      {from ? (
        <>
          <Flex gap="2" align="center">
            <label htmlFor={selectId}>
              <Text as="span" variant="body-medium">
                From version
              </Text>
            </label>
            <select
              id={selectId}
              value={from}
              onChange={event => setFrom(event.target.value)}
            >
              {props.versions.map(v => (
                <option key={v.digest} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </Flex>
          <UpgradePathOf patternId={props.patternId} version={from} />
        </>
      ) : (
        <Text as="p" variant="body-medium" color="secondary">
          No versions to upgrade from.
        </Text>
      )}
    </Section>
  );
};
