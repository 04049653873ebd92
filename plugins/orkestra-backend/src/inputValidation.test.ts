/**
 * Input validation through the real plugin (router, service, store) on SQLite
 * and PostgreSQL: a NUL character in any string parameter and a cursor whose
 * id does not fit the integer id column are refused with 400, never a 500
 * from the database.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { EXAMPLE_REGISTRY_DIR } from '@orkspace/orkestra-test-utils';
import { contractRequest as request } from './__testUtils__/contractRequest';
import { orkestraTestDatabases } from './__testUtils__/testDatabases';
import { orkestraPlugin } from './plugin';

const databases = orkestraTestDatabases();

const NUL = '\u0000';
const ID = encodeURIComponent('examples:orkestra/katalogs/webapp-operator');
const NUL_ID = encodeURIComponent(`examples:orkestra/katalogs/web${NUL}app`);
const VERSION = 'v1.0.0';
const NUL_VERSION = encodeURIComponent(`v1${NUL}`);

const cursor = (after: unknown) =>
  Buffer.from(JSON.stringify({ after })).toString('base64url');

const gateRun = {
  reference: 'oci.orkestra.example/orkestra/katalogs/webapp-operator:v1.0.0',
  gate: 'simulate',
  status: 'passed',
  startedAt: '2026-11-25T10:00:00.000Z',
};

/** GET routes, each with a NUL placed in one of its string inputs. */
const NUL_GETS: Array<[string, string]> = [
  ['owner', `/patterns?owner=${encodeURIComponent(`group:a${NUL}`)}`],
  ['q', `/patterns?q=${encodeURIComponent(`web${NUL}app`)}`],
  ['source', `/patterns?source=${encodeURIComponent(`examples${NUL}`)}`],
  ['cursor', `/patterns?cursor=${encodeURIComponent(`${cursor(1)}${NUL}`)}`],
  ['query key', `/patterns?${encodeURIComponent(`q${NUL}`)}=x`],
  ['pattern id', `/patterns/${NUL_ID}`],
  ['pattern id', `/patterns/${NUL_ID}/versions`],
  ['version', `/patterns/${ID}/versions/${NUL_VERSION}`],
  ['version', `/patterns/${ID}/versions/${NUL_VERSION}/files`],
  [
    'file',
    `/patterns/${ID}/versions/${VERSION}/files/${encodeURIComponent(
      `katalog${NUL}.yaml`,
    )}/content`,
  ],
  ['version', `/patterns/${ID}/dependencies?version=${NUL_VERSION}`],
  ['pattern id', `/patterns/${NUL_ID}/dependents`],
  ['version', `/patterns/${ID}/versions/${NUL_VERSION}/upgrade-path`],
  ['version', `/patterns/${ID}/versions/${NUL_VERSION}/policy`],
  ['source id', `/sources/${encodeURIComponent(`examples${NUL}`)}/sync-runs`],
  ['cursor', `/entities?cursor=${encodeURIComponent(`${cursor(1)}${NUL}`)}`],
  ['source', `/entities?source=${encodeURIComponent(`examples${NUL}`)}`],
  [
    'repository',
    `/entities?repository=${encodeURIComponent(`orkestra/web${NUL}app`)}`,
  ],
];

/** POST routes, each with a NUL in its path or its JSON body. */
const NUL_POSTS: Array<[string, string, object]> = [
  ['pattern id', `/patterns/${NUL_ID}/resync`, {}],
  [
    'source id',
    `/sources/${encodeURIComponent(`examples${NUL}`)}/resync`,
    { repository: 'orkestra/katalogs/webapp-operator' },
  ],
  [
    'repository',
    '/sources/examples/resync',
    { repository: `orkestra/katalogs/web${NUL}app` },
  ],
  [
    'reference',
    '/gate-runs',
    { ...gateRun, reference: `${gateRun.reference}${NUL}` },
  ],
  ['taskId', '/gate-runs', { ...gateRun, taskId: `task${NUL}` }],
  [
    'detail',
    '/gate-runs',
    { ...gateRun, detail: { log: { lines: ['ok', `bad${NUL}line`] } } },
  ],
  ['detail key', '/gate-runs', { ...gateRun, detail: { [`k${NUL}`]: 1 } }],
];

/** Cursors that decode to something other than a row id of the integer column. */
const BAD_CURSORS: Array<[string, unknown]> = [
  ['above 2^31-1', 2147483648],
  ['far above 2^31-1', 9007199254740991],
  ['unsafe', 2 ** 60],
  ['zero', 0],
  ['negative', -1],
  ['fractional', 1.5],
  ['a string', '1'],
];

describe.each(databases.eachSupportedId())(
  'input validation on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          orkestraPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              orkestra: {
                sources: [
                  {
                    id: 'examples',
                    type: 'layout',
                    target: EXAMPLE_REGISTRY_DIR,
                    registry: 'oci.orkestra.example',
                    prefix: 'orkestra',
                    discovery: 'catalog',
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 2 },
                      initialDelay: { hours: 1 },
                    },
                  },
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop?.();
    });

    it.each(NUL_GETS)('refuses a NUL in the %s of GET %s', async (_, path) => {
      const response = await request(server).get(`/api/orkestra${path}`);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toMatch(/NUL character/);
    });

    it.each(NUL_POSTS)(
      'refuses a NUL in the %s of POST %s',
      async (_, path, body) => {
        const response = await request(server)
          .post(`/api/orkestra${path}`)
          .send(body);
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('InputError');
        expect(response.body.error.message).toMatch(/NUL character/);
      },
    );

    it('still records a gate run without NUL characters', async () => {
      const response = await request(server)
        .post('/api/orkestra/gate-runs')
        .send({ ...gateRun, detail: { log: ['ok'] } });
      expect(response.status).toBe(201);
    });

    it.each(BAD_CURSORS)(
      'refuses a cursor whose id is %s',
      async (_, after) => {
        for (const path of ['/patterns', '/entities']) {
          const response = await request(server).get(
            `/api/orkestra${path}?cursor=${cursor(after)}`,
          );
          expect(response.status).toBe(400);
          expect(response.body.error.name).toBe('InputError');
          expect(response.body.error.message).toMatch(
            /cursor.*from a previous page/i,
          );
        }
      },
    );

    it('accepts the largest id cursor', async () => {
      for (const path of ['/patterns', '/entities']) {
        const response = await request(server)
          .get(`/api/orkestra${path}?cursor=${cursor(2147483647)}`)
          .expect(200);
        expect(response.body.items).toEqual([]);
      }
    });
  },
);
