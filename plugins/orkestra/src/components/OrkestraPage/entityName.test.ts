import { patternEntityRef } from './entityName';

describe('patternEntityRef', () => {
  it('names the entity the catalog module emits for the repository', () => {
    expect(patternEntityRef('orkestra/katalogs/postgres')).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'orkestra-katalogs-postgres',
    });
  });

  it('names long repositories by their hashed name too', () => {
    const { name } = patternEntityRef(`acme/${'segment/'.repeat(12)}postgres`);
    expect(name).toMatch(/^acme-segment-.*-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(63);
  });
});
