import { patternEntityPath } from './entityName';

describe('patternEntityPath', () => {
  it('links to the entity the catalog module emits for the repository', () => {
    expect(patternEntityPath('orkestra/katalogs/postgres')).toBe(
      '/catalog/default/component/orkestra-katalogs-postgres',
    );
  });

  it('links long repositories to their hashed name too', () => {
    const path = patternEntityPath(`acme/${'segment/'.repeat(12)}postgres`);
    expect(path).toMatch(
      /^\/catalog\/default\/component\/acme-segment-.*-[0-9a-f]{8}$/,
    );
    expect(path.length).toBeLessThanOrEqual(
      '/catalog/default/component/'.length + 63,
    );
  });
});
