import { InputError } from '@backstage/errors';
import { decodeCursor, encodeCursor, nextCursorOf } from './pageCursor';

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
