import {
  addCounts,
  addTallies,
  emptyTally,
  PartialFailure,
  repositoryError,
} from './syncCounts';

describe('sync counts', () => {
  it('adds counts key by key, keeping keys only one side has', () => {
    expect(
      addCounts({ tags: 2, newVersions: 1 }, { tags: 3, movedTags: 1 }),
    ).toEqual({
      tags: 5,
      newVersions: 1,
      movedTags: 1,
    });
  });

  it('adds tallies, errors in order', () => {
    const a = { counts: { tags: 1 }, errors: [{ message: 'a' }] };
    const b = { counts: { tags: 1 }, errors: [{ message: 'b' }] };
    expect(addTallies(a, b)).toEqual({
      counts: { tags: 2 },
      errors: [{ message: 'a' }, { message: 'b' }],
    });
    expect(addTallies(emptyTally(), emptyTally())).toEqual(emptyTally());
  });

  it('a PartialFailure after earlier work carries both tallies and the first cause', () => {
    const cause = new Error('down');
    const inner = new PartialFailure(cause, {
      counts: { manifestsFetched: 1 },
      errors: [],
    });
    const outer = PartialFailure.after(
      { counts: { manifestsFetched: 2 }, errors: [{ message: 'x' }] },
      inner,
    );
    expect(outer.cause).toBe(cause);
    expect(outer.tally).toEqual({
      counts: { manifestsFetched: 3 },
      errors: [{ message: 'x' }],
    });
    expect(PartialFailure.after(emptyTally(), cause).cause).toBe(cause);
  });

  it('a repository error says what it concerns', () => {
    expect(repositoryError('acme/x', new Error('bad'), 'sha256:1')).toEqual({
      repository: 'acme/x',
      message: 'sha256:1: bad',
    });
  });
});
