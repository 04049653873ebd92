import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  OciHttpError,
  OciNotFoundError,
  OciStore,
  readSourceConfigs,
} from '@orkspace/backstage-plugin-orkestra-node';
import { discoverRepositories } from './discoverRepositories';

function sourceOf(config: JsonObject) {
  return readSourceConfigs(
    new ConfigReader({
      orkestra: { sources: [{ id: 'local', type: 'registry', ...config }] },
    }),
  )[0];
}

describe('discoverRepositories', () => {
  it('by list: the named repositories, and the prefixes `_catalog` lists, index repositories left out', async () => {
    const store = {
      listRepositories: jest.fn(async () => [
        'acme/group/two',
        'acme/group/index',
        'other/x',
      ]),
    };
    const found = await discoverRepositories(
      {
        config: sourceOf({
          target: 'ghcr.io',
          discovery: 'list',
          repositories: ['acme/one', 'acme/group/'],
        }),
        store: store as unknown as OciStore,
      },
      new Map(),
    );
    expect(found.repositories).toEqual(['acme/group/two', 'acme/one']);
    expect(found.unlisted).toEqual([]);
  });

  it('by list: a failed `_catalog` leaves its prefixes unlisted, the named repositories found', async () => {
    const refused = new OciHttpError(404, 'no catalog');
    const store = {
      listRepositories: jest.fn(async () => {
        throw refused;
      }),
    };
    const found = await discoverRepositories(
      {
        config: sourceOf({
          target: 'ghcr.io',
          discovery: 'list',
          repositories: ['acme/one', 'acme/group/'],
        }),
        store: store as unknown as OciStore,
      },
      new Map(),
    );
    expect(found.repositories).toEqual(['acme/one']);
    expect(found.unlisted).toEqual([
      { scope: 'acme/group', absent: false, error: refused },
    ]);
  });

  it('by index: an index whose digest was recorded is not read again; an absent one is unlisted', async () => {
    const store = {
      resolve: jest.fn(async (repository: string) => {
        if (repository === 'acme/motifs/index')
          throw new OciNotFoundError('no index');
        return { mediaType: 'x', digest: 'sha256:seen', size: 1 };
      }),
    };
    const found = await discoverRepositories(
      {
        config: sourceOf({
          target: 'ghcr.io/acme',
          namespaces: ['acme/katalogs', 'acme/motifs'],
        }),
        store: store as unknown as OciStore,
      },
      new Map([
        ['acme/katalogs', { indexDigest: 'sha256:seen', entries: { a: '{}' } }],
      ]),
    );
    expect(found.repositories).toEqual(['acme/katalogs/a']);
    expect(found.indexes).toEqual(
      new Map([['acme/katalogs', { digest: 'sha256:seen' }]]),
    );
    expect(found.unlisted).toEqual([
      expect.objectContaining({ scope: 'acme/motifs', absent: true }),
    ]);
  });
});
