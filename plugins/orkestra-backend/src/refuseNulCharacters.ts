import { InputError } from '@backstage/errors';
import express from 'express';

const NUL = '\u0000';
/** Longest location (e.g. `detail.log[3]`) quoted in an error message. */
const MAX_LOCATION = 200;

/**
 * Where in `value` (a parsed query string or JSON body) a string or a key
 * holds a NUL character, as `a.b[2]`; undefined when none does. Walks without
 * recursion, so a deeply nested body cannot overflow the stack.
 */
export function findNul(value: unknown): string | undefined {
  const pending: Array<{ value: unknown; at: string }> = [{ value, at: '' }];
  while (pending.length > 0) {
    const { value: current, at } = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return at;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) =>
        pending.push({ value: item, at: `${at}[${index}]` }),
      );
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        // Never echo the key itself: it holds the NUL.
        if (key.includes(NUL)) return at ? `a key of ${at}` : 'a key';
        pending.push({ value: item, at: at ? `${at}.${key}` : key });
      }
    }
  }
  return undefined;
}

function pathHasNul(path: string): boolean {
  return path.split('/').some(segment => {
    try {
      return decodeURIComponent(segment).includes(NUL);
    } catch {
      // Not decodable: the route's own parameter decoding refuses it.
      return segment.includes(NUL);
    }
  });
}

/**
 * Refuses (400) a request whose path, query or JSON body holds a NUL
 * character anywhere: PostgreSQL rejects NUL in text, so it would otherwise
 * surface as a 500 from the database. Mount after the body parser.
 */
export function refuseNulCharacters(
  req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
) {
  if (pathHasNul(req.path)) {
    next(new InputError('The request path contains a NUL character'));
    return;
  }
  const inQuery = findNul(req.query);
  if (inQuery !== undefined) {
    next(
      new InputError(
        inQuery.startsWith('a key')
          ? 'A query parameter name contains a NUL character'
          : `Query parameter "${
              inQuery.split(/[.[]/)[0]
            }" contains a NUL character`,
      ),
    );
    return;
  }
  const found = findNul(req.body);
  if (found !== undefined) {
    const inBody =
      found.length > MAX_LOCATION ? `${found.slice(0, MAX_LOCATION)}…` : found;
    next(
      new InputError(
        inBody === ''
          ? 'The request body contains a NUL character'
          : `The request body contains a NUL character in ${
              inBody.startsWith('a key') ? inBody : `"${inBody}"`
            }`,
      ),
    );
    return;
  }
  next();
}
