import { InputError, NotFoundError } from '@backstage/errors';
import { PatternStore, StoredPattern } from '../store/PatternStore';

/** The API's id of a pattern: `<source>:<repository>`. */
export function patternId(
  pattern: Pick<StoredPattern, 'sourceId' | 'repository'>,
): string {
  return `${pattern.sourceId}:${pattern.repository}`;
}

function splitId(id: string): { sourceId: string; repository: string } {
  const cut = id.indexOf(':');
  if (cut <= 0)
    throw new InputError(
      `invalid pattern id "${id.slice(
        0,
        200,
      )}": expected <source>:<repository>`,
    );
  return { sourceId: id.slice(0, cut), repository: id.slice(cut + 1) };
}

/** The pattern with the API's `id`; InputError for a malformed id, NotFoundError for an unknown one. */
export async function findPattern(
  store: PatternStore,
  id: string,
): Promise<StoredPattern> {
  const { sourceId, repository } = splitId(id);
  const pattern = await store.getPatternByRepository(sourceId, repository);
  if (!pattern) throw new NotFoundError(`no pattern ${id}`);
  return pattern;
}
