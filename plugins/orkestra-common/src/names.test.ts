import { isValidRepositoryName, isValidTag } from './names';

describe('names', () => {
  it.each([
    'orkestra/katalogs/postgres',
    'a',
    'a.b_c__d---e/f1',
    'library/redis',
  ])('accepts repository %s', name =>
    expect(isValidRepositoryName(name)).toBe(true),
  );
  it.each([
    '',
    'Orkestra/x',
    'a//b',
    '/a',
    'a/',
    '../etc',
    'a/../b',
    'a..b',
    'a:b',
    `${'a'.repeat(256)}`,
  ])('rejects repository %s', name =>
    expect(isValidRepositoryName(name)).toBe(false),
  );
  it.each(['v1.2.0', 'latest', '_x', 'A-b.c_d', 'a'.repeat(128)])(
    'accepts tag %s',
    tag => expect(isValidTag(tag)).toBe(true),
  );
  it.each(['', '.hidden', '-x', 'a/b', 'a:b', 'a'.repeat(129), 'v1 ', '../x'])(
    'rejects tag %s',
    tag => expect(isValidTag(tag)).toBe(false),
  );
});
