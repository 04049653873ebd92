import { filtersSearch, pageQuery, readView, writeView } from './healthView';

describe('healthView', () => {
  it('reads and writes every filter, the search, sort and page', () => {
    const search =
      'kind=Motif&simulate=failed&e2e=skipped&deprecated=true&policy=warn&importsBehind=false&owner=group%3Adefault%2Fa&source=examples&endOfLife=true&forced=true&importsDeprecated=false&syncFailing=true&q=web&sort=versions&order=desc&page=4&pageSize=10';
    const view = readView(new URLSearchParams(search));
    expect(view).toEqual({
      filters: {
        kind: 'Motif',
        simulate: 'failed',
        e2e: 'skipped',
        deprecated: true,
        policy: 'warn',
        importsBehind: false,
        owner: 'group:default/a',
        source: 'examples',
        endOfLife: true,
        forced: true,
        importsDeprecated: false,
        syncFailing: true,
      },
      q: 'web',
      sort: 'versions',
      order: 'desc',
      page: 4,
      pageSize: 10,
    });
    expect(writeView(view).toString()).toBe(search);
  });

  it('drops unknown values and defaults', () => {
    expect(
      readView(
        new URLSearchParams(
          'kind=x&policy=ok&forced=1&sort=x&order=up&page=0&pageSize=7',
        ),
      ),
    ).toEqual({ filters: {}, q: '', order: 'asc', page: 1 });
    expect(
      writeView({ filters: {}, q: '', order: 'desc', page: 1 }).toString(),
    ).toBe('');
  });

  it('asks for the page of the sorted result by offset', () => {
    expect(
      pageQuery({
        filters: { forced: false },
        q: 'db',
        sort: 'lastPushed',
        order: 'desc',
        page: 3,
      }),
    ).toEqual({
      forced: false,
      q: 'db',
      sort: 'lastPushed',
      order: 'desc',
      offset: 50,
      limit: 25,
    });
    expect(pageQuery({ filters: {}, q: '', order: 'asc', page: 1 })).toEqual({
      limit: 25,
    });
  });

  it('links to a filtered first page', () => {
    expect(filtersSearch({ owner: 'user:default/guest', forced: true })).toBe(
      '?owner=user%3Adefault%2Fguest&forced=true',
    );
  });
});
