import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { promises as fs } from 'fs';
import { OrkestraApiRouter } from './openApiRouter';

/**
 * Paths that need no credentials. The plugin registers each with
 * `httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' })`.
 */
export const UNAUTHENTICATED_PATHS = ['/health', '/openapi.yaml'];

let openApiDocument: Promise<string> | undefined;

function readOpenApiDocument(): Promise<string> {
  if (!openApiDocument) {
    openApiDocument = fs
      .readFile(
        resolvePackagePath(
          '@orkspace/backstage-plugin-orkestra-backend',
          'src/schema/openapi.yaml',
        ),
        'utf8',
      )
      .catch(error => {
        openApiDocument = undefined;
        throw error;
      });
  }
  return openApiDocument;
}

/** `GET /health` and `GET /openapi.yaml` (the contract of this API). */
export function addPublicRoutes(router: OrkestraApiRouter) {
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/openapi.yaml', async (_req, res) => {
    const document = await readOpenApiDocument();
    res.type('application/yaml; charset=utf-8').send(document);
  });
}
