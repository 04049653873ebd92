import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { PublishingEnvironment } from './PublishingEnvironment';

/**
 * Asks the Orkestra backend to sync the repository now, on behalf of the
 * template's initiator, so the portal shows the new version within seconds.
 * The publish already succeeded: a failure here is logged, not thrown.
 */
export async function requestResync(
  env: PublishingEnvironment,
  sourceId: string,
  repository: string,
  initiator: BackstageCredentials,
): Promise<void> {
  try {
    const baseUrl = await env.discovery.getBaseUrl('orkestra');
    const { token } = await env.auth.getPluginRequestToken({
      onBehalfOf: initiator,
      targetPluginId: 'orkestra',
    });
    const response = await env.fetch(
      `${baseUrl}/sources/${encodeURIComponent(sourceId)}/resync`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ repository }),
      },
    );
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    env.logger.warn(
      `Published, but the portal could not be asked to resync ${repository}: ${
        (error as Error).message
      }; ` + 'it appears with the next scheduled sync',
    );
  }
}
