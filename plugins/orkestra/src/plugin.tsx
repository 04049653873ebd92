import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { orkestraApi } from './api';
import {
  orkestraPatternContent,
  orkestraPolicyCard,
  orkestraQualityAndPolicyCards,
  orkestraQualityCard,
} from './entityExtensions';
import { OrkestraIcon } from './components/OrkestraIcon';
import { rootRouteRef, templateRouteRef } from './routes';

/** The Orkestra page at `/orkestra`; its title and icon make it a sidebar nav item. */
export const orkestraPage = PageBlueprint.make({
  params: {
    path: '/orkestra',
    routeRef: rootRouteRef,
    title: 'Orkestra',
    icon: <OrkestraIcon />,
    loader: () =>
      import('./components/OrkestraPage').then(m => <m.OrkestraPage />),
  },
});

/**
 * The Orkestra frontend plugin.
 *
 * @public
 */
export const orkestraPlugin = createFrontendPlugin({
  pluginId: 'orkestra',
  title: 'Orkestra',
  icon: <OrkestraIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    orkestraApi,
    orkestraPage,
    orkestraPatternContent,
    orkestraQualityCard,
    orkestraPolicyCard,
    orkestraQualityAndPolicyCards,
  ],
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    // "Follow upgrade" opens a Software Template; the scaffolder's template
    // page by default.
    template: templateRouteRef,
  },
});
