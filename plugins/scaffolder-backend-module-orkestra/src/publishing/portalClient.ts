import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ORKESTRA_PLUGIN_ID,
  OrkestraClient,
} from '@orkspace/backstage-plugin-orkestra-common';
import { PublishingEnvironment } from './PublishingEnvironment';

/**
 * The Orkestra backend's API, called on behalf of the template's initiator
 * so the backend applies that user's permissions.
 */
export function portalClient(
  env: Pick<PublishingEnvironment, 'auth' | 'discovery' | 'fetch'>,
  initiator: BackstageCredentials,
): OrkestraClient {
  return new OrkestraClient({
    discoveryApi: env.discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await env.auth.getPluginRequestToken({
          onBehalfOf: initiator,
          targetPluginId: ORKESTRA_PLUGIN_ID,
        });
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return env.fetch(input, { ...init, headers });
      },
    },
  });
}
