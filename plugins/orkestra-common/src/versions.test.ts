import {
  compareVersionTags,
  isFloatingTag,
  isSupplyChainTag,
  orderPatternVersions,
  parseVersion,
} from './versions';

const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('parseVersion', () => {
  it.each([
    ['v1.2.3', { major: 1, minor: 2, patch: 3, prerelease: [] }],
    ['1.2.3', { major: 1, minor: 2, patch: 3, prerelease: [] }],
    ['v1.2', { major: 1, minor: 2, patch: 0, prerelease: [] }],
    ['v2', { major: 2, minor: 0, patch: 0, prerelease: [] }],
    [
      'v1.0.0-rc.1+build.5',
      { major: 1, minor: 0, patch: 0, prerelease: ['rc', 1] },
    ],
    ['v1.2-rc.1', { major: 1, minor: 2, patch: 0, prerelease: ['rc', 1] }],
    ['v1.0.0-rc.01', { major: 1, minor: 0, patch: 0, prerelease: ['rc', 1] }],
  ])('%s', (tag, parsed) => {
    expect(parseVersion(tag)).toEqual(parsed);
  });

  it.each([
    'latest',
    'stable',
    'v01.2.3',
    '1.2.3.4',
    'v',
    '',
    'sha256-abc.sig',
    'v1.0.0-rc..1',
    'v1.0.0+',
  ])('rejects %s', tag => {
    expect(parseVersion(tag)).toBeUndefined();
  });
});

describe('compareVersionTags', () => {
  it('orders by semver precedence, with and without v', () => {
    const tags = [
      'v1.10.0',
      '1.2.0',
      'v1.2.0-rc.2',
      'latest',
      'v1.2.0-rc.10',
      'v1.2.0-beta',
      'v0.9.1',
      'stable',
    ];
    expect([...tags].sort(compareVersionTags)).toEqual([
      'latest',
      'stable',
      'v0.9.1',
      'v1.2.0-beta',
      'v1.2.0-rc.2',
      'v1.2.0-rc.10',
      '1.2.0',
      'v1.10.0',
    ]);
  });

  it('orders pre-release identifiers written with leading zeros', () => {
    expect(compareVersionTags('v1.0.0-rc.02', 'v1.0.0-rc.10')).toBeLessThan(0);
  });

  it('ranks a release above its pre-releases', () => {
    expect(compareVersionTags('v1.0.0', 'v1.0.0-rc.1')).toBeGreaterThan(0);
  });
});

describe('tag classes', () => {
  it('knows floating tags', () => {
    expect(isFloatingTag('latest')).toBe(true);
    expect(isFloatingTag('v1.0.0')).toBe(false);
  });

  it('recognises cosign and referrer-fallback tags', () => {
    const hex = 'a'.repeat(64);
    expect(isSupplyChainTag(`sha256-${hex}.sig`)).toBe(true);
    expect(isSupplyChainTag(`sha256-${hex}.att`)).toBe(true);
    expect(isSupplyChainTag(`sha256-${hex}.sbom`)).toBe(true);
    expect(isSupplyChainTag(`sha256-${hex}`)).toBe(true);
    expect(isSupplyChainTag('sha256-abc.sig')).toBe(false);
    expect(isSupplyChainTag('v1.0.0')).toBe(false);
  });
});

describe('orderPatternVersions', () => {
  it('groups tags by digest, drops signatures and orders newest first', () => {
    const versions = orderPatternVersions([
      { tag: 'v1.0.0', digest: digest(1), created: '2026-01-01T00:00:00Z' },
      { tag: 'latest', digest: digest(2) },
      { tag: 'v1.1.0', digest: digest(2), created: '2026-02-01T00:00:00Z' },
      { tag: 'stable', digest: digest(1) },
      { tag: `sha256-${'1'.repeat(64)}.sig`, digest: digest(9) },
      { tag: 'v0.9.0', digest: digest(3), created: '2026-03-01T00:00:00Z' },
      { tag: 'edge', digest: digest(4), created: '2026-04-01T00:00:00Z' },
      { tag: 'nightly', digest: digest(5), created: '2026-05-01T00:00:00Z' },
    ]);

    expect(versions).toEqual([
      {
        digest: digest(2),
        version: 'v1.1.0',
        tags: ['v1.1.0', 'latest'],
        floatingOnly: false,
        created: '2026-02-01T00:00:00Z',
      },
      {
        digest: digest(1),
        version: 'v1.0.0',
        tags: ['v1.0.0', 'stable'],
        floatingOnly: false,
        created: '2026-01-01T00:00:00Z',
      },
      {
        digest: digest(3),
        version: 'v0.9.0',
        tags: ['v0.9.0'],
        floatingOnly: false,
        created: '2026-03-01T00:00:00Z',
      },
      {
        digest: digest(5),
        version: 'nightly',
        tags: ['nightly'],
        floatingOnly: true,
        created: '2026-05-01T00:00:00Z',
      },
      {
        digest: digest(4),
        version: 'edge',
        tags: ['edge'],
        floatingOnly: true,
        created: '2026-04-01T00:00:00Z',
      },
    ]);
  });

  it('names a version by its highest tag when several point to it', () => {
    const [version] = orderPatternVersions([
      { tag: 'v1.0', digest: digest(1) },
      { tag: 'v1.0.1', digest: digest(1) },
      { tag: '1.0.1', digest: digest(1) },
    ]);
    expect(version.version).toBe('v1.0.1');
    expect(version.tags).toEqual(['v1.0.1', '1.0.1', 'v1.0']);
  });
});
