import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { LoadError } from '../signals';
import { PatternTabs } from './PatternTabs';
import { newestFirst } from './versionOrder';

function usePatternAndVersions(patternId: string) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(async () => {
    const [pattern, versions] = await Promise.all([
      orkestraApi.getPattern(patternId),
      orkestraApi.listVersions(patternId),
    ]);
    return { pattern, versions: newestFirst(versions.items) };
  }, [orkestraApi, patternId]);
}

/** Everything about one pattern, loaded by its id, in sub-tabs. */
export const PatternOverview = ({ patternId }: { patternId: string }) => {
  const { loading, error, value } = usePatternAndVersions(patternId);
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <LoadError
        title={`Could not load the pattern ${patternId}`}
        error={error ?? new Error('No answer')}
      />
    );
  }
  return <PatternTabs pattern={value.pattern} versions={value.versions} />;
};
