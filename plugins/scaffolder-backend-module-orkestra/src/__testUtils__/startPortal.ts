import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { DiscoveryService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
// The actions' tests run against the real Orkestra backend they call.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orkestraPlugin from '@orkspace/backstage-plugin-orkestra-backend';
import {
  EXAMPLE_REGISTRY_DIR,
  testClockServiceFactory,
} from '@orkspace/orkestra-test-utils';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';

/** The bundled example registry as the demo app configures it. */
export const EXAMPLES_SOURCE = {
  id: 'examples',
  type: 'layout',
  target: EXAMPLE_REGISTRY_DIR,
  registry: 'oci.orkestra.example',
  prefix: 'orkestra',
  discovery: 'catalog',
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
};

export interface TestPortal {
  /** Points `orkestra` at the running backend. */
  discovery: DiscoveryService;
  stop(): Promise<void>;
}

/**
 * A real Orkestra backend plugin (startTestBackend) that has synced the
 * bundled example registry, for actions that ask the portal.
 */
export async function startPortal(
  orkestraConfig: JsonObject = {
    sources: [EXAMPLES_SOURCE],
  },
): Promise<TestPortal> {
  const backend = await startTestBackend({
    features: [
      orkestraPlugin,
      testClockServiceFactory(),
      mockServices.rootConfig.factory({ data: { orkestra: orkestraConfig } }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api`;
  const discovery: DiscoveryService = {
    getBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
    getExternalBaseUrl: async pluginId => `${baseUrl}/${pluginId}`,
  };
  // The first sync runs at startup; wait until the portal knows the patterns.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/orkestra/patterns?limit=1`, {
      headers: { authorization: 'Bearer mock-user-token' },
    });
    const body = response.ok ? await response.json() : undefined;
    if (body?.totalCount > 0) break;
    if (Date.now() > deadline)
      throw new Error('the test portal did not sync the example registry');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return { discovery, stop: () => backend.stop() };
}

/** A publishing environment for the demo's policy, asking `portal`. */
export function demoEnvironment(
  portal: Pick<TestPortal, 'discovery'>,
  policy: JsonObject = {},
) {
  return createPublishingEnvironment({
    config: new ConfigReader({
      orkestra: {
        sources: [EXAMPLES_SOURCE],
        policy: {
          allowedRegistries: ['oci.orkestra.example/orkestra/'],
          ...policy,
        },
      },
    }),
    permissions: mockServices.permissions(),
    auth: mockServices.auth(),
    discovery: portal.discovery,
    logger: mockServices.logger.mock(),
  });
}
