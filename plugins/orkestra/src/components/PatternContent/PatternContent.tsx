import { MissingPatternId, usePatternId } from '../signals';
import { PatternOverview } from './PatternOverview';

/**
 * The "Pattern" tab of an Orkestra pattern entity: the latest version with
 * its gates and the import snippet, then versions, files, upgrade path,
 * dependencies and policy status, each in a sub-tab. The entity page lays it
 * out in its own container.
 */
export const PatternContent = () => {
  const patternId = usePatternId();
  return patternId ? (
    <PatternOverview patternId={patternId} />
  ) : (
    <MissingPatternId />
  );
};
