import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import {
  PatternSummary,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { LoadError } from '../signals';
import { DependenciesSection } from './DependenciesSection';
import { FilesSection } from './FilesSection';
import { ImportSnippet } from './ImportSnippet';
import { PatternHeader } from './PatternHeader';
import { PolicySection } from './PolicySection';
import { UpgradePathSection } from './UpgradePathSection';
import { findLatest, newestFirst } from './versionOrder';
import { VersionsTable } from './VersionsTable';

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

const Overview = (props: {
  pattern: PatternSummary;
  versions: PatternVersion[];
}) => {
  const { pattern, versions } = props;
  const latest = findLatest(pattern, versions);
  const version = latest?.version ?? pattern.latest?.version;
  return (
    <Flex direction="column" gap="5">
      <PatternHeader pattern={pattern} latest={latest} />
      {version && <ImportSnippet pattern={pattern} version={version} />}
      <VersionsTable versions={versions} />
      {version && <FilesSection patternId={pattern.id} version={version} />}
      {versions.length > 0 && (
        <UpgradePathSection patternId={pattern.id} versions={versions} />
      )}
      {version && (
        <DependenciesSection patternId={pattern.id} version={version} />
      )}
      {version && <PolicySection patternId={pattern.id} version={version} />}
    </Flex>
  );
};

/** Everything about one pattern, loaded by its id. */
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
  return <Overview pattern={value.pattern} versions={value.versions} />;
};
