import { InputError } from '@backstage/errors';
import {
  GATE_STATES,
  isValidRepositoryName,
  PATTERN_KINDS,
  POLICY_STATUSES,
} from '@orkspace/backstage-plugin-orkestra-common';
import { z } from 'zod/v3';
import { MAX_OFFSET } from '../service/pageCursor';
import { PATTERN_SORT_KEYS } from '../service/patternListing';
import { isValidVersion, SOURCE_ID } from './pathParams';

/** Page size bounds of `GET /patterns` and `GET /sources/:id/sync-runs`. */
const MAX_LIMIT = 200;
/** Page size bound of `GET /entities` (read by the catalog module in bulk). */
const MAX_ENTITY_LIMIT = 500;

/** A decimal integer in `[1, max]`, as a query string value. */
function limitParam(max: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
}

const booleanParam = z
  .enum(['true', 'false'])
  .transform(value => value === 'true');

/** `GET /patterns` */
export const patternQuerySchema = z
  .object({
    kind: z.enum(PATTERN_KINDS),
    simulate: z.enum(GATE_STATES),
    e2e: z.enum(GATE_STATES),
    syncFailing: booleanParam,
    deprecated: booleanParam,
    policy: z.enum(POLICY_STATUSES),
    importsBehind: booleanParam,
    endOfLife: booleanParam,
    forced: booleanParam,
    importsDeprecated: booleanParam,
    owner: z.string().min(1).max(400),
    source: z.string().regex(SOURCE_ID),
    q: z.string().max(200),
    sort: z.enum(PATTERN_SORT_KEYS),
    order: z.enum(['asc', 'desc']),
    cursor: z.string().min(1).max(1024),
    offset: z
      .string()
      .regex(/^\d{1,7}$/)
      .transform(Number)
      .pipe(z.number().int().min(0).max(MAX_OFFSET)),
    limit: limitParam(MAX_LIMIT),
  })
  .partial()
  .strict();

/** `GET /owners` */
export const ownerQuerySchema = z
  .object({ kind: z.enum(PATTERN_KINDS) })
  .partial()
  .strict();

/** A route without query parameters (`GET /pattern-counts`): any is an error. */
export const noQuerySchema = z.object({}).strict();

/** `GET /patterns/:id/dependencies` */
export const dependencyQuerySchema = z
  .object({ version: z.string().refine(isValidVersion) })
  .partial()
  .strict();

/** `GET /sources/:id/sync-runs` */
export const syncRunQuerySchema = z
  .object({ limit: limitParam(MAX_LIMIT) })
  .partial()
  .strict();

/** `GET /entities` */
export const entityQuerySchema = z
  .object({
    cursor: z.string().min(1).max(1024),
    limit: limitParam(MAX_ENTITY_LIMIT),
    source: z.string().regex(SOURCE_ID),
    repository: z.string().refine(isValidRepositoryName),
  })
  .partial()
  .strict();

/** What each query parameter accepts, for error messages (never echoing the value). */
const QUERY_EXPECTATIONS: Record<string, string> = {
  kind: `one of ${PATTERN_KINDS.join(', ')}`,
  simulate: `one of ${GATE_STATES.join(', ')}`,
  e2e: `one of ${GATE_STATES.join(', ')}`,
  syncFailing: 'true or false',
  deprecated: 'true or false',
  policy: `one of ${POLICY_STATUSES.join(', ')}`,
  importsBehind: 'true or false',
  endOfLife: 'true or false',
  forced: 'true or false',
  importsDeprecated: 'true or false',
  sort: `one of ${PATTERN_SORT_KEYS.join(', ')}`,
  order: 'asc or desc',
  offset: `a whole number from 0 to ${MAX_OFFSET}`,
  owner: 'a single entity reference of at most 400 characters',
  source: 'a single source id (lower-case letters, digits, dashes)',
  q: 'a single string of at most 200 characters',
  cursor: 'a single cursor from a previous page',
  limit: `a whole number from 1 to ${MAX_LIMIT}`,
  version: 'a tag or a digest',
};

/** `GET /entities` pages are larger and filter by repository. */
export const ENTITY_QUERY_EXPECTATIONS: Record<string, string> = {
  ...QUERY_EXPECTATIONS,
  limit: `a whole number from 1 to ${MAX_ENTITY_LIMIT}`,
  repository: 'an OCI repository name',
};

/** The query parsed by `schema`, or an InputError naming each bad parameter. */
export function parseQuery<T extends z.ZodTypeAny>(
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
