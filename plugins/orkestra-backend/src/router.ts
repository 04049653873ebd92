import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ListSourcesResponse } from '@internal/backstage-plugin-orkestra-common';
import express from 'express';
import Router from 'express-promise-router';
import { SourceConfig, toSourceSummary } from './config/sourceConfig';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  sources: SourceConfig[];
}

export async function createRouter({
  httpAuth,
  sources,
}: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: ListSourcesResponse = { items: sources.map(toSourceSummary) };
    res.json(body);
  });

  return router;
}
