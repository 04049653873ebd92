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

  it('provides the API and the page', () => {
    expect(() => plugin.getExtension('api:orkestra')).not.toThrow();
    expect(() => plugin.getExtension('page:orkestra')).not.toThrow();
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
    renderTestApp({
      features: [plugin],
      apis: [[orkestraApiRef, { listSources }]],
      initialRouteEntries: ['/orkestra'],
    });

    expect(
      await screen.findByText('No pattern sources configured'),
    ).toBeInTheDocument();
    expect(listSources).toHaveBeenCalledTimes(1);
  });
});
