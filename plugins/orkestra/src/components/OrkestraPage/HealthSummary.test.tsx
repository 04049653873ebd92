import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import {
  errorResponse,
  latch,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import {
  currentQuery,
  findRow,
  listing,
  renderHealthPage,
  summary,
  tableQueries,
} from '../../__testUtils__/healthPage';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

const { server, requests } = setupOrkestraServer();

/** `totalCount` of each summary count, by its query without `limit`. */
const COUNTS: Record<string, number> = {
  '{}': 60,
  '{"kind":"Katalog","simulate":"passed"}': 41,
  '{"kind":"Katalog","simulate":"absent"}': 7,
  '{"kind":"Katalog","simulate":"skipped"}': 3,
  '{"kind":"Katalog","simulate":"no-assertion"}': 0,
  '{"forced":"true"}': 4,
  '{"deprecated":"true"}': 2,
  '{"endOfLife":"true"}': 1,
  '{"importsDeprecated":"true"}': 5,
  '{"importsBehind":"true"}': 6,
  '{"policy":"fail"}': 2,
  '{"policy":"warn"}': 5,
};

function summaryCard(name: string): HTMLElement {
  const card = screen
    .getByRole('button', { name })
    .closest('[role="listitem"]');
  if (!(card instanceof HTMLElement)) throw new Error(`no card ${name}`);
  return card;
}

describe('OrkestraPage summary', () => {
  it('reads every count from the API; gate counts are of Katalogs only and say so', async () => {
    await renderHealthPage(server, { backend: { counts: COUNTS } });

    const list = await screen.findByRole('list', {
      name: 'Pattern health summary',
    });
    const names = within(list)
      .getAllByRole('button')
      .map(card => card.getAttribute('aria-label'));
    expect(names).toEqual([
      'Total patterns: 60',
      'Katalogs verified: 41',
      'Katalogs not verified: 7',
      'Katalogs skipped: 3',
      'Katalogs without assertions: 0',
      'Forced: 4',
      'Deprecated: 2',
      'End of life: 1',
      'Import deprecated: 5',
      'Importers behind: 6',
      'Policy failures: 2',
      'Policy warnings: 5',
    ]);
    expect(summaryCard('Katalogs not verified: 7')).toHaveTextContent(
      '–7Katalogs not verifiedKatalogs: simulate never ran',
    );
    expect(summaryCard('End of life: 1')).toHaveTextContent(
      '✗1End of lifedeprecated past their end of life date',
    );

    await screen.findByText('No patterns yet');
    const counts = requests()
      .filter(r => r.path === '/patterns' && r.query.limit === '1')
      .map(r => r.query);
    expect(counts).toEqual(
      expect.arrayContaining([
        { limit: '1' },
        { kind: 'Katalog', simulate: 'passed', limit: '1' },
        { kind: 'Katalog', simulate: 'absent', limit: '1' },
        { kind: 'Katalog', simulate: 'skipped', limit: '1' },
        { kind: 'Katalog', simulate: 'no-assertion', limit: '1' },
        { forced: 'true', limit: '1' },
        { deprecated: 'true', limit: '1' },
        { endOfLife: 'true', limit: '1' },
        { importsDeprecated: 'true', limit: '1' },
        { importsBehind: 'true', limit: '1' },
        { policy: 'fail', limit: '1' },
        { policy: 'warn', limit: '1' },
      ]),
    );
    expect(counts).toHaveLength(12);
  });

  it('colours a count that needs attention, and a zero count neutral', async () => {
    await renderHealthPage(server, { backend: { counts: COUNTS } });

    await screen.findByRole('list', { name: 'Pattern health summary' });
    const tone = (name: string) =>
      summaryCard(name).querySelector('[data-tone]')?.getAttribute('data-tone');
    expect(tone('Katalogs verified: 41')).toBe('success');
    expect(tone('Policy failures: 2')).toBe('danger');
    expect(tone('Forced: 4')).toBe('warning');
    expect(tone('Katalogs without assertions: 0')).toBe('neutral');
  });

  it('filters the table through the URL by the count that is pressed', async () => {
    const legacy = summary('legacy-db');
    await renderHealthPage(server, {
      backend: {
        counts: COUNTS,
        table: query =>
          query.endOfLife === 'true' ? listing([legacy]) : listing([]),
      },
    });
    await screen.findByText('No patterns yet');

    await userEvent.click(
      await screen.findByRole('button', { name: 'End of life: 1' }),
    );

    expect(await findRow('legacy-db')).toBeInTheDocument();
    expect(currentQuery()).toEqual({ endOfLife: 'true' });
    expect(tableQueries(requests()).at(-1)).toEqual({
      endOfLife: 'true',
      limit: '25',
    });
    expect(
      within(summaryCard('End of life: 1')).getByText('Filtering the table'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Filtering the table')).toHaveLength(1);

    await userEvent.click(
      screen.getByRole('button', { name: 'Katalogs not verified: 7' }),
    );
    expect(currentQuery()).toEqual({ kind: 'Katalog', simulate: 'absent' });
  });

  it('shows progress while the counts load', async () => {
    const answer = latch();
    await renderHealthPage(server, {
      handlers: [
        http.get(orkestraUrl('/patterns'), async ({ request }) => {
          if (new URL(request.url).searchParams.get('limit') === '1') {
            await answer.wait;
          }
          return undefined; // on to the next handler
        }),
      ],
      backend: { counts: COUNTS },
    });

    expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('list', { name: 'Pattern health summary' }),
      ).toBeNull(),
    );
    expect(screen.getAllByRole('progressbar')).not.toHaveLength(0);

    answer.release();
    expect(
      await screen.findByRole('button', { name: 'Total patterns: 60' }),
    ).toBeInTheDocument();
  });

  it('shows the error instead of counts when a count cannot be read', async () => {
    await renderHealthPage(server, {
      handlers: [
        http.get(orkestraUrl('/patterns'), () => errorResponse(500, 'boom')),
      ],
    });

    expect(
      await screen.findByText(
        'Error: Could not load the pattern health summary',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Error: Could not load the patterns'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        'Request failed with 500 Internal Server Error: boom',
      ),
    ).toHaveLength(2);
  });
});
