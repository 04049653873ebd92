import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import plugin from './index';
import { rootRouteRef, templateRouteRef } from './routes';
import {
  get,
  orkestraUrl,
  setupOrkestraServer,
} from './__testUtils__/orkestraServer';
import { patternCounts } from './__testUtils__/healthPage';

const { requests } = setupOrkestraServer(
  http.get(orkestraUrl('/sources'), () =>
    HttpResponse.json({
      items: [
        {
          id: 'acme-registry',
          type: 'registry',
          target: 'ghcr.io/acme/patterns',
          discovery: { type: 'catalog' },
          hasCredentials: false,
          registry: 'ghcr.io',
        },
      ],
    }),
  ),
  http.get(orkestraUrl('/patterns'), () =>
    HttpResponse.json({ items: [], totalCount: 0 }),
  ),
  http.get(orkestraUrl('/pattern-counts'), () =>
    HttpResponse.json(patternCounts({ total: 17 })),
  ),
);

describe('orkestra plugin', () => {
  it('has the id orkestra', () => {
    expect(plugin.pluginId).toBe('orkestra');
  });

  it('provides the API, the page, the Pattern tab and the overview cards', () => {
    for (const id of [
      'api:orkestra',
      'page:orkestra',
      'entity-content:orkestra/pattern',
      'entity-card:orkestra/quality',
      'entity-card:orkestra/policy',
      'entity-card:orkestra/quality-and-policy',
    ]) {
      expect(() => plugin.getExtension(id as any)).not.toThrow();
    }
  });

  it('links to Software Templates through an external route, the scaffolder by default', () => {
    expect(plugin.externalRoutes.template).toBe(templateRouteRef);
  });

  it('mounts the page at /orkestra with a nav title and icon', () => {
    const tester = createExtensionTester(plugin.getExtension('page:orkestra'));

    expect(tester.get(coreExtensionData.routePath)).toBe('/orkestra');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Orkestra');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });
});

describe('orkestra plugin in an app', () => {
  it('serves the page at /orkestra with its own API client', async () => {
    // No API override: the plugin's API extension builds the client from the
    // app's discovery (backend.baseUrl http://localhost:7007) and fetch APIs.
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/orkestra'],
    });

    expect(
      await screen.findByRole('grid', { name: 'Pattern sources' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('registry · ghcr.io/acme/patterns'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Total patterns: 17' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
    expect(requests().filter(r => r.path === '/sources')).toEqual([
      get('/sources'),
    ]);
  });
});
