/**
 * Exports for apps on the legacy frontend system: `@orkspace/backstage-plugin-orkestra/legacy`.
 *
 * @packageDocumentation
 */

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  isOrkestraPatternEntity,
  OrkestraClient,
} from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraApiRef } from './api';

export { orkestraApiRef };
export type { EntityOrkestraDeprecationBannerProps } from './components/EntityDeprecationBanner';

/** Route of the pattern health page, mounted wherever the app puts it. */
const rootRouteRef = createRouteRef({ id: 'orkestra' });

/**
 * The Orkestra plugin for legacy apps; it provides {@link orkestraApiRef}.
 *
 * @public
 */
export const orkestraPlugin = createPlugin({
  id: 'orkestra',
  apis: [
    createApiFactory({
      api: orkestraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrkestraClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The pattern health page: counts, patterns table and pattern sources.
 *
 * @public
 */
export const OrkestraPatternHealthPage = orkestraPlugin.provide(
  createRoutableExtension({
    name: 'OrkestraPatternHealthPage',
    component: () =>
      import('./legacyComponents').then(m => m.LegacyOrkestraPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The "Pattern" tab content of an Orkestra pattern entity.
 *
 * @public
 */
export const EntityOrkestraPatternContent = orkestraPlugin.provide(
  createComponentExtension({
    name: 'EntityOrkestraPatternContent',
    component: {
      lazy: () =>
        import('./components/PatternContent').then(m => m.PatternContent),
    },
  }),
);

/**
 * Overview card of an Orkestra pattern entity: latest version, gates, deprecation.
 *
 * @public
 */
export const EntityOrkestraQualityCard = orkestraPlugin.provide(
  createComponentExtension({
    name: 'EntityOrkestraQualityCard',
    component: {
      lazy: () => import('./components/QualityCard').then(m => m.QualityCard),
    },
  }),
);

/**
 * Overview card of an Orkestra pattern entity: policy status and reasons.
 *
 * @public
 */
export const EntityOrkestraPolicyCard = orkestraPlugin.provide(
  createComponentExtension({
    name: 'EntityOrkestraPolicyCard',
    component: {
      lazy: () => import('./components/PolicyCard').then(m => m.PolicyCard),
    },
  }),
);

/**
 * The deprecation banner of an Orkestra pattern entity's latest version,
 * above its children: wrap the content of each `EntityLayout.Route` to show it
 * at the top of every tab.
 *
 * @public
 */
export const EntityOrkestraDeprecationBanner = orkestraPlugin.provide(
  createComponentExtension({
    name: 'EntityOrkestraDeprecationBanner',
    component: {
      lazy: () =>
        import('./components/EntityDeprecationBanner').then(
          m => m.EntityOrkestraDeprecationBanner,
        ),
    },
  }),
);

/**
 * Whether the entity is an Orkestra pattern (a Katalog or Motif component),
 * for `EntitySwitch.Case if={isOrkestraPattern}`.
 *
 * @public
 */
export function isOrkestraPattern(entity: Entity): boolean {
  return isOrkestraPatternEntity(entity);
}
