import {
  HttpAuthService,
  PermissionsService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  isValidRepositoryName,
  isValidTag,
  orkestraPatternPublishPermission,
  orkestraPatternResyncPermission,
  PatternQuery,
} from '@orkspace/backstage-plugin-orkestra-common';
import express from 'express';
import Router from 'express-promise-router';
import { promises as fs } from 'fs';
import { z } from 'zod/v3';
import { RateLimiter } from './service/RateLimiter';
import { refuseNulCharacters } from './refuseNulCharacters';
import { FileContent, PatternService } from './service/types';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: PatternService;
  /** On-demand resyncs per user per window (services get ten times as many). Default 10 a minute. */
  resyncRateLimit?: { requests: number; windowMs: number };
}

/** Backend plugins (the scaffolder after each publish) resync for many users at once. */
const SERVICE_RESYNC_FACTOR = 10;

/**
 * Paths that need no credentials. The plugin registers each with
 * `httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' })`.
 */
export const UNAUTHENTICATED_PATHS = ['/health', '/openapi.yaml'];

/** Page size bounds of `GET /patterns` and `GET /sources/:id/sync-runs`. */
const MAX_LIMIT = 200;
/** Page size bound of `GET /entities` (read by the catalog module in bulk). */
const MAX_ENTITY_LIMIT = 500;

const GATE_STATES = [
  'passed',
  'no-assertion',
  'skipped',
  'failed',
  'absent',
  'unknown',
] as const;

/** `<source>:<repository>`, e.g. `examples:orkestra/katalogs/webapp-operator`. */
const PATTERN_ID = /^([a-z0-9-]+):(.+)$/;
const SOURCE_ID = /^[a-z0-9-]{1,63}$/;
/** `algorithm:encoded` of the OCI image spec, e.g. `sha256:<64 hex>`. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,256}$/;
const MAX_FILE_NAME = 255;

/** A decimal integer in `[1, max]`, as a query string value. */
function limitParam(max: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
}

const patternQuerySchema = z
  .object({
    kind: z.enum(['Katalog', 'Motif']),
    simulate: z.enum(GATE_STATES),
    e2e: z.enum(GATE_STATES),
    deprecated: z.enum(['true', 'false']).transform(value => value === 'true'),
    policy: z.enum(['pass', 'warn', 'fail']),
    importsBehind: z
      .enum(['true', 'false'])
      .transform(value => value === 'true'),
    owner: z.string().min(1).max(400),
    source: z.string().regex(SOURCE_ID),
    q: z.string().max(200),
    cursor: z.string().min(1).max(1024),
    limit: limitParam(MAX_LIMIT),
  })
  .partial()
  .strict();

/** What each query parameter accepts, for error messages (never echoing the value). */
const QUERY_EXPECTATIONS: Record<string, string> = {
  kind: 'one of Katalog, Motif',
  simulate: `one of ${GATE_STATES.join(', ')}`,
  e2e: `one of ${GATE_STATES.join(', ')}`,
  deprecated: 'true or false',
  policy: 'one of pass, warn, fail',
  importsBehind: 'true or false',
  owner: 'a single entity reference of at most 400 characters',
  source: 'a single source id (lower-case letters, digits, dashes)',
  q: 'a single string of at most 200 characters',
  cursor: 'a single cursor from a previous page',
  limit: `a whole number from 1 to ${MAX_LIMIT}`,
  version: 'a tag or a digest',
};

function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  query: unknown,
  expectations: Record<string, string> = QUERY_EXPECTATIONS,
): z.output<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown query parameter(s) ${issue.keys
        .map(key => `"${key}"`)
        .join(', ')}`;
    }
    const name = String(issue.path[0] ?? '');
    const expected = expectations[name] ?? 'a valid value';
    return `query parameter "${name}" must be ${expected}`;
  });
  throw new InputError(`Invalid query: ${[...new Set(problems)].join('; ')}`);
}

function patternIdParam(value: string): string {
  const match = PATTERN_ID.exec(value);
  if (!match || !isValidRepositoryName(match[2])) {
    throw new InputError(
      'Invalid pattern id: expected "<source>:<repository>" (URL-encoded as one path segment), e.g. examples:orkestra/katalogs/webapp-operator',
    );
  }
  return value;
}

function isValidVersion(value: string): boolean {
  return isValidTag(value) || DIGEST.test(value);
}

function versionParam(value: string): string {
  if (!isValidVersion(value)) {
    throw new InputError(
      'Invalid version: expected a tag (e.g. v1.2.0) or a digest (e.g. sha256:...)',
    );
  }
  return value;
}

function fileParam(value: string): string {
  if (
    value.length === 0 ||
    value.length > MAX_FILE_NAME ||
    value.includes('/') ||
    value.includes('\\') ||
    value.includes('\0') ||
    value === '.' ||
    value === '..'
  ) {
    throw new InputError(
      `Invalid file name: expected a plain file name of at most ${MAX_FILE_NAME} characters`,
    );
  }
  return value;
}

function sourceIdParam(value: string): string {
  if (!SOURCE_ID.test(value)) {
    throw new InputError(
      'Invalid source id: expected lower-case letters, digits and dashes',
    );
  }
  return value;
}

/** `type/subtype` with optional parameters, as allowed in a header. */
const MEDIA_TYPE =
  /^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}\/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}(\s*;\s*[a-zA-Z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[a-zA-Z0-9!#$&^_.+-]+))*$/;

/**
 * The Content-Type to serve a pattern file with. YAML and markdown are shown as
 * plain text; types a browser could run (HTML, SVG, XML, scripts) and anything
 * malformed become `application/octet-stream`.
 */
export function servedContentType(mediaType: string): string {
  if (!MEDIA_TYPE.test(mediaType)) return 'application/octet-stream';
  const essence = mediaType.split(';')[0].trim().toLowerCase();
  if (
    /(^|[/+.-])ya?ml$/.test(essence) ||
    /^text\/(x-)?markdown$/.test(essence) ||
    essence === 'text/plain'
  ) {
    return 'text/plain; charset=utf-8';
  }
  if (/html|xml|svg|script|^multipart\//.test(essence)) {
    return 'application/octet-stream';
  }
  return mediaType;
}

const EXPOSED_HEADERS = ['X-Orkestra-Truncated', 'X-Orkestra-Media-Type'];

function sendFileContent(res: express.Response, file: FileContent) {
  const existing = res.getHeader('Access-Control-Expose-Headers');
  const exposed = [
    ...String(existing ?? '')
      .split(',')
      .map(header => header.trim())
      .filter(Boolean),
    ...EXPOSED_HEADERS,
  ];
  res.setHeader('Content-Type', servedContentType(file.mediaType));
  if (MEDIA_TYPE.test(file.mediaType)) {
    res.setHeader('X-Orkestra-Media-Type', file.mediaType);
  }
  res.setHeader('X-Orkestra-Truncated', file.truncated ? 'true' : 'false');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Access-Control-Expose-Headers', [...new Set(exposed)]);
  res
    .status(200)
    .send(
      Buffer.from(
        file.content.buffer,
        file.content.byteOffset,
        file.content.byteLength,
      ),
    );
}

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

/** The HTTP API `/api/orkestra`; see `src/schema/openapi.yaml`. */
export async function createRouter({
  httpAuth,
  permissions,
  service,
  resyncRateLimit = { requests: 10, windowMs: 60_000 },
}: RouterOptions): Promise<express.Router> {
  const router = Router();
  const userResyncs = new RateLimiter(resyncRateLimit);
  const serviceResyncs = new RateLimiter({
    ...resyncRateLimit,
    requests: resyncRateLimit.requests * SERVICE_RESYNC_FACTOR,
  });
  /** True when the caller may resync now; otherwise answers 429 with Retry-After. */
  const resyncAllowed = (
    credentials: Awaited<ReturnType<typeof caller>>,
    req: express.Request,
    res: express.Response,
  ): boolean => {
    const { principal } = credentials as {
      principal: { type: string; userEntityRef?: string; subject?: string };
    };
    const retryAfter =
      principal.type === 'user'
        ? userResyncs.take(`user:${principal.userEntityRef}`)
        : serviceResyncs.take(`service:${principal.subject}`);
    if (retryAfter === undefined) return true;
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({
        error: {
          name: 'TooManyRequestsError',
          message: `Too many resync requests; try again in ${retryAfter} s`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 429 },
      });
    return false;
  };
  router.use(express.json({ limit: '64kb' }));
  // Parse errors quote the body; never send it back.
  router.use(
    (
      error: unknown,
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      const type = (error as { type?: unknown } | undefined)?.type;
      if (type === 'entity.parse.failed') {
        next(new InputError('Request body is not valid JSON'));
        return;
      }
      next(error);
    },
  );
  // PostgreSQL refuses NUL in text: one 400 for every path, query and body.
  router.use(refuseNulCharacters);

  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/openapi.yaml', async (_req, res) => {
    const document = await readOpenApiDocument();
    res.type('application/yaml; charset=utf-8').send(document);
  });

  router.get('/patterns', async (req, res) => {
    await caller(req);
    const query: PatternQuery = parseQuery(patternQuerySchema, req.query);
    res.json(await service.listPatterns(query));
  });

  router.get('/patterns/:id', async (req, res) => {
    await caller(req);
    res.json(await service.getPattern(patternIdParam(req.params.id)));
  });

  router.get('/patterns/:id/versions', async (req, res) => {
    await caller(req);
    const items = await service.listVersions(patternIdParam(req.params.id));
    res.json({ items });
  });

  router.get('/patterns/:id/versions/:version', async (req, res) => {
    await caller(req);
    const id = patternIdParam(req.params.id);
    const version = versionParam(req.params.version);
    res.json(await service.getVersion(id, version));
  });

  router.get('/patterns/:id/versions/:version/files', async (req, res) => {
    await caller(req);
    const id = patternIdParam(req.params.id);
    const version = versionParam(req.params.version);
    res.json({ items: await service.listFiles(id, version) });
  });

  router.get(
    '/patterns/:id/versions/:version/files/:file/content',
    async (req, res) => {
      await caller(req);
      const id = patternIdParam(req.params.id);
      const version = versionParam(req.params.version);
      const file = fileParam(req.params.file);
      sendFileContent(res, await service.getFileContent(id, version, file));
    },
  );

  router.get('/patterns/:id/dependencies', async (req, res) => {
    await caller(req);
    const id = patternIdParam(req.params.id);
    const { version } = parseQuery(
      z
        .object({ version: z.string().refine(isValidVersion) })
        .partial()
        .strict(),
      req.query,
    );
    res.json({ items: await service.listDependencies(id, version) });
  });

  router.get('/patterns/:id/dependents', async (req, res) => {
    await caller(req);
    const items = await service.listDependents(patternIdParam(req.params.id));
    res.json({ items });
  });

  router.get(
    '/patterns/:id/versions/:version/upgrade-path',
    async (req, res) => {
      await caller(req);
      const id = patternIdParam(req.params.id);
      const version = versionParam(req.params.version);
      res.json(await service.getUpgradePath(id, version));
    },
  );

  router.get('/patterns/:id/versions/:version/policy', async (req, res) => {
    await caller(req);
    const id = patternIdParam(req.params.id);
    const version = versionParam(req.params.version);
    res.json(await service.getPolicy(id, version));
  });

  router.post('/patterns/:id/resync', async (req, res) => {
    const credentials = await caller(req);
    const id = patternIdParam(req.params.id);
    const [decision] = await permissions.authorize(
      [{ permission: orkestraPatternResyncPermission }],
      { credentials },
    );
    if (decision?.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not resync patterns');
    }
    if (!resyncAllowed(credentials, req, res)) return;
    res.status(202).json(await service.resync(id));
  });

  // Sync one repository of a source now, known or not yet (the scaffolder calls it after a publish).
  router.post('/sources/:id/resync', async (req, res) => {
    const credentials = await caller(req);
    const sourceId = sourceIdParam(req.params.id);
    const body = z
      .object({ repository: z.string().refine(isValidRepositoryName) })
      .strict()
      .safeParse(req.body);
    if (!body.success) {
      throw new InputError(
        'The body must be {"repository": "<OCI repository name>"}',
      );
    }
    const [decision] = await permissions.authorize(
      [{ permission: orkestraPatternResyncPermission }],
      { credentials },
    );
    if (decision?.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not resync patterns');
    }
    if (!resyncAllowed(credentials, req, res)) return;
    res
      .status(202)
      .json(await service.resyncRepository(sourceId, body.data.repository));
  });

  // A gate run of a scaffolder action (who, when, pattern, outcome, duration, log excerpt).
  router.post('/gate-runs', async (req, res) => {
    const credentials = await caller(req);
    const body = z
      .object({
        reference: z.string().min(1).max(512),
        gate: z.enum(['simulate', 'e2e']),
        status: z.enum(['passed', 'failed', 'no-assertion', 'skipped']),
        startedAt: z.string().datetime(),
        finishedAt: z.string().datetime().optional(),
        taskId: z.string().max(255).optional(),
        detail: z.record(z.unknown()).optional(),
      })
      .strict()
      .safeParse(req.body);
    if (!body.success) {
      throw new InputError(
        `Invalid gate run: ${body.error.issues
          .map(i => i.path.join('.') || 'body')
          .join(', ')}`,
      );
    }
    const [decision] = await permissions.authorize(
      [{ permission: orkestraPatternPublishPermission }],
      { credentials },
    );
    if (decision?.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not record gate runs');
    }
    const detail = JSON.stringify(body.data.detail ?? {});
    if (detail.length > 16_384)
      throw new InputError('Gate run detail is larger than 16 KiB');
    res.status(201).json({ id: await service.recordGateRun(body.data) });
  });

  router.get('/sources', async (req, res) => {
    await caller(req);
    res.json({ items: await service.listSources() });
  });

  router.get('/sources/:id/sync-runs', async (req, res) => {
    await caller(req);
    const sourceId = sourceIdParam(req.params.id);
    const { limit } = parseQuery(
      z
        .object({ limit: limitParam(MAX_LIMIT) })
        .partial()
        .strict(),
      req.query,
    );
    res.json({ items: await service.listSyncRuns(sourceId, limit) });
  });

  router.get('/entities', async (req, res) => {
    await caller(req);
    const { cursor, limit, source, repository } = parseQuery(
      z
        .object({
          cursor: z.string().min(1).max(1024),
          limit: limitParam(MAX_ENTITY_LIMIT),
          source: z.string().regex(SOURCE_ID),
          repository: z.string().refine(isValidRepositoryName),
        })
        .partial()
        .strict(),
      req.query,
      {
        ...QUERY_EXPECTATIONS,
        limit: `a whole number from 1 to ${MAX_ENTITY_LIMIT}`,
        repository: 'an OCI repository name',
      },
    );
    res.json(await service.entityFeed({ cursor, limit, source, repository }));
  });

  return router;
}
