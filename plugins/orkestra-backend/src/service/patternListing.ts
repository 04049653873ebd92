import { InputError } from '@backstage/errors';
import {
  ListPatternsResponse,
  PatternEntityData,
  PatternEntityFeed,
  PatternQuery,
  PatternSortKey,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  PatternFilter,
  PatternPage,
  PatternPageRequest,
  StoredPattern,
} from '../store/PatternStore';
import { ServiceContext } from './context';
import { PatternService } from './types';
import {
  decodeCursor,
  decodeSortedCursor,
  MAX_OFFSET,
  nextCursorOf,
  nextSortedCursorOf,
} from './pageCursor';
import { patternSummaries } from './summaries';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** Each sort key of the contract, once: a key added to openapi.yaml fails the type check here. */
const SORT_KEYS: Record<PatternSortKey, true> = {
  name: true,
  kind: true,
  latest: true,
  lastPushed: true,
  owner: true,
  versions: true,
};

/** The sort keys of `GET /patterns` (`PatternSortKey` in openapi.yaml). */
export const PATTERN_SORT_KEYS = Object.keys(SORT_KEYS) as [
  PatternSortKey,
  ...PatternSortKey[],
];

/** The store's page request for `query`, and how to name its next page. */
function pageOf(
  query: PatternQuery,
  limit: number,
): {
  request: PatternPageRequest;
  next: (page: PatternPage) => { nextCursor?: string };
} {
  const { cursor, offset } = query;
  if (offset !== undefined && cursor !== undefined) {
    throw new InputError('offset and cursor cannot be used together');
  }
  if (
    offset !== undefined &&
    (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
  ) {
    throw new InputError(`offset must be from 0 to ${MAX_OFFSET}`);
  }
  if (query.order !== undefined && !['asc', 'desc'].includes(query.order)) {
    throw new InputError('order must be asc or desc');
  }
  if (query.sort === undefined) {
    // By id: the keyset cursor, which the catalog module's feed shares.
    return {
      request: { limit, afterId: decodeCursor(cursor), offset },
      next: nextCursorOf,
    };
  }
  if (!(PATTERN_SORT_KEYS as readonly string[]).includes(query.sort)) {
    throw new InputError(`sort must be one of ${PATTERN_SORT_KEYS.join(', ')}`);
  }
  const sort = { key: query.sort, order: query.order ?? 'asc' } as const;
  const name = `${sort.key}:${sort.order}`;
  const start =
    cursor !== undefined ? decodeSortedCursor(cursor, name) : offset ?? 0;
  return {
    request: { limit, offset: start, sort },
    next: page => nextSortedCursorOf(page, name, start),
  };
}

/** The store's filter of the query's filters; end of life is at `at`. */
export function patternFilterOf(query: PatternQuery, at: Date): PatternFilter {
  return {
    kind: query.kind,
    simulate: query.simulate,
    e2e: query.e2e,
    deprecated: query.deprecated,
    policyStatus: query.policy,
    importsBehind: query.importsBehind,
    ...(query.endOfLife !== undefined
      ? {
          endOfLife: {
            value: query.endOfLife,
            today: at.toISOString().slice(0, 10),
          },
        }
      : {}),
    forced: query.forced,
    importsDeprecated: query.importsDeprecated,
    owner: query.owner,
    source: query.source,
    text: query.q,
    syncFailing: query.syncFailing,
  };
}

/**
 * One page of current patterns matching the query, with the count of all
 * matches: by id, or sorted over the whole result (`sort`, `order`) and
 * paged by `offset` or by the sorted page's cursor.
 */
export async function listPatterns(
  { store, now }: ServiceContext,
  query: PatternQuery,
): Promise<ListPatternsResponse> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InputError(`limit must be from 1 to ${MAX_LIMIT}`);
  }
  const { request, next } = pageOf(query, limit);
  const at = now();
  const page = await store.listPatterns(patternFilterOf(query, at), request);
  return {
    items: await patternSummaries(store, page.rows, at),
    totalCount: page.totalCount,
    ...next(page),
  };
}

export type EntityFeedOptions = Parameters<PatternService['entityFeed']>[0];

/** Patterns for the catalog module, with cursor paging: one query per page, not one per pattern. */
export async function entityFeed(
  { store, now }: ServiceContext,
  options: EntityFeedOptions,
): Promise<PatternEntityFeed> {
  const limit = Math.min(options.limit ?? 500, 1000);
  // A missing pattern keeps its entity until it is dropped after the grace
  // period: a repository that is back in time loses nothing in the catalog.
  const page = await store.listPatterns(
    {
      source: options.source,
      repository: options.repository,
      includeMissing: true,
    },
    { afterId: decodeCursor(options.cursor), limit },
  );
  const summaries = await patternSummaries(store, page.rows, now());
  const latestIds = page.rows.flatMap(p =>
    p.latestVersionId !== null ? [p.latestVersionId] : [],
  );
  const latest = new Map(
    (await store.getVersionsByIds(latestIds)).map(v => [v.id, v]),
  );
  const imports = await store.listImports(latestIds);
  const targets = new Map(
    (
      await store.getPatternsByIds([
        ...new Set(
          imports.flatMap(i => (i.targetPatternId ? [i.targetPatternId] : [])),
        ),
      ])
    ).map(p => [p.id, p]),
  );
  const crdDefinitions = await store.fileContents(latestIds, 'crd.yaml');
  const items: PatternEntityData[] = page.rows.map((pattern, index) => {
    const version =
      pattern.latestVersionId !== null
        ? latest.get(pattern.latestVersionId)
        : undefined;
    const signals = version?.signals;
    const dependsOn = [
      ...new Set(
        imports
          .filter(
            i => i.versionId === pattern.latestVersionId && i.targetPatternId,
          )
          .map(i => targets.get(i.targetPatternId!))
          .filter((p): p is StoredPattern => p !== undefined)
          .map(p => `${p.registry}/${p.repository}`),
      ),
    ];
    return {
      ...summaries[index],
      dependsOn,
      crds: version ? version.crds : [],
      ...(version && crdDefinitions.has(version.id)
        ? { crdDefinition: crdDefinitions.get(version.id) }
        : {}),
      ...(signals ? { signals } : {}),
      ...(signals?.license ? { license: signals.license } : {}),
    };
  });
  return { items, ...nextCursorOf(page) };
}
