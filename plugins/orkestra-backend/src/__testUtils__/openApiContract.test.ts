import { loadOpenApiContract, OpenApiContract } from './openApiContract';

const JSON_TYPE = 'application/json; charset=utf-8';
const ID = encodeURIComponent('examples:orkestra/katalogs/webapp-operator');

const run = {
  id: 7,
  source: 'examples',
  trigger: 'manual',
  startedAt: '2026-11-01T00:00:00.000Z',
  status: 'running',
  counts: {},
  errors: [],
};

const error = (statusCode: number) => ({
  error: { name: 'InputError', message: 'bad' },
  request: { method: 'GET', url: '/x' },
  response: { statusCode },
});

describe('loadOpenApiContract', () => {
  let contract: OpenApiContract;

  beforeAll(async () => {
    contract = await loadOpenApiContract();
  });

  it('accepts documented answers, below the server URL or not', () => {
    for (const path of ['/health', '/api/orkestra/health']) {
      expect(
        contract.violations({
          method: 'GET',
          path,
          status: 200,
          contentType: JSON_TYPE,
          body: { status: 'ok' },
        }),
      ).toEqual([]);
    }
    expect(
      contract.violations({
        method: 'POST',
        path: `/patterns/${ID}/resync`,
        status: 202,
        contentType: JSON_TYPE,
        body: run,
      }),
    ).toEqual([]);
    expect(
      contract.violations({
        method: 'POST',
        path: `/patterns/${ID}/resync`,
        status: 429,
        contentType: JSON_TYPE,
        headers: { 'retry-after': '12' },
        body: error(429),
      }),
    ).toEqual([]);
  });

  it('lists every violation of a body, with where it is', () => {
    const problems = contract.violations({
      method: 'POST',
      path: `/patterns/${ID}/resync`,
      status: 202,
      contentType: JSON_TYPE,
      body: {
        ...run,
        id: 'seven',
        status: 'sleeping',
        counts: { tags: 1.5 },
        source: undefined,
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST \/patterns\/\{id\}\/resync 202: body /),
        expect.stringContaining("must have required property 'source'"),
        expect.stringContaining('body/id must be integer'),
        expect.stringContaining('body/status must be equal to one of'),
        expect.stringContaining('body/counts/tags must be integer'),
      ]),
    );
    expect(problems).toHaveLength(4);
    expect(() =>
      contract.assertConforms({
        method: 'GET',
        path: '/health',
        status: 200,
        contentType: JSON_TYPE,
        body: { status: 'down' },
      }),
    ).toThrow(/does not conform to openapi\.yaml:\n {2}GET \/health 200: body/);
  });

  it('refuses an undocumented route, method, status or content type', () => {
    expect(
      contract.violations({
        method: 'GET',
        path: '/nope',
        status: 200,
        body: {},
      }),
    ).toEqual(['GET /nope: no such operation']);
    expect(
      contract.violations({
        method: 'DELETE',
        path: `/patterns/${ID}`,
        status: 204,
        body: {},
      }),
    ).toEqual([`DELETE /patterns/${ID}: no such operation`]);
    expect(
      contract.violations({
        method: 'GET',
        path: '/sources',
        status: 404,
        contentType: JSON_TYPE,
        body: error(404),
      }),
    ).toEqual([
      expect.stringMatching(/^GET \/sources 404: status not documented/),
    ]);
    expect(
      contract.violations({
        method: 'GET',
        path: '/health',
        status: 200,
        contentType: 'text/html',
        body: '<p>ok</p>',
      }),
    ).toEqual([
      expect.stringMatching(/^GET \/health 200: Content-Type text\/html not/),
    ]);
  });

  it('refuses a property the document does not name, also inside allOf', () => {
    expect(
      contract.violations({
        method: 'GET',
        path: '/health',
        status: 200,
        contentType: JSON_TYPE,
        body: { status: 'ok', uptime: 3 },
      }),
    ).toEqual([
      'GET /health 200: body must NOT have additional properties (uptime)',
    ]);
    const entity = {
      id: 'examples:orkestra/katalogs/webapp-operator',
      source: 'examples',
      registry: 'oci.orkestra.example',
      repository: 'orkestra/katalogs/webapp-operator',
      reference: 'oci.orkestra.example/orkestra/katalogs/webapp-operator',
      kind: 'Katalog',
      name: 'webapp-operator',
      owner: 'group:default/platform',
      tags: [],
      versionCount: 1,
      updatedAt: '2026-11-01T00:00:00.000Z',
      dependsOn: [],
      crds: [],
    };
    const feed = (item: object) => ({
      method: 'GET',
      path: '/entities',
      status: 200,
      contentType: JSON_TYPE,
      body: { items: [item] },
    });
    expect(contract.violations(feed(entity))).toEqual([]);
    expect(contract.violations(feed({ ...entity, secret: 'x' }))).toEqual([
      'GET /entities 200: body/items/0 must NOT have additional properties (secret)',
    ]);
    expect(
      contract.violations(feed({ ...entity, updatedAt: 'yesterday' })),
    ).toEqual([
      'GET /entities 200: body/items/0/updatedAt must match format "date-time"',
    ]);
  });

  it('serves file content of any media type as bytes', () => {
    const content = (contentType: string) =>
      contract.violations({
        method: 'GET',
        path: `/patterns/${ID}/versions/v1/files/config/content`,
        status: 200,
        contentType,
        headers: { 'x-orkestra-truncated': 'false' },
        body: Buffer.from([0x1f, 0x8b]),
      });
    expect(content('application/vnd.orkestra.pattern.v1+tar+gzip')).toEqual([]);
    expect(content('text/plain; charset=utf-8')).toEqual([]);
  });

  it('checks declared headers', () => {
    expect(
      contract.violations({
        method: 'POST',
        path: '/sources/examples/resync',
        status: 429,
        contentType: JSON_TYPE,
        headers: { 'retry-after': 'soon' },
        body: error(429),
      }),
    ).toEqual([expect.stringContaining('header Retry-After must be integer')]);
  });

  it('prefers a literal path segment over a parameter', () => {
    expect(contract.operationOf('GET', '/sources')).toBe('GET /sources');
    expect(contract.operationOf('GET', '/sources/examples/sync-runs')).toBe(
      'GET /sources/{id}/sync-runs',
    );
    expect(contract.operationOf('GET', `/patterns/${ID}/versions/v1`)).toBe(
      'GET /patterns/{id}/versions/{version}',
    );
    expect(contract.operationOf('GET', '/patterns//versions')).toBeUndefined();
    expect(contract.operations).toContain('POST /gate-runs');
  });
});
