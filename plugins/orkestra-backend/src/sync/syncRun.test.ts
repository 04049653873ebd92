import { emptyCounts } from './syncCounts';
import { runStatus } from './syncRun';

describe('runStatus', () => {
  const counts = { ...emptyCounts(), repositories: 2 };

  it('succeeded without errors, partial with repository errors only', () => {
    expect(runStatus(counts, [])).toBe('succeeded');
    expect(runStatus(counts, [{ repository: 'a', message: 'x' }])).toBe(
      'partial',
    );
  });

  it('failed with an error of the whole source, or when no repository was seen', () => {
    expect(runStatus(counts, [{ message: 'down' }])).toBe('failed');
    expect(
      runStatus({ ...counts, repositories: 0 }, [
        { repository: 'acme', message: 'x' },
      ]),
    ).toBe('failed');
  });
});
