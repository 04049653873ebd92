import { ConfigReader } from '@backstage/config';
import { ownerFor, readOwnershipConfig } from './ownershipConfig';

describe('readOwnershipConfig', () => {
  it('defaults the owner to unknown and maps no author', () => {
    expect(readOwnershipConfig(new ConfigReader({}))).toEqual({
      defaultOwner: 'unknown',
      authors: {},
    });
  });

  it('maps authors, keeping names that are Object properties, and falls back to the default owner', () => {
    const ownership = readOwnershipConfig(
      new ConfigReader({
        orkestra: {
          ownership: {
            defaultOwner: 'group:default/platform',
            authors: { 'data-team': 'group:default/data' },
          },
        },
      }),
    );
    expect(ownerFor(ownership, 'data-team')).toBe('group:default/data');
    expect(ownerFor(ownership, 'constructor')).toBe('group:default/platform');
    expect(ownerFor(ownership, undefined)).toBe('group:default/platform');
  });
});
