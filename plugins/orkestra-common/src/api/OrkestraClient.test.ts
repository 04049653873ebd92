import { OrkestraApiError, OrkestraClient } from './OrkestraClient';

function clientAnswering(response: Response) {
  const fetchMock = jest.fn(async (_input: RequestInfo | URL) => response);
  const client = new OrkestraClient({
    discoveryApi: { getBaseUrl: async id => `http://backend.test/api/${id}` },
    fetchApi: { fetch: fetchMock as unknown as typeof fetch },
  });
  return { client, fetchMock };
}

describe('OrkestraClient', () => {
  it('lists sources from the plugin base URL', async () => {
    const body = {
      items: [
        {
          id: 'examples',
          type: 'layout',
          target: '.demo/registry',
          discovery: { type: 'index' },
          hasCredentials: false,
        },
      ],
    };
    const { client, fetchMock } = clientAnswering(
      new Response(JSON.stringify(body), { status: 200 }),
    );

    await expect(client.listSources()).resolves.toEqual(body);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://backend.test/api/orkestra/sources',
    );
  });

  it('surfaces the backend error message and status', async () => {
    const { client } = clientAnswering(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'denied' },
        }),
        { status: 403, statusText: 'Forbidden' },
      ),
    );

    const failure = client.listSources();
    await expect(failure).rejects.toBeInstanceOf(OrkestraApiError);
    await expect(failure).rejects.toMatchObject({
      status: 403,
      message: 'Orkestra API request failed with 403 Forbidden: denied',
    });
  });
});
