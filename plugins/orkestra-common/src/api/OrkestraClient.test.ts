import { ResponseError } from '@backstage/errors';
import { OrkestraClient } from './OrkestraClient';
import {
  describeResponseError,
  isNotFoundResponse,
  isResponseError,
} from './responseErrors';

const BASE = 'http://backend.test/api/orkestra';
const ID = 'examples:orkestra/katalogs/x';
const ENCODED_ID = 'examples%3Aorkestra%2Fkatalogs%2Fx';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const ENCODED_DIGEST = `sha256%3A${'0123456789abcdef'.repeat(4)}`;

function jsonResponse(body: unknown, init: ResponseInit = { status: 200 }) {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { 'Content-Type': 'application/json' },
  });
}

function clientAnswering(response: Response | (() => Response)) {
  const fetchMock = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      typeof response === 'function' ? response() : response,
  );
  const getBaseUrl = jest.fn(
    async (id: string) => `http://backend.test/api/${id}`,
  );
  const client = new OrkestraClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetchMock as unknown as typeof fetch },
  });
  return { client, fetchMock, getBaseUrl };
}

/** A client answering `{ ok: true }` to everything. */
function okClient() {
  return clientAnswering(() => jsonResponse({ ok: true }));
}

describe('OrkestraClient', () => {
  it('lists sources from the plugin base URL', async () => {
    const body = {
      items: [
        {
          id: 'examples',
          type: 'layout',
          target: '.demo/registry',
          registry: 'examples.layout.local',
          discovery: { type: 'index' },
          hasCredentials: false,
        },
      ],
    };
    const { client, fetchMock, getBaseUrl } = clientAnswering(
      jsonResponse(body),
    );

    await expect(client.listSources()).resolves.toEqual(body);
    expect(getBaseUrl).toHaveBeenCalledWith('orkestra');
    expect(fetchMock).toHaveBeenCalledWith(`${BASE}/sources`);
  });

  describe('URLs', () => {
    it.each([
      [
        'getPattern',
        (c: OrkestraClient) => c.getPattern(ID),
        `/patterns/${ENCODED_ID}`,
      ],
      [
        'listVersions',
        (c: OrkestraClient) => c.listVersions(ID),
        `/patterns/${ENCODED_ID}/versions`,
      ],
      [
        'getVersion by tag',
        (c: OrkestraClient) => c.getVersion(ID, 'v1.2.0'),
        `/patterns/${ENCODED_ID}/versions/v1.2.0`,
      ],
      [
        'getVersion by digest',
        (c: OrkestraClient) => c.getVersion(ID, DIGEST),
        `/patterns/${ENCODED_ID}/versions/${ENCODED_DIGEST}`,
      ],
      [
        'listFiles',
        (c: OrkestraClient) => c.listFiles(ID, DIGEST),
        `/patterns/${ENCODED_ID}/versions/${ENCODED_DIGEST}/files`,
      ],
      [
        'listDependencies without version',
        (c: OrkestraClient) => c.listDependencies(ID),
        `/patterns/${ENCODED_ID}/dependencies`,
      ],
      [
        'listDependencies with a digest',
        (c: OrkestraClient) => c.listDependencies(ID, DIGEST),
        `/patterns/${ENCODED_ID}/dependencies?version=${ENCODED_DIGEST}`,
      ],
      [
        'listDependents',
        (c: OrkestraClient) => c.listDependents(ID),
        `/patterns/${ENCODED_ID}/dependents`,
      ],
      [
        'getUpgradePath',
        (c: OrkestraClient) => c.getUpgradePath(ID, 'v1.2.0'),
        `/patterns/${ENCODED_ID}/versions/v1.2.0/upgrade-path`,
      ],
      [
        'getPolicy',
        (c: OrkestraClient) => c.getPolicy(ID, DIGEST),
        `/patterns/${ENCODED_ID}/versions/${ENCODED_DIGEST}/policy`,
      ],
      [
        'listSyncRuns without limit',
        (c: OrkestraClient) => c.listSyncRuns('examples'),
        '/sources/examples/sync-runs',
      ],
      [
        'listSyncRuns with limit',
        (c: OrkestraClient) => c.listSyncRuns('examples', 5),
        '/sources/examples/sync-runs?limit=5',
      ],
      [
        'getPatternCounts',
        (c: OrkestraClient) => c.getPatternCounts(),
        '/pattern-counts',
      ],
    ] as const)('%s GETs the right URL', async (_, call, path) => {
      const { client, fetchMock } = okClient();
      await expect(call(client)).resolves.toEqual({ ok: true });
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(fetchMock).toHaveBeenCalledWith(`${BASE}${path}`);
    });

    it('keeps the id in one path segment', async () => {
      const { client, fetchMock } = okClient();
      await client.getPattern(ID);
      const url = new URL(String(fetchMock.mock.calls[0][0]));
      expect(url.pathname.split('/')).toEqual([
        '',
        'api',
        'orkestra',
        'patterns',
        ENCODED_ID,
      ]);
      expect(decodeURIComponent(url.pathname.split('/')[4])).toBe(ID);
    });
  });

  describe('listPatterns', () => {
    it('sends no query string without filters', async () => {
      const { client, fetchMock } = okClient();
      await client.listPatterns({});
      await client.listPatterns();
      expect(fetchMock.mock.calls).toEqual([
        [`${BASE}/patterns`],
        [`${BASE}/patterns`],
      ]);
    });

    it('encodes every filter and skips undefined ones', async () => {
      const { client, fetchMock } = okClient();
      await client.listPatterns({
        kind: 'Katalog',
        simulate: 'no-assertion',
        e2e: undefined,
        deprecated: false,
        policy: 'fail',
        owner: 'group:default/platform team',
        q: 'web & app',
        cursor: 'a+b/c=',
        limit: 25,
      });
      const url = new URL(String(fetchMock.mock.calls[0][0]));
      expect(url.pathname).toBe('/api/orkestra/patterns');
      expect([...url.searchParams.entries()]).toEqual([
        ['kind', 'Katalog'],
        ['simulate', 'no-assertion'],
        ['deprecated', 'false'],
        ['policy', 'fail'],
        ['owner', 'group:default/platform team'],
        ['q', 'web & app'],
        ['cursor', 'a+b/c='],
        ['limit', '25'],
      ]);
      expect(String(fetchMock.mock.calls[0][0])).toContain(
        'q=web+%26+app&cursor=a%2Bb%2Fc%3D',
      );
    });

    it('sends deprecated=true and source', async () => {
      const { client, fetchMock } = okClient();
      await client.listPatterns({ deprecated: true, source: 'examples' });
      expect(fetchMock).toHaveBeenCalledWith(
        `${BASE}/patterns?deprecated=true&source=examples`,
      );
    });
  });

  describe('getFileText', () => {
    it('encodes the file and reads text, truncation and media type', async () => {
      const { client, fetchMock } = clientAnswering(
        new Response('kind: Katalog', {
          status: 200,
          headers: {
            'Content-Type': 'text/plain; charset=utf-8',
            'X-Orkestra-Truncated': 'true',
            'X-Orkestra-Media-Type': 'application/vnd.orkestra.katalog.v1+yaml',
          },
        }),
      );
      await expect(
        client.getFileText(ID, DIGEST, 'my file.yaml'),
      ).resolves.toEqual({
        text: 'kind: Katalog',
        truncated: true,
        mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
      });
      expect(fetchMock).toHaveBeenCalledWith(
        `${BASE}/patterns/${ENCODED_ID}/versions/${ENCODED_DIGEST}/files/my%20file.yaml/content`,
      );
    });

    it('falls back to the Content-Type and to not truncated', async () => {
      const { client } = clientAnswering(
        new Response('{}', {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
      await expect(client.getFileText(ID, 'v1', 'a.json')).resolves.toEqual({
        text: '{}',
        truncated: false,
        mediaType: 'application/json',
      });
    });
  });

  describe('resync', () => {
    it('POSTs to the pattern', async () => {
      const run = { id: 3, source: 'examples', status: 'running' };
      const { client, fetchMock } = clientAnswering(
        jsonResponse(run, { status: 202 }),
      );
      await expect(client.resync(ID)).resolves.toEqual(run);
      expect(fetchMock).toHaveBeenCalledWith(
        `${BASE}/patterns/${ENCODED_ID}/resync`,
        { method: 'POST' },
      );
    });
  });

  describe('errors', () => {
    const backstageError = (
      status: number,
      statusText: string,
      error: { name?: string; message?: string },
    ) =>
      jsonResponse(
        {
          error,
          request: { method: 'GET', url: '/x' },
          response: { statusCode: status },
        },
        { status, statusText },
      );

    it("throws a ResponseError carrying the server's error", async () => {
      const { client } = clientAnswering(
        backstageError(403, 'Forbidden', {
          name: 'NotAllowedError',
          message: 'denied',
        }),
      );

      const error = await client.listSources().catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({
        statusCode: 403,
        message: 'Request failed with 403 Forbidden',
        cause: { name: 'NotAllowedError', message: 'denied' },
      });
      expect(isResponseError(error)).toBe(true);
      expect(isNotFoundResponse(error)).toBe(false);
      expect(describeResponseError(error)).toBe(
        'Request failed with 403 Forbidden: denied',
      );
    });

    it.each([
      ['getPattern', (c: OrkestraClient) => c.getPattern(ID)],
      ['getFileText', (c: OrkestraClient) => c.getFileText(ID, 'v1', 'a')],
      ['resync', (c: OrkestraClient) => c.resync(ID)],
      ['listPatterns', (c: OrkestraClient) => c.listPatterns({})],
    ] as const)(
      '%s answers a 404 with a not-found ResponseError',
      async (_, call) => {
        const { client } = clientAnswering(
          backstageError(404, 'Not Found', {
            name: 'NotFoundError',
            message: 'no such pattern',
          }),
        );
        const error = await call(client).catch(e => e);
        expect(isNotFoundResponse(error)).toBe(true);
        expect(describeResponseError(error)).toBe(
          'Request failed with 404 Not Found: no such pattern',
        );
      },
    );

    it("does not show a body that is not a Backstage error (a proxy's page)", async () => {
      const { client } = clientAnswering(
        new Response('<html>bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
        }),
      );
      const error = await client.getPolicy(ID, 'v1').catch(e => e);
      expect(error).toMatchObject({ statusCode: 502 });
      expect(describeResponseError(error)).toBe(
        'Request failed with 502 Bad Gateway',
      );
    });

    it('copes with an error body without a message', async () => {
      const { client } = clientAnswering(backstageError(400, '', {}));
      const error = await client.listSyncRuns('x', 0).catch(e => e);
      expect(error).toMatchObject({ statusCode: 400 });
      expect(describeResponseError(error)).toBe('Request failed with 400');
    });

    it('describes an error that is not a ResponseError by its message', () => {
      const error = new TypeError('Failed to fetch');
      expect(isResponseError(error)).toBe(false);
      expect(isNotFoundResponse(error)).toBe(false);
      expect(describeResponseError(error)).toBe('Failed to fetch');
    });
  });
});
