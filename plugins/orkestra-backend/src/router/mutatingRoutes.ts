import {
  isValidRepositoryName,
  orkestraPatternPublishPermission,
  orkestraPatternResyncPermission,
} from '@orkspace/backstage-plugin-orkestra-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { PatternService } from '../service/types';
import { PermissionCheck } from './permissions';
import { bodyMatching, bodyOf } from './requestBody';
import { ResyncRateLimit, resyncRateLimit } from './resyncRateLimit';
import { OrkestraApiRouter } from './openApiRouter';

const repositoryBody = z
  .object({ repository: z.string().refine(isValidRepositoryName) })
  .strict();

const gateRunBody = z
  .object({
    reference: z.string().min(1).max(512),
    gate: z.enum(['simulate', 'e2e']),
    status: z.enum(['passed', 'failed', 'no-assertion', 'skipped']),
    startedAt: z.string().datetime(),
    finishedAt: z.string().datetime().optional(),
    taskId: z.string().max(255).optional(),
    detail: z.record(z.unknown()).optional(),
  })
  .strict();

const MAX_GATE_RUN_DETAIL = 16_384;

/** The routes that change state: resyncs, syncs and gate runs, each behind its permission. */
export function addMutatingRoutes(
  router: OrkestraApiRouter,
  options: {
    service: PatternService;
    requirePermission: PermissionCheck;
    resyncLimit: ResyncRateLimit;
  },
) {
  const { service, requirePermission } = options;
  const mayResync = requirePermission(
    orkestraPatternResyncPermission,
    'You may not resync patterns',
  );
  const resyncLimit = resyncRateLimit(options.resyncLimit);

  router.post(
    '/patterns/:id/resync',
    mayResync,
    resyncLimit,
    async (req, res) => {
      res.status(202).json(await service.resync(req.params.id));
    },
  );

  // Sync one repository of a source now, known or not yet (the scaffolder calls it after a publish).
  router.post(
    '/sources/:id/resync',
    bodyMatching(
      repositoryBody,
      () => 'The body must be {"repository": "<OCI repository name>"}',
    ),
    mayResync,
    resyncLimit,
    async (req, res) => {
      const { repository } = bodyOf(res, repositoryBody);
      res
        .status(202)
        .json(await service.resyncRepository(req.params.id, repository));
    },
  );

  // "Sync now": the whole source, or the full run of it already going.
  router.post('/sources/:id/sync', mayResync, resyncLimit, async (req, res) => {
    res.status(202).json(await service.syncSource(req.params.id));
  });

  // A gate run of a scaffolder action (who, when, pattern, outcome, duration, log excerpt).
  router.post(
    '/gate-runs',
    bodyMatching(
      gateRunBody,
      error =>
        `Invalid gate run: ${error.issues
          .map(i => i.path.join('.') || 'body')
          .join(', ')}`,
    ),
    requirePermission(
      orkestraPatternPublishPermission,
      'You may not record gate runs',
    ),
    async (_req, res) => {
      const run = bodyOf(res, gateRunBody);
      const detail = JSON.stringify(run.detail ?? {});
      if (detail.length > MAX_GATE_RUN_DETAIL) {
        throw new InputError('Gate run detail is larger than 16 KiB');
      }
      res.status(201).json({ id: await service.recordGateRun(run) });
    },
  );
}
