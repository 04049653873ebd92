import { InputError } from '@backstage/errors';
import {
  decodeCursor,
  decodeSortedCursor,
  encodeCursor,
  encodeSortedCursor,
  nextCursorOf,
  nextSortedCursorOf,
} from './pageCursor';

describe('page cursors', () => {
  it('decode to the row id they were made from, across the id range', () => {
    for (const id of [1, 42, 2_147_483_647])
      expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuse anything that is not a cursor of a row id', () => {
    const made = (value: unknown) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      '',
      'not base64 json',
      made({ after: 0 }),
      made({ after: 2_147_483_648 }),
      made({ after: 1.5 }),
      made({ after: '7' }),
      made(null),
    ])
      expect(() => decodeCursor(cursor)).toThrow(InputError);
  });

  it('name the next page after the last row only when there is more', () => {
    const rows = [{ id: 3 }, { id: 9 }];
    expect(nextCursorOf({ rows, hasMore: false })).toEqual({});
    const { nextCursor } = nextCursorOf({ rows, hasMore: true });
    expect(decodeCursor(nextCursor)).toBe(9);
  });
});

describe('sorted page cursors', () => {
  it('carry their offset, for their own sort only', () => {
    const cursor = encodeSortedCursor('name:desc', 150);
    expect(decodeSortedCursor(cursor, 'name:desc')).toBe(150);
    expect(() => decodeSortedCursor(cursor, 'name:asc')).toThrow(
      'Invalid cursor: it pages a listing with another sort',
    );
    // Neither kind of cursor passes for the other.
    expect(() => decodeCursor(cursor)).toThrow(InputError);
    expect(() => decodeSortedCursor(encodeCursor(3), 'name:desc')).toThrow(
      InputError,
    );
  });

  it('refuse offsets out of range', () => {
    for (const offset of [-1, 1.5, 1_000_001, '7'])
      expect(() =>
        decodeSortedCursor(
          Buffer.from(JSON.stringify({ sort: 'kind:asc', offset })).toString(
            'base64url',
          ),
          'kind:asc',
        ),
      ).toThrow(InputError);
  });

  it('name the next page after the rows of this one', () => {
    expect(
      nextSortedCursorOf({ rows: [1, 2], hasMore: false }, 'kind:asc', 4),
    ).toEqual({});
    const { nextCursor } = nextSortedCursorOf(
      { rows: [1, 2], hasMore: true },
      'kind:asc',
      4,
    );
    expect(decodeSortedCursor(nextCursor!, 'kind:asc')).toBe(6);
  });
});
