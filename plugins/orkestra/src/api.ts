import {
  ApiBlueprint,
  createApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  OrkestraApi,
  OrkestraClient,
} from '@orkspace/backstage-plugin-orkestra-common';

/**
 * Reference to the client for the Orkestra backend (`/api/orkestra`).
 *
 * @public
 */
export const orkestraApiRef = createApiRef<OrkestraApi>().with({
  id: 'plugin.orkestra.api',
  pluginId: 'orkestra',
});

/** Provides {@link orkestraApiRef} with an HTTP client that calls the backend as the signed-in user. */
export const orkestraApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: orkestraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrkestraClient({ discoveryApi, fetchApi }),
    }),
});
