import { mockServices } from '@backstage/backend-test-utils';
import { PatternEntityData } from '@orkspace/backstage-plugin-orkestra-common';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { OrkestraEntityFeedClient } from './OrkestraEntityFeedClient';
import { EntityClaims } from './EntityClaims';
import { OrkestraEntityProvider } from './OrkestraEntityProvider';

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

  it('refreshes fully once connected when a change arrived before the catalog connected', async () => {
    const { feed } = fakeFeed([A]);
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger: mockServices.logger.mock(),
      feed,
    });
    await provider.onPatternChanged({
      source: 'examples',
      repository: A.repository,
      reference: A.reference,
      change: 'added',
    });
    expect(feed.readPattern).not.toHaveBeenCalled();
    const catalog = connection();
    await provider.connect(catalog); // no task runner: only the missed change refreshes
    expect(catalog.applyMutation).toHaveBeenCalledTimes(1);
    expect(names(catalog.applyMutation.mock.calls[0][0], 'entities')).toEqual([
      'orkestra-katalogs-webapp-operator',
    ]);
    await provider.connect(connection());
    expect(feed.readSource).toHaveBeenCalledTimes(1);
  });

  it('removes the API entity of a CRD the new latest version no longer declares', async () => {
    const crd = {
      group: 'apps.example.com',
      kind: 'WebApp',
      plural: 'webapps',
      versions: [{ name: 'v1', served: true, storage: true }],
    };
    const withCrd = { ...A, crds: [crd] };
    const { feed, set } = fakeFeed([withCrd]);
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger: mockServices.logger.mock(),
      feed,
    });
    const catalog = connection();
    await provider.connect(catalog);
    await provider.refresh();
    const first = catalog.applyMutation.mock.calls[0][0] as any;
    const apiRefs = first.entities
      .filter((d: any) => d.entity.kind === 'API')
      .map((d: any) => `api:default/${d.entity.metadata.name}`);
    expect(apiRefs).toHaveLength(1);

    set([A]);
    await provider.onPatternChanged({
      source: 'examples',
      repository: A.repository,
      reference: A.reference,
      change: 'updated',
    });
    expect(catalog.applyMutation.mock.calls[1][0]).toMatchObject({
      type: 'delta',
      removed: [{ entityRef: apiRefs[0] }],
    });
    expect(names(catalog.applyMutation.mock.calls[1][0], 'added')).toEqual([
      'orkestra-katalogs-webapp-operator',
    ]);
  });

  it('keeps the entities and logs when one pattern cannot be read for a change', async () => {
    const { feed } = fakeFeed([A]);
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger,
      feed,
    });
    const catalog = connection();
    await provider.connect(catalog);
    (feed.readPattern as jest.Mock).mockRejectedValueOnce(
      new Error('the Orkestra entity feed answered 503'),
    );
    await provider.onPatternChanged({
      source: 'examples',
      repository: A.repository,
      reference: A.reference,
      change: 'updated',
    });
    expect(catalog.applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not read ${A.repository} from the Orkestra feed: the Orkestra entity feed answered 503`,
    );
  });

  it('refuses to refresh before the catalog connected', async () => {
    const provider = new OrkestraEntityProvider({
      source: 'examples',
      logger: mockServices.logger.mock(),
      feed: fakeFeed([]).feed,
    });
    await expect(provider.refresh()).rejects.toThrow(
      'orkestra:examples is not connected to the catalog yet',
    );
  });

  describe('with two sources that hold a pattern of the same name', () => {
    const WEBAPP = 'component:default/orkestra-katalogs-webapp-operator';

    function twoSources() {
      const claims = new EntityClaims();
      const logger = mockServices.logger.mock();
      logger.child.mockReturnValue(logger);
      const ghcr = fakeFeed([pattern(A.repository, 'ghcr')]);
      const harbor = fakeFeed([
        pattern(A.repository, 'harbor'),
        pattern(B.repository, 'harbor'),
      ]);
      const first = new OrkestraEntityProvider({
        source: 'ghcr',
        logger,
        feed: ghcr.feed,
        claims,
      });
      const second = new OrkestraEntityProvider({
        source: 'harbor',
        logger,
        feed: harbor.feed,
        claims,
      });
      return { claims, logger, ghcr, harbor, first, second };
    }

    it('reports the collision instead of overwriting', async () => {
      const { claims, logger, first, second } = twoSources();
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
      expect(claims.ownerOf(WEBAPP)).toBe('orkestra:ghcr');
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          `Entity name collision: ${WEBAPP} from oci.orkestra.example/${A.repository} is already emitted by orkestra:ghcr; skipped.`,
        ),
      );
    });

    it('hands the name to the other source when a full refresh drops it, at once and on every later refresh', async () => {
      const { claims, logger, ghcr, harbor, first, second } = twoSources();
      const c1 = connection();
      const c2 = connection();
      await first.connect(c1);
      await second.connect(c2);
      await first.refresh();
      await second.refresh();

      ghcr.set([]); // the pattern was dropped from the first source
      logger.error.mockClear();
      await first.refresh();
      expect(c1.applyMutation).toHaveBeenLastCalledWith({
        type: 'full',
        entities: [],
      });
      // The second source is told and emits its entity without waiting for its schedule.
      await waitUntil(() => c2.applyMutation.mock.calls.length === 2);
      expect(c2.applyMutation.mock.calls[1][0]).toMatchObject({
        type: 'delta',
        removed: [],
      });
      expect(names(c2.applyMutation.mock.calls[1][0], 'added')).toEqual([
        'orkestra-katalogs-webapp-operator',
      ]);
      expect(claims.ownerOf(WEBAPP)).toBe('orkestra:harbor');
      expect(harbor.feed.readPattern).toHaveBeenCalledWith(
        'harbor',
        A.repository,
      );

      await second.refresh();
      expect(names(c2.applyMutation.mock.calls[2][0], 'entities')).toEqual([
        'orkestra-katalogs-webapp-operator',
        'orkestra-motifs-web-service',
      ]);
      expect(logger.error).not.toHaveBeenCalled();

      // Back in the first source: now it is the one refused.
      ghcr.set([pattern(A.repository, 'ghcr')]);
      await first.refresh();
      expect(c1.applyMutation).toHaveBeenLastCalledWith({
        type: 'full',
        entities: [],
      });
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('is already emitted by orkestra:harbor'),
      );
    });

    it('hands the name over when a change event removes the pattern', async () => {
      const { claims, ghcr, first, second } = twoSources();
      const c1 = connection();
      const c2 = connection();
      await first.connect(c1);
      await second.connect(c2);
      await first.refresh();
      await second.refresh();

      ghcr.set([]);
      await first.onPatternChanged({
        source: 'ghcr',
        repository: A.repository,
        reference: A.reference,
        change: 'removed',
      });
      expect(c1.applyMutation).toHaveBeenLastCalledWith({
        type: 'delta',
        added: [],
        removed: [{ entityRef: WEBAPP }],
      });
      await waitUntil(() => claims.ownerOf(WEBAPP) === 'orkestra:harbor');
      await waitUntil(() => c2.applyMutation.mock.calls.length === 2);
      expect(names(c2.applyMutation.mock.calls[1][0], 'added')).toEqual([
        'orkestra-katalogs-webapp-operator',
      ]);
    });

    it('keeps the name while an update still emits it', async () => {
      const { claims, first, second } = twoSources();
      const c1 = connection();
      const c2 = connection();
      await first.connect(c1);
      await second.connect(c2);
      await first.refresh();
      await second.refresh();
      await first.onPatternChanged({
        source: 'ghcr',
        repository: A.repository,
        reference: A.reference,
        change: 'updated',
      });
      await first.refresh();
      expect(claims.ownerOf(WEBAPP)).toBe('orkestra:ghcr');
      expect(c2.applyMutation).toHaveBeenCalledTimes(1);
    });
  });
});

/** Polls until `condition` holds; the notifications are asynchronous. */
async function waitUntil(condition: () => boolean) {
  for (let i = 0; i < 1000 && !condition(); i++)
    await new Promise(resolve => setImmediate(resolve));
  expect(condition()).toBe(true);
}
