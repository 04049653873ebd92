import { InputError } from '@backstage/errors';

/** Largest row id a cursor may name: ids are 32-bit integer columns. */
const MAX_CURSOR_ID = 2_147_483_647;
/** Largest offset a cursor may carry: the `offset` parameter's bound. */
export const MAX_OFFSET = 1_000_000;

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(cursor: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

function invalid(): InputError {
  return new InputError(
    'Invalid cursor: expected a cursor from a previous page',
  );
}

/** The opaque cursor of the page after the row with `afterId`. */
export function encodeCursor(afterId: number): string {
  return encode({ after: afterId });
}

/** The row id a cursor from {@link encodeCursor} names; InputError for anything else. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const after = decode(cursor)?.after;
  if (
    typeof after === 'number' &&
    Number.isSafeInteger(after) &&
    after >= 1 &&
    after <= MAX_CURSOR_ID
  ) {
    return after;
  }
  throw invalid();
}

/**
 * The opaque cursor of a sorted listing's page that starts `offset` rows in.
 * It names its sort (e.g. `name:desc`): no other sort accepts it.
 */
export function encodeSortedCursor(sort: string, offset: number): string {
  return encode({ sort, offset });
}

/** The offset a cursor from {@link encodeSortedCursor} for `sort` carries; InputError for anything else. */
export function decodeSortedCursor(cursor: string, sort: string): number {
  const value = decode(cursor);
  const offset = value?.offset;
  if (
    value?.sort === sort &&
    typeof offset === 'number' &&
    Number.isSafeInteger(offset) &&
    offset >= 0 &&
    offset <= MAX_OFFSET
  ) {
    return offset;
  }
  throw value && typeof value.sort === 'string'
    ? new InputError('Invalid cursor: it pages a listing with another sort')
    : invalid();
}

/** `nextCursor` of a page whose last row is the last of `rows`, when there is more. */
export function nextCursorOf(page: {
  rows: Array<{ id: number }>;
  hasMore: boolean;
}): { nextCursor?: string } {
  return page.hasMore
    ? { nextCursor: encodeCursor(page.rows[page.rows.length - 1].id) }
    : {};
}

/** `nextCursor` of a sorted page that started `offset` rows in, when there is more. */
export function nextSortedCursorOf(
  page: { rows: unknown[]; hasMore: boolean },
  sort: string,
  offset: number,
): { nextCursor?: string } {
  return page.hasMore
    ? { nextCursor: encodeSortedCursor(sort, offset + page.rows.length) }
    : {};
}
