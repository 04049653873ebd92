import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Alert, ButtonLink, Text } from '@backstage/ui';
import { PatternImport } from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { templateRouteRef } from '../../routes';
import {
  FOLLOW_UPGRADE_TEMPLATE,
  motifsBehind,
  nextMinorVersion,
  prefilledTemplateUrl,
} from './followUpgrade';

/** The template route, or undefined when the app binds none (or, legacy, resolves none). */
function useOptionalTemplateRoute() {
  try {
    // Throws only after its own hooks ran, so the hook order stays the same.
    return useRouteRef(templateRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * The "Follow a motif upgrade" template's URL prefilled for the entity's
 * Katalog, or undefined where the app has no scaffolder to link to.
 */
export function useFollowUpgradeUrl(latestVersion: string): string | undefined {
  const { entity } = useEntity();
  const templateRoute = useOptionalTemplateRoute();
  if (!templateRoute) {
    return undefined;
  }
  return prefilledTemplateUrl(templateRoute(FOLLOW_UPGRADE_TEMPLATE), {
    katalog: stringifyEntityRef(entity),
    version: nextMinorVersion(latestVersion),
  });
}

function describeBehind(item: PatternImport): string {
  const name = item.reference ?? item.raw;
  const from = item.tag ?? item.digest ?? '?';
  return item.latestVersion
    ? `${name} ${from} → ${item.latestVersion}`
    : `${name} ${from}`;
}

/**
 * Which Motif imports of the latest version are behind, and "Follow upgrade"
 * to open the template that moves them. Nothing when none is behind.
 */
export const FollowUpgrade = (props: {
  latestVersion: string;
  imports: PatternImport[];
}) => {
  const behind = motifsBehind(props.imports);
  const url = useFollowUpgradeUrl(props.latestVersion);
  if (behind.length === 0) {
    return null;
  }
  const count =
    behind.length === 1
      ? '1 Motif import is'
      : `${behind.length} Motif imports are`;
  return (
    <Alert
      role="group"
      aria-label="Motif upgrades"
      status="warning"
      icon
      title={`${count} behind in ${props.latestVersion}`}
      description={
        <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
          {behind.map(item => (
            <li key={item.raw}>
              <Text
                as="span"
                variant="body-medium"
                style={{ overflowWrap: 'anywhere' }}
              >
                {describeBehind(item)}
              </Text>
            </li>
          ))}
        </ul>
      }
      customActions={
        url && (
          <ButtonLink href={url} variant="primary" size="small">
            Follow upgrade
          </ButtonLink>
        )
      }
    />
  );
};

/**
 * {@link FollowUpgrade} for the latest version of a Katalog, from its imports;
 * nothing while they load or when they cannot be loaded (the Dependencies tab
 * says why).
 */
export const LatestMotifUpgrades = (props: {
  patternId: string;
  latestVersion: string;
}) => {
  const orkestraApi = useApi(orkestraApiRef);
  const { patternId, latestVersion } = props;
  const { value } = useAsync(
    () => orkestraApi.listDependencies(patternId, latestVersion),
    [orkestraApi, patternId, latestVersion],
  );
  return value ? (
    <FollowUpgrade latestVersion={latestVersion} imports={value.items} />
  ) : null;
};
