import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { OrkestraEntityProvider } from './provider/OrkestraEntityProvider';

/**
 * Catalog module that turns Orkestra patterns into catalog entities.
 *
 * @public
 */
export const catalogModuleOrkestra = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'orkestra',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, processing }) {
        processing.addEntityProvider(new OrkestraEntityProvider({ logger }));
      },
    });
  },
});
