import { PatternQuery } from '@orkspace/backstage-plugin-orkestra-common';
import express from 'express';
import { PatternService } from '../service/types';
import { sendFileContent } from './fileContent';
import {
  dependencyQuerySchema,
  parseQuery,
  patternQuerySchema,
} from './queryParams';

const PATTERN = '/patterns/:id';
const VERSION = `${PATTERN}/versions/:version`;

/** The read routes of patterns, their versions, files, imports and policy. */
export function addPatternRoutes(
  router: express.Router,
  service: PatternService,
) {
  router.get('/patterns', async (req, res) => {
    const query: PatternQuery = parseQuery(patternQuerySchema, req.query);
    res.json(await service.listPatterns(query));
  });

  router.get(PATTERN, async (req, res) => {
    res.json(await service.getPattern(req.params.id));
  });

  router.get(`${PATTERN}/versions`, async (req, res) => {
    res.json({ items: await service.listVersions(req.params.id) });
  });

  router.get(VERSION, async (req, res) => {
    const { id, version } = req.params;
    res.json(await service.getVersion(id, version));
  });

  router.get(`${VERSION}/files`, async (req, res) => {
    const { id, version } = req.params;
    res.json({ items: await service.listFiles(id, version) });
  });

  router.get(`${VERSION}/files/:file/content`, async (req, res) => {
    const { id, version, file } = req.params;
    sendFileContent(res, await service.getFileContent(id, version, file));
  });

  router.get(`${PATTERN}/dependencies`, async (req, res) => {
    const { version } = parseQuery(dependencyQuerySchema, req.query);
    res.json({
      items: await service.listDependencies(req.params.id, version),
    });
  });

  router.get(`${PATTERN}/dependents`, async (req, res) => {
    res.json({ items: await service.listDependents(req.params.id) });
  });

  router.get(`${VERSION}/upgrade-path`, async (req, res) => {
    const { id, version } = req.params;
    res.json(await service.getUpgradePath(id, version));
  });

  router.get(`${VERSION}/policy`, async (req, res) => {
    const { id, version } = req.params;
    res.json(await service.getPolicy(id, version));
  });
}
