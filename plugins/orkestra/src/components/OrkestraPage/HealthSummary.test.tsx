import {
  PATTERN_COUNT_FILTERS,
  PatternCounts,
} from '@orkspace/backstage-plugin-orkestra-common';
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
import { HEALTH_COUNTS } from './healthCounts';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

const { server, requests } = setupOrkestraServer();

/** The answer of `GET /pattern-counts`. */
const COUNTS: PatternCounts = {
  total: 60,
  simulatePassed: 41,
  simulateAbsent: 7,
  simulateSkipped: 3,
  simulateNoAssertion: 0,
  forced: 4,
  deprecated: 2,
  endOfLife: 1,
  importsDeprecated: 5,
  importsBehind: 6,
  policyFail: 2,
  policyWarn: 5,
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
    expect(requests().filter(r => r.path === '/pattern-counts')).toEqual([
      { method: 'GET', path: '/pattern-counts', query: {} },
    ]);
  });

  it('reads every count in one request, beside the one request of the table', async () => {
    await renderHealthPage(server, { backend: { counts: COUNTS } });

    expect(
      await screen.findByRole('button', { name: 'Policy warnings: 5' }),
    ).toBeInTheDocument();
    await screen.findByText('No patterns yet');
    const patternRequests = requests().filter(r =>
      r.path.startsWith('/pattern'),
    );
    expect(patternRequests.map(r => r.path)).toEqual(
      expect.arrayContaining(['/pattern-counts', '/patterns']),
    );
    expect(patternRequests).toHaveLength(2);
  });

  it('lists with each count the filter the API counts it with', () => {
    for (const definition of HEALTH_COUNTS) {
      expect(definition.filter).toBe(PATTERN_COUNT_FILTERS[definition.count]);
    }
    expect(HEALTH_COUNTS.map(definition => definition.count).sort()).toEqual(
      Object.keys(PATTERN_COUNT_FILTERS).sort(),
    );
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
        http.get(orkestraUrl('/pattern-counts'), async () => {
          await answer.wait;
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
    // Progress shows after a short delay of its own.
    expect(await screen.findAllByRole('progressbar')).not.toHaveLength(0);

    answer.release();
    expect(
      await screen.findByRole('button', { name: 'Total patterns: 60' }),
    ).toBeInTheDocument();
  });

  it('shows the error instead of counts when the counts cannot be read', async () => {
    await renderHealthPage(server, {
      handlers: [
        http.get(orkestraUrl('/pattern-counts'), () =>
          errorResponse(500, 'boom'),
        ),
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
