import type { CompoundEntityRef } from '@backstage/catalog-model';
import { RouteFunc, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { toEntityName } from '@orkspace/backstage-plugin-orkestra-common';

/**
 * The catalog entity of a pattern repository: the catalog module emits a
 * Component in the default namespace, named with `toEntityName`. Linked with
 * {@link usePatternEntityLink}, never with a hand-built path.
 */
export function patternEntityRef(repository: string): CompoundEntityRef {
  return {
    kind: 'Component',
    namespace: 'default',
    name: toEntityName(repository),
  };
}

/**
 * Links a pattern repository to its catalog entity page through the catalog's
 * `entityRouteRef`; `undefined` (no link) in an app without the catalog.
 */
export function usePatternEntityLink(): (
  repository: string,
) => string | undefined {
  let entityRoute: RouteFunc<ReturnType<typeof entityRouteParams>> | undefined;
  try {
    // useRouteRef throws when the entity page is not mounted, but only after
    // all of its own hooks ran, so the hook order stays the same either way.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityRoute = useRouteRef(entityRouteRef);
  } catch {
    entityRoute = undefined;
  }
  return useCallback(
    (repository: string) =>
      entityRoute?.(entityRouteParams(patternEntityRef(repository))),
    [entityRoute],
  );
}
