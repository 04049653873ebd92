import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint, EntityProvider } from '@backstage/plugin-catalog-node';
import { catalogModuleOrkestra } from './module';
import { OrkestraEntityProvider } from './provider/OrkestraEntityProvider';

describe('catalogModuleOrkestra', () => {
  it('registers the orkestra entity provider with the catalog', async () => {
    const providers: EntityProvider[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...added: Array<EntityProvider | EntityProvider[]>) =>
              providers.push(...added.flat()),
          },
        ],
      ],
      features: [catalogModuleOrkestra, mockServices.rootConfig.factory({ data: {} })],
    });

    expect(providers.map(p => p.getProviderName())).toEqual(['orkestra']);
    expect(providers[0]).toBeInstanceOf(OrkestraEntityProvider);
  });

  it('does not touch the catalog when it connects', async () => {
    const provider = new OrkestraEntityProvider({ logger: mockServices.logger.mock() });
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection);
    expect(provider.connected).toBe(true);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
