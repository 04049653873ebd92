import { PatternSummary } from '@orkspace/backstage-plugin-orkestra-common';
import { sortPatterns } from './sortPatterns';

function pattern(
  name: string,
  kind: PatternSummary['kind'],
  version: string | undefined,
  updatedAt: string,
): PatternSummary {
  return {
    id: `s:${name}`,
    source: 's',
    registry: 'r',
    repository: name,
    reference: `r/${name}`,
    kind,
    name,
    owner: 'group:default/x',
    tags: [],
    ...(version
      ? {
          latest: {
            version,
            digest: 'sha256:0',
            simulate: 'absent',
            e2e: 'absent',
            deprecated: false,
            deprecationState: 'none',
            policyStatus: 'pass',
          },
        }
      : {}),
    versionCount: version ? 1 : 0,
    updatedAt,
  } as PatternSummary;
}

const a = pattern('alpha', 'Motif', 'v1.10.0', '2024-01-03T00:00:00Z');
const b = pattern('beta', 'Katalog', 'v1.9.0', '2024-01-01T00:00:00Z');
const c = pattern('gamma', 'Katalog', undefined, 'not a date');
const patterns = [b, c, a];

const names = (list: PatternSummary[]) => list.map(p => p.name);

describe('sortPatterns', () => {
  it('keeps the API order without a sortable column', () => {
    expect(names(sortPatterns(patterns, undefined, undefined))).toEqual([
      'beta',
      'gamma',
      'alpha',
    ]);
    expect(names(sortPatterns(patterns, 'owner', 'ascending'))).toEqual([
      'beta',
      'gamma',
      'alpha',
    ]);
  });

  it('sorts by name, kind, latest version and update time', () => {
    expect(names(sortPatterns(patterns, 'name', 'ascending'))).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    expect(names(sortPatterns(patterns, 'name', 'descending'))).toEqual([
      'gamma',
      'beta',
      'alpha',
    ]);
    expect(names(sortPatterns(patterns, 'kind', 'ascending'))).toEqual([
      'beta',
      'gamma',
      'alpha',
    ]);
    expect(names(sortPatterns(patterns, 'latest', 'ascending'))).toEqual([
      'gamma',
      'beta',
      'alpha',
    ]);
    expect(names(sortPatterns(patterns, 'updated', 'descending'))).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
  });

  it('does not change the page it sorts', () => {
    sortPatterns(patterns, 'name', 'ascending');
    expect(names(patterns)).toEqual(['beta', 'gamma', 'alpha']);
  });
});
