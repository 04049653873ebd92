import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogModuleOrkestra } from './module';

describe('catalogModuleOrkestra', () => {
  it('registers one provider per configured source, with stable names', async () => {
    const providers: EntityProvider[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (
              ...added: Array<EntityProvider | EntityProvider[]>
            ) => providers.push(...added.flat()),
          },
        ],
      ],
      features: [
        catalogModuleOrkestra,
        mockServices.rootConfig.factory({
          data: {
            orkestra: {
              sources: [
                { id: 'examples', type: 'layout', target: 'x' },
                {
                  id: 'ghcr',
                  type: 'registry',
                  target: 'ghcr.io/acme/katalogs',
                },
              ],
            },
          },
        }),
      ],
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'orkestra:examples',
      'orkestra:ghcr',
    ]);
  });
});
