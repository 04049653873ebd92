import { InputError } from '@backstage/errors';

/** Largest row id a cursor may name: ids are 32-bit integer columns. */
const MAX_CURSOR_ID = 2_147_483_647;

/** The opaque cursor of the page after the row with `afterId`. */
export function encodeCursor(afterId: number): string {
  return Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
}

/** The row id a cursor from {@link encodeCursor} names; InputError for anything else. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const after = value?.after;
    if (Number.isSafeInteger(after) && after >= 1 && after <= MAX_CURSOR_ID) {
      return after;
    }
  } catch {
    // fall through
  }
  throw new InputError(
    'Invalid cursor: expected a cursor from a previous page',
  );
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
