import { mockServices } from '@backstage/backend-test-utils';
import { PatternEntityData } from '@internal/backstage-plugin-orkestra-common';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { OrkestraEntityFeedClient } from './OrkestraEntityFeedClient';
import { EntityClaims, OrkestraEntityProvider } from './OrkestraEntityProvider';

function pattern(repository: string, source = 'examples'): PatternEntityData {
  const name = repository.split('/').pop()!;
  return {
    id: `${source}:${repository}`,
    source,
    registry: 'oci.orkestra.example',
    repository,
    reference: `oci.orkestra.example/${repository}`,
    kind: repository.includes('/motifs/') ? 'Motif' : 'Katalog',
    name,
    owner: 'group:default/platform-team',
    tags: [],
    versionCount: 1,
    updatedAt: '2026-11-25T00:00:00Z',
    dependsOn: [],
    crds: [],
  };
}

function fakeFeed(initial: PatternEntityData[]) {
  let patterns = initial;
  let failing = false;
  const feed = {
    readSource: jest.fn(async () => {
      if (failing) throw new Error('the Orkestra entity feed answered 503');
      return patterns;
    }),
    readPattern: jest.fn(async (_source: string, repository: string) =>
      patterns.find(p => p.repository === repository),
    ),
  };
  return {
    feed: feed as unknown as OrkestraEntityFeedClient,
    set: (next: PatternEntityData[]) => (patterns = next),
    fail: (value: boolean) => (failing = value),
  };
}

function connection() {
  return {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  } as jest.Mocked<EntityProviderConnection>;
}

const names = (mutation: any, key: 'entities' | 'added') =>
  mutation[key].map((d: any) => d.entity.metadata.name).sort();

describe('OrkestraEntityProvider', () => {
  const A = pattern('orkestra/katalogs/webapp-operator');
  const B = pattern('orkestra/motifs/web-service');

  it('applies a full mutation of the feed, and drops what the backend no longer has', async () => {
    const { feed, set } = fakeFeed([A, B]);
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger: mockServices.logger.mock(),
      feed,
    });
    const catalog = connection();
    await provider.connect(catalog);
    expect(provider.getProviderName()).toBe('orkestra:examples');

    await provider.refresh();
    expect(catalog.applyMutation).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'full' }),
    );
    expect(names(catalog.applyMutation.mock.calls[0][0], 'entities')).toEqual([
      'orkestra-katalogs-webapp-operator',
      'orkestra-motifs-web-service',
    ]);
    const [{ entities }] = catalog.applyMutation.mock.calls[0] as any;
    expect(
      entities.every((d: any) => d.locationKey === 'orkestra:examples'),
    ).toBe(true);

    set([A]); // B marked gone by the backend: it is not in the feed any more
    await provider.refresh();
    expect(names(catalog.applyMutation.mock.calls[1][0], 'entities')).toEqual([
      'orkestra-katalogs-webapp-operator',
    ]);
  });

  it('applies nothing when the feed cannot be read, so no entity disappears', async () => {
    const { feed, fail } = fakeFeed([A]);
    const logger = mockServices.logger.mock();
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger,
      feed,
    });
    const catalog = connection();
    await provider.connect(catalog);
    fail(true);
    await provider.refresh();
    expect(catalog.applyMutation).not.toHaveBeenCalled();
  });

  it('turns a change event into a delta for that pattern only', async () => {
    const { feed, set } = fakeFeed([A, B]);
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger: mockServices.logger.mock(),
      feed,
    });
    const catalog = connection();
    await provider.connect(catalog);
    await provider.refresh();
    catalog.applyMutation.mockClear();

    await provider.onPatternChanged({
      source: 'examples',
      repository: A.repository,
      reference: A.reference,
      change: 'updated',
    });
    expect(catalog.applyMutation).toHaveBeenCalledTimes(1);
    const update = catalog.applyMutation.mock.calls[0][0] as any;
    expect(update.type).toBe('delta');
    expect(names(update, 'added')).toEqual([
      'orkestra-katalogs-webapp-operator',
    ]);
    expect(update.removed).toEqual([]);

    set([A]);
    await provider.onPatternChanged({
      source: 'examples',
      repository: B.repository,
      reference: B.reference,
      change: 'removed',
    });
    expect(catalog.applyMutation.mock.calls[1][0]).toEqual({
      type: 'delta',
      added: [],
      removed: [{ entityRef: 'component:default/orkestra-motifs-web-service' }],
    });

    // Events of other sources are not this provider's business.
    await provider.onPatternChanged({
      source: 'other',
      repository: A.repository,
      reference: A.reference,
      change: 'updated',
    });
    expect(catalog.applyMutation).toHaveBeenCalledTimes(2);
  });

  it('reports an entity name collision between two sources instead of overwriting', async () => {
    const claims: EntityClaims = new Map();
    const logger = mockServices.logger.mock();
    const first = new OrkestraEntityProvider({
      source: 'ghcr',
      logger,
      feed: fakeFeed([pattern(A.repository, 'ghcr')]).feed,
      claims,
    });
    const second = new OrkestraEntityProvider({
      source: 'harbor',
      logger,
      feed: fakeFeed([
        pattern(A.repository, 'harbor'),
        pattern(B.repository, 'harbor'),
      ]).feed,
      claims,
    });
    const c1 = connection();
    const c2 = connection();
    await first.connect(c1);
    await second.connect(c2);
    await first.refresh();
    await second.refresh();
    expect(names(c1.applyMutation.mock.calls[0][0], 'entities')).toEqual([
      'orkestra-katalogs-webapp-operator',
    ]);
    expect(names(c2.applyMutation.mock.calls[0][0], 'entities')).toEqual([
      'orkestra-motifs-web-service',
    ]);
    expect(logger.child).toHaveBeenCalled();
  });
});
