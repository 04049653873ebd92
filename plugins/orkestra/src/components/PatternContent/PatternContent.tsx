import { Container } from '@backstage/ui';
import { MissingPatternId, usePatternId } from '../signals';
import { PatternOverview } from './PatternOverview';

/**
 * The "Pattern" tab of an Orkestra pattern entity: the latest version with
 * its gates, the import snippet, versions, files, upgrade path, dependencies
 * and policy status.
 */
export const PatternContent = () => {
  const patternId = usePatternId();
  return (
    <Container>
      {patternId ? (
        <PatternOverview patternId={patternId} />
      ) : (
        <MissingPatternId />
      )}
    </Container>
  );
};
