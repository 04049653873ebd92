import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box } from '@backstage/ui';
import { isOrkestraPatternEntity } from '@orkspace/backstage-plugin-orkestra-common';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import {
  DeprecationBanner,
  DeprecationShownAbove,
} from '../signals/DeprecationBanner';
import { usePatternId } from '../signals';

/** The latest version of the pattern when it is deprecated; nothing otherwise. */
function useDeprecatedLatest(patternId: string) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(async () => {
    const pattern = await orkestraApi.getPattern(patternId);
    const latest = pattern.latest;
    if (!latest || latest.deprecationState === 'none') {
      return undefined;
    }
    return orkestraApi.getVersion(patternId, latest.version);
  }, [orkestraApi, patternId]);
}

const LatestDeprecation = ({ patternId }: { patternId: string }) => {
  // A failed request shows no banner: the page's own content reports the error.
  const { value } = useDeprecatedLatest(patternId);
  if (!value) {
    return null;
  }
  return (
    <Box mb="4">
      <DeprecationBanner
        deprecation={value.signals.deprecation}
        phase={value.deprecationState}
        version={value.version}
      />
    </Box>
  );
};

/**
 * Props of {@link EntityOrkestraDeprecationBanner}.
 *
 * @public
 */
export interface EntityOrkestraDeprecationBannerProps {
  /** The entity page content the banner goes above. */
  children?: ReactNode;
}

/**
 * The deprecation banner of an Orkestra pattern entity's latest version, above
 * `children` (an entity page's content: wrap every tab to show it on each).
 * The cards and the Pattern tab below it then do not repeat it in full. On
 * other entities, and for a version that is not deprecated, only `children`.
 *
 * @public
 */
export const EntityOrkestraDeprecationBanner = (
  props: EntityOrkestraDeprecationBannerProps,
) => {
  const { entity } = useEntity();
  const patternId = usePatternId();
  if (!isOrkestraPatternEntity(entity) || !patternId) {
    return <>{props.children}</>;
  }
  return (
    <>
      <LatestDeprecation patternId={patternId} />
      <DeprecationShownAbove>{props.children}</DeprecationShownAbove>
    </>
  );
};
