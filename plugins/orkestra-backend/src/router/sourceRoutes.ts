import { PatternService } from '../service/types';
import {
  ENTITY_QUERY_EXPECTATIONS,
  entityQuerySchema,
  parseQuery,
  syncRunQuerySchema,
} from './queryParams';
import { OrkestraApiRouter } from './openApiRouter';

/** The configured sources, their sync runs, and the catalog module's entity feed. */
export function addSourceRoutes(
  router: OrkestraApiRouter,
  service: PatternService,
) {
  router.get('/sources', async (_req, res) => {
    res.json({ items: await service.listSources() });
  });

  router.get('/sources/:id/sync-runs', async (req, res) => {
    const { limit } = parseQuery(syncRunQuerySchema, req.query);
    res.json({
      items: await service.listSyncRuns(req.params.id, limit),
    });
  });

  router.get('/entities', async (req, res) => {
    const { cursor, limit, source, repository } = parseQuery(
      entityQuerySchema,
      req.query,
      ENTITY_QUERY_EXPECTATIONS,
    );
    res.json(await service.entityFeed({ cursor, limit, source, repository }));
  });
}
