import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { LoadError, PolicyDetails } from '../signals';
import { Section } from './Section';

/** Loads the policy result of one version. */
export function usePolicy(patternId: string, version: string | undefined) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(
    async () =>
      version ? orkestraApi.getPolicy(patternId, version) : undefined,
    [orkestraApi, patternId, version],
  );
}

/** Policy status of a version with the reasons. */
export const PolicySection = (props: {
  patternId: string;
  version: string;
}) => {
  const { loading, error, value } = usePolicy(props.patternId, props.version);
  let body = null;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <LoadError title="Could not load the policy status" error={error} />;
  } else if (value) {
    body = <PolicyDetails policy={value} />;
  }
  return <Section title={`Policy of ${props.version}`}>{body}</Section>;
};
