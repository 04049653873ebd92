import { mockServices } from '@backstage/backend-test-utils';
import { OrkestraEntityFeedClient } from './OrkestraEntityFeedClient';

function client(answer: (url: URL) => Response, pageSize?: number) {
  const urls: URL[] = [];
  const feed = new OrkestraEntityFeedClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    pageSize,
    fetch: async input => {
      const url = new URL(String(input));
      urls.push(url);
      return answer(url);
    },
  });
  return { feed, urls };
}

const item = (n: number) => ({ repository: `orkestra/katalogs/p${n}` });
const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json' },
  });

describe('OrkestraEntityFeedClient', () => {
  it('reads every page, following the cursor', async () => {
    const { feed, urls } = client(url => {
      const cursor = url.searchParams.get('cursor');
      if (!cursor) return json({ items: [item(1), item(2)], nextCursor: 'c2' });
      if (cursor === 'c2')
        return json({ items: [item(3), item(4)], nextCursor: 'c3' });
      return json({ items: [item(5)] });
    }, 2);
    const items = await feed.readSource('examples');
    expect(items.map(i => i.repository)).toEqual(
      [1, 2, 3, 4, 5].map(n => `orkestra/katalogs/p${n}`),
    );
    expect(urls.map(u => u.searchParams.get('cursor'))).toEqual([
      null,
      'c2',
      'c3',
    ]);
    expect(urls.every(u => u.searchParams.get('limit') === '2')).toBe(true);
    expect(urls.every(u => u.searchParams.get('source') === 'examples')).toBe(
      true,
    );
  });

  it('fails the whole read when a later page fails, with the answer in the message', async () => {
    const { feed } = client(url =>
      url.searchParams.get('cursor')
        ? new Response('database down', { status: 503 })
        : json({ items: [item(1)], nextCursor: 'c2' }),
    );
    await expect(feed.readSource('examples')).rejects.toThrow(
      'the Orkestra entity feed answered 503: database down',
    );
  });

  it('gives up on a feed that never ends', async () => {
    let n = 0;
    const { feed } = client(() => json({ items: [], nextCursor: `c${++n}` }));
    await expect(feed.readSource('examples')).rejects.toThrow(
      'the Orkestra entity feed of examples did not end after 1000 pages',
    );
  });

  it('reads one pattern, or nothing when the backend dropped it', async () => {
    const { feed, urls } = client(url =>
      json({
        items:
          url.searchParams.get('repository') === 'orkestra/katalogs/p1'
            ? [item(1)]
            : [],
      }),
    );
    await expect(
      feed.readPattern('examples', 'orkestra/katalogs/p1'),
    ).resolves.toEqual(item(1));
    await expect(
      feed.readPattern('examples', 'orkestra/katalogs/gone'),
    ).resolves.toBeUndefined();
    expect(urls[0].searchParams.get('limit')).toBe('1');
  });

  it.each([0, 501, 2.5])('refuses a page size of %p', pageSize => {
    expect(() => client(() => json({ items: [] }), pageSize)).toThrow(
      `the Orkestra entity feed page size must be a whole number from 1 to 500, got ${pageSize}`,
    );
  });
});
