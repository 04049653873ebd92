import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SourceStatus } from '@orkspace/backstage-plugin-orkestra-common';
import { http, HttpResponse } from 'msw';
import {
  errorResponse,
  get,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import {
  cellTexts,
  currentQuery,
  findRow,
  hoursAgo,
  okSource,
  renderHealthPage,
  syncRun,
  tableQueries,
} from '../../__testUtils__/healthPage';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

const { server, requests } = setupOrkestraServer();

const failing: SourceStatus = okSource({
  id: 'acme-registry',
  type: 'registry',
  target: 'ghcr.io/acme/patterns',
  discovery: { type: 'list', repositories: ['katalogs/web', 'motifs/db'] },
  hasCredentials: true,
  registry: 'ghcr.io',
  health: 'partial',
  failingRepositoryCount: 2,
  failingRepositories: [
    {
      source: 'acme-registry',
      repository: 'acme/katalogs/web',
      at: hoursAgo(1),
      code: 'MANIFEST_UNKNOWN',
      message: 'manifest unknown',
    },
    {
      source: 'acme-registry',
      repository: 'acme/motifs/db',
      at: hoursAgo(3),
      message: 'index.json is not valid JSON',
    },
  ],
  lastSync: syncRun({
    id: 9,
    source: 'acme-registry',
    status: 'partial',
    counts: { repositories: 12, newVersions: 3, notPatterns: 40, errors: 120 },
    errors: [
      {
        repository: 'acme/katalogs/web',
        code: 'MANIFEST_UNKNOWN',
        message: 'manifest unknown',
      },
      { message: 'registry answered 503 Service Unavailable' },
    ],
  }),
});

const runs = [
  syncRun({ id: 9, source: 'acme-registry', status: 'partial' }),
  syncRun({
    id: 8,
    source: 'acme-registry',
    trigger: 'resync',
    repository: 'acme/katalogs/web',
    status: 'failed',
    startedAt: hoursAgo(5),
    finishedAt: new Date(Date.parse(hoursAgo(5)) + 850).toISOString(),
    counts: { repositories: 1, newVersions: 0, errors: 1 },
  }),
];

/** The headings of the page's sections, in order. */
function sectionOrder(): string[] {
  return screen
    .getAllByRole('heading', { level: 3 })
    .map(heading => heading.textContent ?? '');
}

describe('OrkestraPage sources', () => {
  it('keeps the sources at the bottom with their health when all are ok', async () => {
    await renderHealthPage(server, {
      backend: {
        sources: [
          okSource(),
          okSource({
            id: 'other',
            health: 'never-synced',
            lastSync: undefined,
          }),
        ],
      },
    });

    const table = await screen.findByRole('grid', { name: 'Pattern sources' });
    expect(requests()).toContainEqual(get('/sources'));
    expect(sectionOrder()).toEqual([
      'Summary',
      'Patterns',
      'Teams',
      'Pattern sources',
    ]);
    expect(cellTexts(await findRow('examples', table)).slice(0, 5)).toEqual([
      'exampleslayout · .demo/registry',
      '✓OK',
      'index artifact',
      'none',
      'Succeeded2 hours ago',
    ]);
    expect(
      within(await findRow('other', table)).getByRole('status', {
        name: 'Health: Never synced',
      }),
    ).toHaveAttribute('data-tone', 'neutral');
    expect(
      within(table).getByRole('columnheader', { name: 'Health' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Sources that need attention')).toBeNull();
  });

  it('puts a failing source at the top with its failing repositories and its last runs', async () => {
    await renderHealthPage(server, {
      backend: {
        sources: [failing, okSource()],
        runs: { 'acme-registry': runs },
      },
    });

    const panel = await screen.findByRole('region', {
      name: 'Source acme-registry',
    });
    expect(sectionOrder()).toEqual([
      'Sources that need attention',
      'Pattern sources',
      'Summary',
      'Patterns',
      'Teams',
    ]);
    expect(
      within(panel).getByRole('status', { name: 'Health: Partial' }),
    ).toHaveAttribute('data-tone', 'warning');
    expect(
      within(panel).getByText('2 failing repositories'),
    ).toBeInTheDocument();
    const failingList = within(panel).getByRole('list', {
      name: 'Failing repositories of acme-registry',
    });
    expect(
      within(failingList)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'acme/katalogs/web — MANIFEST_UNKNOWN: manifest unknown · 1 hour ago',
      'acme/motifs/db — index.json is not valid JSON · 3 hours ago',
    ]);
    expect(
      screen.queryByRole('region', { name: 'Source examples' }),
    ).not.toBeInTheDocument();

    const trigger = within(panel).getByRole('button', {
      name: 'Last 20 sync runs of acme-registry',
    });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(trigger);
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(requests()).toContainEqual(
      get('/sources/acme-registry/sync-runs', { limit: '20' }),
    );
    const runsTable = await within(panel).findByRole('grid', {
      name: 'Sync runs of acme-registry',
    });
    const rows = within(runsTable).getAllByRole('row').slice(1);
    expect(cellTexts(rows[0])).toEqual([
      '⚠Partial',
      'schedule',
      'whole source',
      '2 hours ago',
      '1 min 5 s',
      '12',
      '3',
      '0',
    ]);
    expect(cellTexts(rows[1])).toEqual([
      '✗Failed',
      'resync',
      'acme/katalogs/web',
      '5 hours ago',
      '850 ms',
      '1',
      '0',
      '1',
    ]);
  });

  it('filters the table to the patterns that failed to sync', async () => {
    await renderHealthPage(server, { backend: { sources: [failing] } });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the patterns that failed to sync',
      }),
    );

    await waitFor(() =>
      expect(currentQuery()).toEqual({
        source: 'acme-registry',
        syncFailing: 'true',
      }),
    );
    await waitFor(() =>
      expect(tableQueries(requests()).at(-1)).toEqual({
        source: 'acme-registry',
        syncFailing: 'true',
        limit: '25',
      }),
    );
  });

  it('offers Sync now to a user with the resync permission, and reads the sources again once the run finished', async () => {
    const synced: SourceStatus = {
      ...failing,
      health: 'ok',
      failingRepositories: [],
      failingRepositoryCount: 0,
      lastSync: syncRun({ id: 10, source: 'acme-registry', trigger: 'manual' }),
    };
    let answer = failing;
    server.use(
      http.post(orkestraUrl('/sources/:id/sync'), () => {
        answer = synced;
        return HttpResponse.json(
          syncRun({
            id: 10,
            source: 'acme-registry',
            trigger: 'manual',
            status: 'running',
            finishedAt: undefined,
          }),
          { status: 202 },
        );
      }),
    );
    await renderHealthPage(server, {
      backend: { sources: () => ({ items: [answer] }) },
    });

    const panel = await screen.findByRole('region', {
      name: 'Source acme-registry',
    });
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Sync now: acme-registry' }),
    );

    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Source acme-registry' }),
      ).not.toBeInTheDocument(),
    );
    expect(requests()).toContainEqual({
      method: 'POST',
      path: '/sources/acme-registry/sync',
      query: {},
    });
    const table = await screen.findByRole('grid', { name: 'Pattern sources' });
    expect(
      within(await findRow('acme-registry', table)).getByRole('status', {
        name: 'Health: OK',
      }),
    ).toBeInTheDocument();
    // The patterns are read again after the run.
    await waitFor(() => expect(tableQueries(requests())).toHaveLength(2));
  });

  it.each([
    [
      429,
      'too many syncs',
      'Synced too often: wait a minute and try again. (Request failed with 429 Too Many Requests: too many syncs)',
    ],
    [
      403,
      'denied',
      'You are not allowed to sync this source. (Request failed with 403 Forbidden: denied)',
    ],
  ])('says why Sync now failed with %s', async (status, message, text) => {
    server.use(
      http.post(orkestraUrl('/sources/:id/sync'), () =>
        errorResponse(status, message),
      ),
    );
    await renderHealthPage(server, { backend: { sources: [okSource()] } });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now: examples' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(text);
  });

  it('lists the errors of the last sync in a collapsible section', async () => {
    await renderHealthPage(server, { backend: { sources: [failing] } });

    const trigger = await screen.findByRole('button', {
      name: /^acme-registry: 2 errors/,
    });
    await userEvent.click(trigger);
    const errors = screen.getByRole('list', {
      name: 'Sync errors of acme-registry',
    });
    expect(
      within(errors)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'acme/katalogs/web — MANIFEST_UNKNOWN: manifest unknown',
      'registry answered 503 Service Unavailable',
    ]);
  });

  it('shows the error message when the sources cannot be loaded', async () => {
    await renderHealthPage(server, {
      backend: {
        sources: () => errorResponse(403, 'denied', 'NotAllowedError'),
      },
    });

    expect(
      await screen.findByText('Request failed with 403 Forbidden: denied'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error: Could not load the pattern sources'),
    ).toBeInTheDocument();
  });

  it('tells the admin to configure sources when there are none', async () => {
    await renderHealthPage(server);

    expect(
      await screen.findByText('No pattern sources configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('orkestra.sources')).toBeInTheDocument();
  });
});
