/**
 * The real catalog backend, this module and the Orkestra backend plugin in
 * one test backend (SQLite), over the bundled example registry.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EXAMPLE_REGISTRY_DIR,
  testClockServiceFactory,
} from '@orkspace/orkestra-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
// The module's tests run against the real Orkestra backend it reads.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import orkestraPlugin from '@orkspace/backstage-plugin-orkestra-backend';
import request from 'supertest';
import { catalogModuleOrkestra } from './module';
import { sharedEventBus } from './__testUtils__/sharedEventBus';

const config = {
  catalog: {
    rules: [{ allow: ['Component', 'API', 'Location'] }],
    processingInterval: { seconds: 1 },
  },
  orkestra: {
    sources: [
      {
        id: 'examples',
        type: 'layout',
        target: EXAMPLE_REGISTRY_DIR,
        registry: 'oci.orkestra.example',
        prefix: 'orkestra',
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      },
    ],
    catalog: {
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
    },
    ownership: {
      defaultOwner: 'group:default/platform-team',
      authors: { 'data-team': 'group:default/data' },
    },
  },
};

async function entities(
  server: Parameters<typeof request>[0],
): Promise<Entity[]> {
  const response = await request(server).get(
    '/api/catalog/entities?filter=metadata.annotations.backstage.io/managed-by-location=orkestra:examples',
  );
  return response.status === 200 ? response.body : [];
}

describe('Orkestra patterns in a real catalog', () => {
  it('appear as valid entities with owners, lifecycles, dependencies and CRD APIs', async () => {
    const events = sharedEventBus();
    const { server } = await startTestBackend({
      features: [
        events.factory,
        catalogPlugin,
        catalogModuleOrkestra,
        orkestraPlugin,
        testClockServiceFactory(),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    let found: Entity[] = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      found = await entities(server);
      const components = found.filter(e => e.kind === 'Component');
      const stitched = components.filter(
        e => e.relations && e.relations.length > 0,
      );
      // The CRD APIs are processed after the components: wait for them too, or a loaded machine sees 4 of 5.
      const apis = found.filter(e => e.kind === 'API');
      if (components.length === 8 && stitched.length === 8 && apis.length >= 5)
        break;
      await new Promise(resolve => setTimeout(resolve, 500));
    }

    expect(
      events.published.map(e => (e.eventPayload as { change: string }).change),
    ).toEqual(Array(8).fill('added'));
    const components = found.filter(e => e.kind === 'Component');
    expect(components.map(e => e.metadata.name).sort()).toEqual([
      'orkestra-katalogs-cache-operator',
      'orkestra-katalogs-legacy-queue-operator',
      'orkestra-katalogs-platform-stack',
      'orkestra-katalogs-postgres-operator',
      'orkestra-katalogs-webapp-operator',
      'orkestra-motifs-platform-admission',
      'orkestra-motifs-postgres-statefulset',
      'orkestra-motifs-web-service',
    ]);

    const byName = new Map(components.map(e => [e.metadata.name, e]));
    const webapp = byName.get('orkestra-katalogs-webapp-operator')!;
    expect(webapp.spec).toMatchObject({
      type: 'orkestra-katalog',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    });
    expect(webapp.metadata.annotations).toMatchObject({
      'orkestra.sh/latest-version': 'v2.0.0',
      'orkestra.sh/simulate': 'passed',
      'orkestra.sh/e2e': 'passed',
    });
    const relations = (entity: Entity, type: string) =>
      (entity.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();
    expect(relations(webapp, 'dependsOn')).toEqual([
      'component:default/orkestra-motifs-platform-admission',
      'component:default/orkestra-motifs-web-service',
    ]);
    expect(relations(webapp, 'ownedBy')).toEqual([
      'group:default/platform-team',
    ]);
    expect(
      relations(byName.get('orkestra-motifs-web-service')!, 'dependencyOf'),
    ).toEqual(
      expect.arrayContaining([
        'component:default/orkestra-katalogs-cache-operator',
        'component:default/orkestra-katalogs-webapp-operator',
      ]),
    );
    expect(
      byName.get('orkestra-katalogs-legacy-queue-operator')!.spec?.lifecycle,
    ).toBe('deprecated');
    expect(byName.get('orkestra-katalogs-postgres-operator')!.spec?.owner).toBe(
      'group:default/data',
    );

    const apis = found.filter(e => e.kind === 'API');
    expect(apis.length).toBeGreaterThanOrEqual(5);
    expect(relations(webapp, 'providesApi')).toHaveLength(1);
    const webappApi = apis.find(a =>
      relations(webapp, 'providesApi').includes(
        `api:default/${a.metadata.name}`,
      ),
    )!;
    expect(webappApi.spec).toMatchObject({
      type: 'crd',
      owner: 'group:default/platform-team',
    });
    expect(String(webappApi.spec?.definition)).toContain('WebApp');
  }, 180_000);
});
