/**
 * The life of Orkestra entities in a real catalog, over two real
 * docker-registries: the entity feed read in pages, a feed that fails half
 * way applying nothing, and a repository deleted from its registry going
 * missing, then dropped after the grace period, its entity removed and the
 * same name from the second source appearing in its place.
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
// The module's tests run against the real Orkestra backend it reads.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orkestraPlugin from '@orkspace/backstage-plugin-orkestra-backend';
import { OrkestraEntityAnnotations } from '@orkspace/backstage-plugin-orkestra-common';
import {
  orkestraClockServiceRef,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  publishExamplePatterns,
  startFaultProxy,
  startTestRegistry,
  TEST_TODAY,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { catalogModuleOrkestra } from './module';
import { sharedEventBus } from './__testUtils__/sharedEventBus';

const WEBAPP = 'orkestra/katalogs/webapp-operator';
const WEBAPP_ENTITY = 'orkestra-katalogs-webapp-operator';
const PAGE_SIZE = 3;
const DAY_MS = 86_400_000;

/** Polls `probe` until it returns a value, for up to two minutes. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

function config(alpha: TestRegistry, beta: TestRegistry) {
  // Nothing runs on its own: the test triggers each sync and refresh.
  const schedule = { frequency: { hours: 1 }, timeout: { minutes: 2 } };
  return {
    catalog: {
      rules: [{ allow: ['Component', 'API', 'Location'] }],
      processingInterval: { seconds: 1 },
    },
    orkestra: {
      sources: [
        {
          id: 'alpha',
          type: 'registry',
          target: `http://${alpha.host}/orkestra`,
          discovery: 'catalog',
          schedule,
        },
        {
          id: 'beta',
          type: 'registry',
          target: `http://${beta.host}/orkestra`,
          discovery: 'index',
          namespaces: ['orkestra/motifs', 'orkestra/katalogs'],
          schedule,
        },
      ],
      sync: { missingGracePeriod: { days: 7 } },
      catalog: {
        pageSize: PAGE_SIZE,
        schedule,
      },
      ownership: { defaultOwner: 'group:default/platform-team' },
    },
  };
}

describe('Orkestra entities over their lifetime in a real catalog', () => {
  let alpha: TestRegistry;
  let beta: TestRegistry;
  let proxy: FaultProxy;
  let server: Server;
  let offsetMs = 0;

  beforeAll(async () => {
    [alpha, beta] = await Promise.all([
      startTestRegistry(),
      startTestRegistry(),
    ]);
    await publishExamplePatterns(
      new RegistryClient({ registry: alpha.host, plainHttp: true }),
    );
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all([alpha?.stop(), beta?.stop()]);
  });

  const componentsOf = async (source: string): Promise<Entity[]> => {
    const response = await request(server)
      .get('/api/catalog/entities')
      .query({
        filter: `kind=Component,metadata.annotations.backstage.io/managed-by-location=orkestra:${source}`,
      });
    return response.status === 200 ? response.body : [];
  };
  const names = (entities: Entity[]) =>
    entities.map(e => e.metadata.name).sort();
  const pattern = async (id: string) => {
    const response = await request(server).get(
      `/api/orkestra/patterns/${encodeURIComponent(id)}`,
    );
    return response.status === 200 ? response.body : undefined;
  };
  const feedReads = (source: string) =>
    proxy.requests.filter(
      r =>
        r.path.startsWith('/api/orkestra/entities?') &&
        r.path.includes(`source=${source}`) &&
        !r.path.includes('repository='),
    );

  it('pages the feed, applies nothing from a failed feed, and hands a dropped name to the other source', async () => {
    const events = sharedEventBus();
    // The mock scheduler's instance is its own factory (typed as the plain
    // service), so the test can trigger the tasks the plugins scheduled.
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    const run = (task: string) => scheduler.triggerTask(task);
    const clock = {
      now: () =>
        new Date(Date.parse(TEST_TODAY) + offsetMs + performance.now()),
    };
    let backendUrl = '';
    // The catalog reads the Orkestra feed through a FAKE front that can fail it.
    const discovery = createServiceFactory({
      service: coreServices.discovery,
      deps: {},
      factory: () => ({
        async getBaseUrl(pluginId: string) {
          return pluginId === 'orkestra'
            ? `${proxy.url}/api/orkestra`
            : `${backendUrl}/api/${pluginId}`;
        },
        async getExternalBaseUrl(pluginId: string) {
          return `${backendUrl}/api/${pluginId}`;
        },
      }),
    });
    ({ server } = await startTestBackend({
      features: [
        events.factory,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        discovery,
        createServiceFactory({
          service: orkestraClockServiceRef,
          deps: {},
          factory: () => clock,
        }),
        catalogPlugin,
        catalogModuleOrkestra,
        orkestraPlugin,
        mockServices.rootConfig.factory({ data: config(alpha, beta) }),
      ],
    }));
    const { port } = server.address() as AddressInfo;
    backendUrl = `http://127.0.0.1:${port}`;
    proxy = await startFaultProxy(`127.0.0.1:${port}`);

    await run('orkestra-sync-alpha');
    await run('orkestra-sync-beta'); // no index yet: fails, loses nothing
    await run('orkestra:alpha:refresh');
    // 8 patterns in pages of 3: only a feed read to its end emits them all.
    const all = await eventually('the alpha entities', async () => {
      const found = await componentsOf('alpha');
      return found.length === 8 ? found : undefined;
    });
    expect(names(all)).toContain(WEBAPP_ENTITY);
    const pages = feedReads('alpha').filter(r => r.status === 200);
    expect(pages.some(r => r.path.includes('cursor='))).toBe(true);

    // A feed whose second page fails applies nothing: no entity disappears.
    const failing = proxy.inject({
      path: /^\/api\/orkestra\/entities\?.*source=alpha.*cursor=/,
      fault: { type: 'status', status: 503, message: 'feed down' },
    });
    await run('orkestra:alpha:refresh');
    expect(feedReads('alpha').filter(r => r.fault === 'status')).toHaveLength(
      1,
    );
    expect(names(await componentsOf('alpha'))).toEqual(names(all));
    failing();

    // The same patterns appear in the second source: every name is taken.
    await publishExamplePatterns(
      new RegistryClient({ registry: beta.host, plainHttp: true }),
    );
    await run('orkestra-sync-beta');
    expect(await pattern(`beta:${WEBAPP}`)).toBeDefined();
    await run('orkestra:beta:refresh');
    expect(
      feedReads('beta').filter(
        r => r.status === 200 && r.path.includes('cursor='),
      ).length,
    ).toBeGreaterThan(0);
    expect(await componentsOf('beta')).toEqual([]);

    // The repository is deleted from the first registry: missing, entity kept.
    await rm(
      join(alpha.storageDir, 'docker/registry/v2/repositories', WEBAPP),
      { recursive: true, force: true },
    );
    await run('orkestra-sync-alpha');
    const { missingSince: missing } = await pattern(`alpha:${WEBAPP}`);
    expect(missing).toEqual(expect.any(String));
    const kept = await eventually('the missing annotation', async () => {
      const entity = (await componentsOf('alpha')).find(
        e => e.metadata.name === WEBAPP_ENTITY,
      );
      return entity?.metadata.annotations?.[
        OrkestraEntityAnnotations.missingSince
      ]
        ? entity
        : undefined;
    });
    expect(
      kept.metadata.annotations![OrkestraEntityAnnotations.missingSince],
    ).toBe(missing);
    expect(await componentsOf('alpha')).toHaveLength(8);

    // Past the grace period: dropped, and the second source's entity takes the name.
    offsetMs += 8 * DAY_MS;
    await run('orkestra-sync-alpha');
    const survivor = await eventually('the beta webapp-operator', async () => {
      const found = await componentsOf('beta');
      return found.length > 0 ? found : undefined;
    });
    expect(names(survivor)).toEqual([WEBAPP_ENTITY]);
    expect(
      survivor[0].metadata.annotations![OrkestraEntityAnnotations.patternId],
    ).toBe(`beta:${WEBAPP}`);
    expect(await pattern(`alpha:${WEBAPP}`)).toBeUndefined();
    expect(names(await componentsOf('alpha'))).toEqual(
      names(all).filter(name => name !== WEBAPP_ENTITY),
    );

    // Steady state on the next full refreshes: no collision left.
    await run('orkestra:alpha:refresh');
    await run('orkestra:beta:refresh');
    expect(names(await componentsOf('beta'))).toEqual([WEBAPP_ENTITY]);
    expect(await componentsOf('alpha')).toHaveLength(7);
  }, 300_000);
});
