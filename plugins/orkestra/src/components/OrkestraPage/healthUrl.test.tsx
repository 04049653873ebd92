import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupOrkestraServer } from '../../__testUtils__/orkestraServer';
import {
  currentQuery,
  listing,
  ownerRollup,
  okSource,
  renderHealthPage,
  summary,
  tableQueries,
} from '../../__testUtils__/healthPage';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

const { server, requests } = setupOrkestraServer();

const lastTable = () => tableQueries(requests()).at(-1);

/** 60 patterns, page by page: `p<offset + i>`. */
function pages(query: Record<string, string>) {
  const offset = Number(query.offset ?? 0);
  const count = Math.min(Number(query.limit), 60 - offset);
  return listing(
    Array.from({ length: count }, (_, i) => summary(`p${offset + i}`)),
    60,
  );
}

describe('OrkestraPage URL', () => {
  it('reads filters, search, sort and page from the URL on load', async () => {
    await renderHealthPage(server, {
      url: '/?kind=Katalog&owner=group%3Adefault%2Fteam-db&source=examples&endOfLife=true&forced=false&importsDeprecated=true&syncFailing=true&q=cache&sort=lastPushed&order=desc&page=3',
      backend: { table: pages },
    });

    expect(await screen.findByText('p50')).toBeInTheDocument();
    expect(tableQueries(requests())).toEqual([
      {
        kind: 'Katalog',
        owner: 'group:default/team-db',
        source: 'examples',
        endOfLife: 'true',
        forced: 'false',
        importsDeprecated: 'true',
        syncFailing: 'true',
        q: 'cache',
        sort: 'lastPushed',
        order: 'desc',
        offset: '50',
        limit: '25',
      },
    ]);
    expect(
      screen.getByRole('searchbox', { name: 'Search patterns' }),
    ).toHaveValue('cache');
    expect(screen.getByText('51 - 60 of 60')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Last pushed' }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('leaves out what the URL gets wrong', async () => {
    await renderHealthPage(server, {
      url: '/?kind=Pattern&simulate=green&forced=maybe&sort=colour&page=-2',
    });

    await screen.findByText('No patterns yet');
    expect(tableQueries(requests())).toEqual([{ limit: '25' }]);
  });

  it('writes a changed filter to the URL, back to page 1, and the back button undoes it', async () => {
    await renderHealthPage(server, {
      url: '/?page=2',
      backend: {
        table: pages,
        owners: [ownerRollup('group:default/team-db', { total: 3 })],
        sources: [okSource()],
      },
    });
    expect(await screen.findByText('p25')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Any Owner' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'team-db' }),
    );

    await waitFor(() =>
      expect(currentQuery()).toEqual({ owner: 'group:default/team-db' }),
    );
    await waitFor(() =>
      expect(lastTable()).toEqual({
        owner: 'group:default/team-db',
        limit: '25',
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Any Source' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'examples' }),
    );
    await waitFor(() =>
      expect(currentQuery()).toEqual({
        owner: 'group:default/team-db',
        source: 'examples',
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Test: back' }));
    await waitFor(() =>
      expect(currentQuery()).toEqual({ owner: 'group:default/team-db' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Test: back' }));
    await waitFor(() => expect(currentQuery()).toEqual({ page: '2' }));
    expect(await screen.findByText('p25')).toBeInTheDocument();
    expect(lastTable()).toEqual({ offset: '25', limit: '25' });
  });

  it('offers the new yes/no filters', async () => {
    await renderHealthPage(server);
    await screen.findByText('No patterns yet');

    const choose = async (select: string, option: string) => {
      await userEvent.click(
        screen.getByRole('button', { name: `Any ${select}` }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: option }),
      );
    };
    await choose('End of life', 'End of life');
    await choose('Forced', 'Forced');
    await choose('Imports deprecated', 'Imports a deprecated version');
    await choose('Sync', 'Failing sync');

    await waitFor(() =>
      expect(currentQuery()).toEqual({
        endOfLife: 'true',
        forced: 'true',
        importsDeprecated: 'true',
        syncFailing: 'true',
      }),
    );
    await waitFor(() =>
      expect(lastTable()).toEqual({
        endOfLife: 'true',
        forced: 'true',
        importsDeprecated: 'true',
        syncFailing: 'true',
        limit: '25',
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(currentQuery()).toEqual({}));
  });

  it('writes the search to the URL once typing pauses', async () => {
    await renderHealthPage(server, {
      url: '/?page=2',
      backend: { table: pages },
    });
    expect(await screen.findByText('p25')).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search patterns' }),
      'postgres',
    );

    await waitFor(() => expect(currentQuery()).toEqual({ q: 'postgres' }));
    await waitFor(() =>
      expect(lastTable()).toEqual({ q: 'postgres', limit: '25' }),
    );
    // A pause while typing writes a part of it; the field keeps every keystroke.
    expect(
      screen.getByRole('searchbox', { name: 'Search patterns' }),
    ).toHaveValue('postgres');
  });

  it('sorts on the server over the whole result when a column header is pressed', async () => {
    await renderHealthPage(server, {
      url: '/?page=2',
      backend: { table: pages },
    });
    const table = await screen.findByRole('grid', { name: 'Patterns' });

    await userEvent.click(
      within(table).getByRole('columnheader', { name: 'Last pushed' }),
    );
    await waitFor(() => expect(currentQuery()).toEqual({ sort: 'lastPushed' }));
    await waitFor(() =>
      expect(lastTable()).toEqual({
        sort: 'lastPushed',
        order: 'asc',
        limit: '25',
      }),
    );

    await userEvent.click(
      await screen.findByRole('columnheader', { name: 'Last pushed' }),
    );
    await waitFor(() =>
      expect(currentQuery()).toEqual({ sort: 'lastPushed', order: 'desc' }),
    );
    await waitFor(() =>
      expect(lastTable()).toEqual({
        sort: 'lastPushed',
        order: 'desc',
        limit: '25',
      }),
    );
  });

  it('pages over the sorted result with offset, held in the URL', async () => {
    await renderHealthPage(server, {
      url: '/?sort=name',
      backend: { table: pages },
    });
    expect(await screen.findByText('p0')).toBeInTheDocument();
    expect(screen.getByText('1 - 25 of 60')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Previous table page' }),
    ).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Next table page' }),
    );
    expect(await screen.findByText('p25')).toBeInTheDocument();
    expect(currentQuery()).toEqual({ sort: 'name', page: '2' });
    expect(lastTable()).toEqual({
      sort: 'name',
      order: 'asc',
      offset: '25',
      limit: '25',
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Next table page' }),
    );
    expect(await screen.findByText('p50')).toBeInTheDocument();
    expect(screen.getByText('51 - 60 of 60')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Next table page' }),
    ).toBeDisabled();
    expect(lastTable()?.offset).toBe('50');

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous table page' }),
    );
    expect(await screen.findByText('p25')).toBeInTheDocument();
    expect(currentQuery()).toEqual({ sort: 'name', page: '2' });
  });

  it('keeps a chosen page size in the URL', async () => {
    await renderHealthPage(server, {
      url: '/?sort=lastPushed&page=2',
      backend: { table: pages },
    });
    expect(await screen.findByText('p25')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: /Select table page size/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Show 10 results' }),
    );

    await waitFor(() =>
      expect(currentQuery()).toEqual({ sort: 'lastPushed', pageSize: '10' }),
    );
    await waitFor(() =>
      expect(lastTable()).toEqual({
        sort: 'lastPushed',
        order: 'asc',
        limit: '10',
      }),
    );
  });
});
