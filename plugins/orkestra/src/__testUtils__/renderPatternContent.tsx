import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { SetupServer } from 'msw/node';
import { PatternContent } from '../components/PatternContent';
import { templateRouteRef } from '../routes';
import { renderForEntity } from './renderForEntity';

/** Where the test app mounts the catalog's entity pages and the template pages. */
export const TEST_ROUTES = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/create/templates/:namespace/:templateName': templateRouteRef,
};

/**
 * Renders the Pattern tab on its sub-tab `tab` (`?tab=<tab>`; the Overview
 * when absent), with entity pages and template pages mounted.
 */
export async function renderPatternContent(
  server: SetupServer,
  options: Parameters<typeof renderForEntity>[2] & { tab?: string } = {},
) {
  const { tab, ...rest } = options;
  return renderForEntity(server, <PatternContent />, {
    initialRouteEntries: [tab ? `/?tab=${tab}` : '/'],
    mountedRoutes: TEST_ROUTES,
    ...rest,
  });
}

/** The section (a region named by its heading) called `name`. */
export function section(name: string) {
  return within(screen.getByRole('region', { name }));
}
