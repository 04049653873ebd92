import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { PatternService } from '../service/types';
import { addMutatingRoutes } from './mutatingRoutes';
import { createOrkestraApiRouter, OrkestraApiRouter } from './openApiRouter';
import { validatePathParams } from './pathParams';
import { addPatternRoutes } from './patternRoutes';
import { authenticate, createPermissionCheck } from './permissions';
import { addPublicRoutes } from './publicRoutes';
import { ResyncRateLimit } from './resyncRateLimit';
import { addSourceRoutes } from './sourceRoutes';

export { servedContentType } from './fileContent';
export { UNAUTHENTICATED_PATHS } from './publicRoutes';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: PatternService;
  /** On-demand resyncs per user per window (services get ten times as many). Default 10 a minute. */
  resyncRateLimit?: ResyncRateLimit;
}

/** The HTTP API `/api/orkestra`; see `src/schema/openapi.yaml`. */
export async function createRouter({
  httpAuth,
  permissions,
  service,
  resyncRateLimit = { requests: 10, windowMs: 60_000 },
}: RouterOptions): Promise<OrkestraApiRouter> {
  const router = await createOrkestraApiRouter();
  addPublicRoutes(router);
  router.use(authenticate(httpAuth));
  validatePathParams(router);
  addPatternRoutes(router, service);
  addSourceRoutes(router, service);
  addMutatingRoutes(router, {
    service,
    requirePermission: createPermissionCheck(permissions),
    resyncLimit: resyncRateLimit,
  });
  return router;
}
