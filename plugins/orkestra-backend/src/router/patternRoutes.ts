import { PatternQuery } from '@orkspace/backstage-plugin-orkestra-common';
import { PatternService } from '../service/types';
import { sendFileContent } from './fileContent';
import {
  dependencyQuerySchema,
  noQuerySchema,
  ownerQuerySchema,
  parseQuery,
  patternQuerySchema,
} from './queryParams';
import { OrkestraApiRouter } from './openApiRouter';

/** The read routes of patterns, their versions, files, imports and policy, the owner rollup and the health summary's counts. */
export function addPatternRoutes(
  router: OrkestraApiRouter,
  service: PatternService,
) {
  router.get('/patterns', async (req, res) => {
    const query: PatternQuery = parseQuery(patternQuerySchema, req.query);
    res.json(await service.listPatterns(query));
  });

  router.get('/owners', async (req, res) => {
    const query = parseQuery(ownerQuerySchema, req.query);
    res.json({ items: await service.listOwnerRollup(query) });
  });

  router.get('/pattern-counts', async (req, res) => {
    parseQuery(noQuerySchema, req.query);
    res.json(await service.getPatternCounts());
  });

  router.get('/patterns/:id', async (req, res) => {
    res.json(await service.getPattern(req.params.id));
  });

  router.get('/patterns/:id/versions', async (req, res) => {
    res.json({ items: await service.listVersions(req.params.id) });
  });

  router.get('/patterns/:id/versions/:version', async (req, res) => {
    const { id, version } = req.params;
    res.json(await service.getVersion(id, version));
  });

  router.get('/patterns/:id/versions/:version/files', async (req, res) => {
    const { id, version } = req.params;
    res.json({ items: await service.listFiles(id, version) });
  });

  router.get(
    '/patterns/:id/versions/:version/files/:file/content',
    async (req, res) => {
      const { id, version, file } = req.params;
      sendFileContent(res, await service.getFileContent(id, version, file));
    },
  );

  router.get('/patterns/:id/dependencies', async (req, res) => {
    const { version } = parseQuery(dependencyQuerySchema, req.query);
    res.json({
      items: await service.listDependencies(req.params.id, version),
    });
  });

  router.get('/patterns/:id/dependents', async (req, res) => {
    res.json({ items: await service.listDependents(req.params.id) });
  });

  router.get(
    '/patterns/:id/versions/:version/upgrade-path',
    async (req, res) => {
      const { id, version } = req.params;
      res.json(await service.getUpgradePath(id, version));
    },
  );

  router.get('/patterns/:id/versions/:version/policy', async (req, res) => {
    const { id, version } = req.params;
    res.json(await service.getPolicy(id, version));
  });
}
