import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { bodyParsing } from './requestBody';

/**
 * The router typed from `src/schema/openapi.yaml`: route paths must be paths
 * of the document, and each handler's params, query, body and JSON answer
 * have the document's types.
 */
export type OrkestraApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** The route the library adds to serve the merged document as JSON. */
const LIBRARY_SPEC_ROUTE = '/openapi.json';

/**
 * The generated router with the plugin's own body parsing.
 *
 * Requests are not validated by the library's validator: the route modules
 * validate them after authentication (so a caller without a token gets 401
 * before any 400), with messages that name the bad parameter and never echo
 * its value, which the validator's messages do not guarantee.
 *
 * The library's `/openapi.json` route is dropped: the plugin serves its
 * document (public) as `/openapi.yaml`, and its routes are exactly the
 * documented ones.
 */
export async function createOrkestraApiRouter(): Promise<OrkestraApiRouter> {
  const router = await createOpenApiRouter({
    middleware: bodyParsing(),
    validatorOptions: { validateRequests: false },
  });
  router.stack = router.stack.filter(
    (layer: { route?: { path?: unknown } }) =>
      layer.route?.path !== LIBRARY_SPEC_ROUTE,
  );
  return router;
}
