import {
  describeCredentials,
  describeDiscovery,
  describeRunCounts,
} from './describeSource';

describe('describeDiscovery', () => {
  it('names each discovery mode', () => {
    expect(describeDiscovery({ type: 'index' })).toBe('index artifact');
    expect(describeDiscovery({ type: 'catalog' })).toBe('_catalog');
  });

  it('counts listed repositories', () => {
    expect(describeDiscovery({ type: 'list', repositories: ['a'] })).toBe(
      'list of 1 repository',
    );
    expect(
      describeDiscovery({ type: 'list', repositories: ['a', 'b', 'c'] }),
    ).toBe('list of 3 repositories');
  });
});

describe('describeCredentials', () => {
  const source = {
    id: 's',
    type: 'registry' as const,
    target: 'ghcr.io/acme',
    discovery: { type: 'catalog' as const },
  };

  it('says whether credentials are configured', () => {
    expect(describeCredentials({ ...source, hasCredentials: true })).toBe(
      'configured',
    );
    expect(describeCredentials({ ...source, hasCredentials: false })).toBe(
      'none',
    );
  });
});

describe('describeRunCounts', () => {
  const run = {
    id: 1,
    source: 'examples',
    trigger: 'schedule',
    startedAt: '2026-12-01T00:00:00Z',
    status: 'partial' as const,
    errors: [{ message: 'boom' }],
  };

  it('says what a run found in one line, singular and plural', () => {
    expect(
      describeRunCounts({
        ...run,
        counts: { repositories: 8, newVersions: 1, notPatterns: 2, errors: 3 },
      }),
    ).toBe('8 repositories · 1 new version · 2 not patterns · 3 errors');
    expect(
      describeRunCounts({
        ...run,
        counts: { repositories: 1, newVersions: 0, notPatterns: 0 },
      }),
    ).toBe('1 repository · 0 new versions · 1 error');
  });

  it('is a dash before the first run', () => {
    expect(describeRunCounts(undefined)).toBe('—');
  });
});
