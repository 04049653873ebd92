import { toEntityName } from './entityName';

const VALID = /^([a-z0-9]+[-_.])*[a-z0-9]+$/;

describe('toEntityName', () => {
  it.each([
    ['orkestra/katalogs/postgres', 'orkestra-katalogs-postgres'],
    ['Acme/Katalogs/Web_App', 'acme-katalogs-web_app'],
    ['a//b', 'a-b'],
    ['__x__', 'x'],
    ['///', 'pattern'],
  ])('%s -> %s', (repository, name) => {
    expect(toEntityName(repository)).toBe(name);
  });

  it('keeps long names valid and distinct', () => {
    const base = `acme/${'very-long-segment/'.repeat(6)}`;
    const a = toEntityName(`${base}postgres`);
    const b = toEntityName(`${base}postgresql`);
    expect(a).not.toBe(b);
    for (const name of [a, b]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(VALID);
    }
  });
});
