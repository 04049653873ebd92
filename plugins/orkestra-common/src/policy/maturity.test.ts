import { maturityRank, meetsMinMaturity } from '.';

describe('maturityRank and meetsMinMaturity', () => {
  it('orders deprecated < alpha < beta < stable, ignoring case', () => {
    expect(
      [
        'deprecated',
        'alpha',
        'beta',
        'stable',
        ' Stable ',
        'gold',
        '',
        undefined,
      ].map(maturityRank),
    ).toEqual([0, 1, 2, 3, 3, undefined, undefined, undefined]);
  });

  it.each<
    [string | undefined, 'alpha' | 'beta' | 'stable' | undefined, boolean]
  >([
    [undefined, undefined, true],
    ['gold', undefined, true],
    ['deprecated', undefined, true],
    ['deprecated', 'alpha', false],
    ['alpha', 'alpha', true],
    ['alpha', 'beta', false],
    ['beta', 'beta', true],
    ['stable', 'beta', true],
    ['beta', 'stable', false],
    ['stable', 'stable', true],
    [undefined, 'alpha', false],
    ['', 'alpha', false],
    ['gold', 'alpha', false],
    ['constructor', 'alpha', false],
  ])('%j meets %j → %s', (maturity, min, expected) => {
    expect(meetsMinMaturity(maturity, min)).toBe(expected);
  });
});
