import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import plugin, { orkestraApiRef } from './index';
import { rootRouteRef } from './routes';

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
    ]) {
      expect(() => plugin.getExtension(id as any)).not.toThrow();
    }
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
  it('serves the page at /orkestra', async () => {
    const listSources = jest.fn(async () => ({ items: [] }));
    const listPatterns = jest.fn(async () => ({ items: [], totalCount: 0 }));
    renderTestApp({
      features: [plugin],
      apis: [[orkestraApiRef, { listSources, listPatterns }]],
      initialRouteEntries: ['/orkestra'],
    });

    expect(
      await screen.findByText('No pattern sources configured'),
    ).toBeInTheDocument();
    expect(listSources).toHaveBeenCalledTimes(1);
  });
});
