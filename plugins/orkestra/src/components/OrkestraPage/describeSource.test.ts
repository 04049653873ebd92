import { describeCredentials, describeDiscovery } from './describeSource';

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
