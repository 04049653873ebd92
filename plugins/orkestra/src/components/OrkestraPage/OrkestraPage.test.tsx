import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ListPatternsResponse,
  PatternSummary,
  SourceStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { http, HttpResponse, RequestHandler } from 'msw';
import { orkestraApiRef } from '../../api';
import {
  createOrkestraClient,
  errorResponse,
  get,
  latch,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import { OrkestraPage } from './OrkestraPage';

const { server, requests } = setupOrkestraServer();

const HOUR_MS = 60 * 60 * 1000;

function pattern(
  name: string,
  overrides: Partial<PatternSummary> = {},
): PatternSummary {
  const repository = `acme/katalogs/${name}`;
  return {
    id: `acme-registry:${repository}`,
    source: 'acme-registry',
    registry: 'ghcr.io',
    repository,
    reference: `ghcr.io/${repository}`,
    kind: 'Katalog',
    name,
    owner: 'group:default/platform',
    tags: [],
    latest: {
      version: 'v1.0.0',
      digest: 'sha256:0',
      simulate: 'passed',
      e2e: 'absent',
      deprecated: false,
      deprecationState: 'none',
      policyStatus: 'pass',
    },
    versionCount: 1,
    updatedAt: new Date(Date.now() - 3 * HOUR_MS).toISOString(),
    ...overrides,
  };
}

function page(
  items: PatternSummary[],
  totalCount: number,
  nextCursor?: string,
): ListPatternsResponse {
  return { items, totalCount, ...(nextCursor ? { nextCursor } : {}) };
}

/** `totalCount` the summary reads for each filter, by the query's JSON without `limit`. */
const TOTALS: Record<string, number> = {
  '{}': 60,
  '{"simulate":"passed"}': 41,
  '{"simulate":"absent"}': 7,
  '{"simulate":"skipped"}': 3,
  '{"simulate":"no-assertion"}': 4,
  '{"policy":"fail"}': 2,
  '{"policy":"warn"}': 5,
  '{"importsBehind":"true"}': 6,
};

const endOfLife = pattern('legacy-db', {
  latest: {
    version: 'v0.9.0',
    digest: 'sha256:1',
    simulate: 'failed',
    e2e: 'skipped',
    deprecated: true,
    deprecationState: 'end-of-life',
    policyStatus: 'fail',
  },
  versionCount: 4,
});

const deprecatedOnly = pattern('old-cache', {
  latest: {
    version: 'v2.0.0',
    digest: 'sha256:2',
    simulate: 'passed',
    e2e: 'passed',
    deprecated: true,
    deprecationState: 'deprecated',
    policyStatus: 'warn',
  },
});

/** The query parameters of `GET /patterns`, as the server reads them. */
type Query = Record<string, string>;

type Answer = ListPatternsResponse | Response;

/**
 * `GET /patterns` answering the summary's `limit=1` counts from TOTALS, its
 * deprecated listing (`deprecated=true&limit=200`) with `deprecatedListing`,
 * and the table's pages (`limit=25`) with `tablePage`.
 */
function patternsHandler(options: {
  tablePage: (query: Query) => Answer | Promise<Answer>;
  deprecatedListing?: ListPatternsResponse;
}): RequestHandler {
  return http.get(orkestraUrl('/patterns'), async ({ request }) => {
    const query: Query = Object.fromEntries(new URL(request.url).searchParams);
    const { limit, ...filters } = query;
    let answer: Answer;
    if (limit === '1') {
      const total = TOTALS[JSON.stringify(filters)];
      answer =
        total === undefined
          ? errorResponse(400, `unexpected count ${JSON.stringify(filters)}`)
          : page([], total);
    } else if (
      limit === '200' &&
      JSON.stringify(filters) === '{"deprecated":"true"}'
    ) {
      answer =
        options.deprecatedListing ?? page([endOfLife, deprecatedOnly], 2);
    } else {
      answer = await options.tablePage(query);
    }
    return answer instanceof Response ? answer : HttpResponse.json(answer);
  });
}

/** `GET /sources` with these sources. */
function sourcesHandler(sources: SourceStatus[]): RequestHandler {
  return http.get(orkestraUrl('/sources'), () =>
    HttpResponse.json({ items: sources }),
  );
}

/** Renders the page against the fake backend: no sources and no patterns unless given. */
function renderPage(
  handlers: {
    patterns?: RequestHandler | RequestHandler[];
    sources?: RequestHandler;
  } = {},
) {
  server.use(
    ...[
      handlers.patterns ?? patternsHandler({ tablePage: () => page([], 0) }),
    ].flat(),
    handlers.sources ?? sourcesHandler([]),
  );
  return renderInTestApp(<OrkestraPage />, {
    apis: [[orkestraApiRef, createOrkestraClient()]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** The queries of the table's requests (`limit=25`), in order. */
function tableQueries(): Query[] {
  return requests()
    .filter(r => r.path === '/patterns' && r.query.limit === '25')
    .map(r => r.query);
}

async function findRow(text: string): Promise<HTMLElement> {
  const row = (await screen.findByText(text)).closest('[role="row"]');
  if (!(row instanceof HTMLElement)) {
    throw new Error(`no table row holds ${text}`);
  }
  return row;
}

/** The text of every cell of a row, row header included. */
function cellTexts(row: HTMLElement): Array<string | undefined> {
  return Array.from(
    row.querySelectorAll('[role="rowheader"], [role="gridcell"]'),
  ).map(cell => cell.textContent?.trim());
}

const twoSources: SourceStatus[] = [
  {
    id: 'acme-registry',
    type: 'registry',
    target: 'ghcr.io/acme/patterns',
    discovery: { type: 'list', repositories: ['katalogs/web', 'motifs/db'] },
    hasCredentials: true,
    registry: 'ghcr.io',
    lastSync: {
      id: 7,
      source: 'acme-registry',
      trigger: 'schedule',
      startedAt: new Date(Date.now() - 2 * HOUR_MS - 60_000).toISOString(),
      finishedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString(),
      status: 'failed',
      // The run keeps at most 50 errors; counts.errors has them all.
      counts: {
        repositories: 12,
        newVersions: 3,
        notPatterns: 40,
        errors: 120,
      },
      errors: [
        {
          repository: 'katalogs/web',
          code: 'MANIFEST_UNKNOWN',
          message: 'manifest unknown',
        },
        { message: 'registry answered 503 Service Unavailable' },
      ],
    },
    health: 'failing',
    failingRepositories: [],
    failingRepositoryCount: 0,
  },
  {
    id: 'examples',
    type: 'layout',
    target: '.demo/registry',
    discovery: { type: 'index' },
    hasCredentials: false,
    registry: 'oci.orkestra.example',
    health: 'never-synced',
    failingRepositories: [],
    failingRepositoryCount: 0,
  },
];

describe('OrkestraPage', () => {
  describe('summary', () => {
    it('shows every count read from the API, one request per filter', async () => {
      await renderPage();

      const summary = await screen.findByRole('list', {
        name: 'Pattern health summary',
      });
      const names = within(summary)
        .getAllByRole('listitem')
        .map(
          item =>
            item.getAttribute('aria-label') ??
            within(item).getByRole('button').getAttribute('aria-label'),
        );
      expect(names).toEqual([
        'Total patterns: 60',
        'Verified: 41',
        'Not verified: 7',
        'Skipped: 3',
        'No assertions: 4',
        'Deprecated: 2',
        'End of life: 1',
        'Policy failures: 2',
        'Policy warnings: 5',
        'Importers behind: 6',
      ]);
      expect(
        screen
          .getByRole('button', { name: 'Verified: 41' })
          .closest('[role="listitem"]'),
      ).toHaveTextContent(/^41Verifiedsimulate passed$/);

      // The 9 summary requests and the table's first page.
      expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
      const listings = requests().filter(r => r.path === '/patterns');
      expect(listings.map(r => r.query)).toEqual(
        expect.arrayContaining([
          { limit: '1' },
          { simulate: 'passed', limit: '1' },
          { simulate: 'absent', limit: '1' },
          { simulate: 'skipped', limit: '1' },
          { simulate: 'no-assertion', limit: '1' },
          { policy: 'fail', limit: '1' },
          { policy: 'warn', limit: '1' },
          { importsBehind: 'true', limit: '1' },
          { deprecated: 'true', limit: '200' },
          { limit: '25' },
        ]),
      );
      expect(listings).toHaveLength(10);
    });

    it('shows progress while the table loads', async () => {
      const answer = latch();
      await renderPage({
        patterns: patternsHandler({
          tablePage: async () => {
            await answer.wait;
            return page([pattern('web')], 1);
          },
        }),
      });

      expect(
        await screen.findByRole('list', { name: 'Pattern health summary' }),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getAllByRole('progressbar')).toHaveLength(1),
      );
      expect(screen.queryByRole('grid', { name: 'Patterns' })).toBeNull();

      answer.release();
      expect(await findRow('web')).toBeInTheDocument();
      expect(screen.queryByRole('progressbar')).toBeNull();
    });

    it('shows progress while the counts load', async () => {
      const answer = latch();
      await renderPage({
        patterns: [
          http.get(orkestraUrl('/patterns'), async ({ request }) => {
            if (new URL(request.url).searchParams.get('limit') === '1') {
              await answer.wait;
            }
            return undefined; // on to the next handler
          }),
          patternsHandler({ tablePage: () => page([], 0) }),
        ],
      });

      expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getAllByRole('progressbar')).toHaveLength(1),
      );
      expect(
        screen.queryByRole('list', { name: 'Pattern health summary' }),
      ).toBeNull();

      answer.release();
      expect(
        await screen.findByRole('button', { name: 'Total patterns: 60' }),
      ).toBeInTheDocument();
      expect(screen.queryByRole('progressbar')).toBeNull();
    });

    it('leaves out end of life when the deprecated patterns do not fit one listing', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: () => page([], 0),
          deprecatedListing: page(
            Array.from({ length: 200 }, (_, i) => pattern(`p${i}`)),
            250,
            'more',
          ),
        }),
      });

      expect(
        await screen.findByRole('button', { name: 'Deprecated: 250' }),
      ).toBeInTheDocument();
      expect(screen.queryByText('End of life')).not.toBeInTheDocument();
      expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
    });

    it('lists the importers that are behind when that count is pressed', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query =>
            query.importsBehind === 'true'
              ? page([pattern('follows-late')], 1)
              : page([], 0),
        }),
      });

      expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Importers behind: 6' }),
      );
      expect(await findRow('follows-late')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({
        importsBehind: 'true',
        limit: '25',
      });
    });

    it('filters the table by the count that is pressed', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query =>
            query.policy === 'fail' ? page([endOfLife], 1) : page([], 0),
        }),
      });

      expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Policy failures: 2' }),
      );

      const row = await findRow('legacy-db');
      expect(tableQueries().at(-1)).toEqual({ policy: 'fail', limit: '25' });
      expect(cellTexts(row)).toEqual([
        'legacy-dbacme/katalogs/legacy-db',
        'Katalog',
        'v0.9.0',
        'Failed',
        'Skipped',
        'End of life',
        'Fail',
        'platform',
        '4',
        '3 hours ago',
      ]);
      expect(screen.getAllByText('Filtering the table')).toHaveLength(1);
      expect(
        within(
          screen
            .getByRole('button', { name: 'Policy failures: 2' })
            .closest('[role="listitem"]') as HTMLElement,
        ).getByText('Filtering the table'),
      ).toBeInTheDocument();
    });

    it('renders the default owner of a portal without ownership config', async () => {
      // The backend's owner is `unknown` when orkestra.ownership is not set,
      // as in a new app; it is no full entity reference.
      await renderPage({
        patterns: patternsHandler({
          tablePage: () => page([pattern('fresh', { owner: 'unknown' })], 1),
        }),
      });

      expect(cellTexts(await findRow('fresh'))).toContain('unknown');
    });

    it('shows the error instead of counts when a count cannot be read', async () => {
      await renderPage({
        patterns: http.get(orkestraUrl('/patterns'), () =>
          errorResponse(500, 'boom'),
        ),
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
      expect(
        screen.queryByRole('list', { name: 'Pattern health summary' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('grid', { name: 'Patterns' }),
      ).not.toBeInTheDocument();
    });
  });

  describe('patterns table', () => {
    it('shows every signal of a pattern and links it to its catalog entity', async () => {
      const web = pattern('web', {
        repository: 'Acme/Katalogs/Web App',
        versionCount: 12,
      });
      const queue = pattern('queue', {
        latest: {
          version: 'v0.1.0',
          digest: 'sha256:3',
          simulate: 'no-assertion',
          e2e: 'skipped',
          deprecated: false,
          deprecationState: 'announced',
          policyStatus: 'pass',
        },
      });
      await renderPage({
        patterns: patternsHandler({
          tablePage: () => page([web, deprecatedOnly, queue], 3),
        }),
      });

      const table = await screen.findByRole('grid', { name: 'Patterns' });
      const row = await findRow('web');
      expect(cellTexts(row)).toEqual([
        'webAcme/Katalogs/Web App',
        'Katalog',
        'v1.0.0',
        'Verified',
        'Not verified',
        'Not deprecated',
        'Pass',
        'platform',
        '12',
        '3 hours ago',
      ]);
      expect(within(row).getByRole('link', { name: 'web' })).toHaveAttribute(
        'href',
        '/catalog/default/component/acme-katalogs-web-app',
      );
      expect(cellTexts(await findRow('old-cache'))).toEqual([
        'old-cacheacme/katalogs/old-cache',
        'Katalog',
        'v2.0.0',
        'Verified',
        'Verified',
        'Deprecated',
        'Warn',
        'platform',
        '1',
        '3 hours ago',
      ]);
      expect(cellTexts(await findRow('queue'))).toEqual([
        'queueacme/katalogs/queue',
        'Katalog',
        'v0.1.0',
        'No assertions',
        'Skipped',
        'Deprecation announced',
        'Pass',
        'platform',
        '1',
        '3 hours ago',
      ]);
      for (const column of [
        'Name',
        'Kind',
        'Latest version',
        'Simulate',
        'E2E',
        'Deprecation',
        'Policy',
        'Owner',
        'Versions',
        'Updated',
      ]) {
        expect(
          within(table).getByRole('columnheader', { name: column }),
        ).toBeInTheDocument();
      }
      expect(screen.getByText('1 - 3 of 3')).toBeInTheDocument();
    });

    it('sorts the page by name when the column header is pressed', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: () =>
            page([pattern('b-web'), pattern('c-db'), pattern('a-queue')], 3),
        }),
      });
      const table = await screen.findByRole('grid', { name: 'Patterns' });
      const names = () =>
        within(table)
          .getAllByRole('rowheader')
          .map(cell => cell.textContent);

      expect(names()).toEqual([
        'b-webacme/katalogs/b-web',
        'c-dbacme/katalogs/c-db',
        'a-queueacme/katalogs/a-queue',
      ]);
      await userEvent.click(
        within(table).getByRole('columnheader', { name: 'Name' }),
      );
      expect(names()).toEqual([
        'a-queueacme/katalogs/a-queue',
        'b-webacme/katalogs/b-web',
        'c-dbacme/katalogs/c-db',
      ]);
      await userEvent.click(
        within(table).getByRole('columnheader', { name: 'Name' }),
      );
      expect(names()).toEqual([
        'c-dbacme/katalogs/c-db',
        'b-webacme/katalogs/b-web',
        'a-queueacme/katalogs/a-queue',
      ]);
      // Sorting is within the page: no further request.
      expect(tableQueries()).toEqual([{ limit: '25' }]);
    });

    it('pages forward and back with the API cursors', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query => {
            switch (query.cursor) {
              case undefined:
                return page([pattern('first')], 60, 'cursor-2');
              case 'cursor-2':
                return page([pattern('second')], 60, 'cursor-3');
              case 'cursor-3':
                return page([pattern('third')], 60);
              default:
                return errorResponse(400, `unexpected cursor ${query.cursor}`);
            }
          },
        }),
      });

      expect(await screen.findByText('first')).toBeInTheDocument();
      expect(screen.getByText('1 - 25 of 60')).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Previous table page' }),
      ).toBeDisabled();

      await userEvent.click(
        screen.getByRole('button', { name: 'Next table page' }),
      );
      expect(await screen.findByText('second')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({
        cursor: 'cursor-2',
        limit: '25',
      });
      expect(screen.getByText('26 - 50 of 60')).toBeInTheDocument();

      await userEvent.click(
        screen.getByRole('button', { name: 'Next table page' }),
      );
      expect(await screen.findByText('third')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({
        cursor: 'cursor-3',
        limit: '25',
      });
      expect(screen.getByText('51 - 60 of 60')).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Next table page' }),
      ).toBeDisabled();

      await userEvent.click(
        screen.getByRole('button', { name: 'Previous table page' }),
      );
      expect(await screen.findByText('second')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({
        cursor: 'cursor-2',
        limit: '25',
      });

      await userEvent.click(
        screen.getByRole('button', { name: 'Previous table page' }),
      );
      expect(await screen.findByText('first')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({ limit: '25' });
      expect(screen.getByText('1 - 25 of 60')).toBeInTheDocument();
      expect(tableQueries()).toHaveLength(5);
    });

    it('filters by a labelled select', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query =>
            query.kind === 'Motif'
              ? page([pattern('db', { kind: 'Motif' })], 1)
              : page([pattern('web')], 1),
        }),
      });
      expect(await screen.findByText('web')).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: 'Any Kind' }));
      await userEvent.click(
        await screen.findByRole('option', { name: 'Motif' }),
      );

      expect(await screen.findByText('db')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({ kind: 'Motif', limit: '25' });
      expect(screen.queryByText('web')).not.toBeInTheDocument();

      await userEvent.click(
        screen.getByRole('button', { name: 'Clear filters' }),
      );
      expect(await screen.findByText('web')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({ limit: '25' });
    });

    it('combines the filters in one query', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query =>
            query.e2e === 'skipped' && query.deprecated === 'true'
              ? page([deprecatedOnly], 1)
              : page([pattern('web')], 1),
        }),
      });
      expect(await screen.findByText('web')).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: 'Any E2E' }));
      await userEvent.click(
        await screen.findByRole('option', { name: 'Skipped' }),
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Any Deprecation' }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: 'Deprecated' }),
      );

      expect(await screen.findByText('old-cache')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({
        e2e: 'skipped',
        deprecated: 'true',
        limit: '25',
      });
    });

    it('searches with q once typing pauses', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query =>
            query.q === 'postgres'
              ? page([pattern('postgres')], 1)
              : page([pattern('web')], 1),
        }),
      });
      expect(await screen.findByText('web')).toBeInTheDocument();

      await userEvent.type(
        screen.getByRole('searchbox', { name: 'Search patterns' }),
        'postgres',
      );

      expect(await screen.findByText('postgres')).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({ q: 'postgres', limit: '25' });
      expect(tableQueries().map(query => query.q)).toEqual([
        undefined,
        'postgres',
      ]);
      expect(screen.queryByText('web')).not.toBeInTheDocument();
    });

    it('says when no pattern matches the filters', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: query =>
            query.simulate ? page([], 0) : page([pattern('web')], 1),
        }),
      });
      expect(await screen.findByText('web')).toBeInTheDocument();

      await userEvent.click(
        await screen.findByRole('button', { name: 'Skipped: 3' }),
      );

      expect(
        await screen.findByText('No patterns match these filters'),
      ).toBeInTheDocument();
      expect(tableQueries().at(-1)).toEqual({
        simulate: 'skipped',
        limit: '25',
      });
      expect(
        screen.getByText(
          'Clear the filters or the search to see every pattern.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('grid', { name: 'Patterns' }),
      ).not.toBeInTheDocument();
    });

    it('says when there are no patterns at all', async () => {
      await renderPage();

      expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
      expect(
        screen.getByText(
          'Patterns appear here once a sync of a pattern source finds artifacts pushed with ork push.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('grid', { name: 'Patterns' }),
      ).not.toBeInTheDocument();
    });

    it('shows the error message when the patterns cannot be loaded', async () => {
      await renderPage({
        patterns: patternsHandler({
          tablePage: () => errorResponse(403, 'denied', 'NotAllowedError'),
        }),
      });

      expect(
        await screen.findByText('Error: Could not load the patterns'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Request failed with 403 Forbidden: denied'),
      ).toBeInTheDocument();
      expect(
        await screen.findByRole('button', { name: 'Total patterns: 60' }),
      ).toBeInTheDocument();
    });
  });

  describe('sources', () => {
    it('lists the sources with their last sync under an explanation of the page', async () => {
      await renderPage({ sources: sourcesHandler(twoSources) });

      const table = await screen.findByRole('grid', {
        name: 'Pattern sources',
      });
      expect(requests()).toContainEqual(get('/sources'));
      expect(cellTexts(await findRow('acme-registry'))).toEqual([
        'acme-registry',
        'registry',
        'ghcr.io/acme/patterns',
        'list of 2 repositories',
        'configured',
        'Failed',
        '2 hours ago',
        '12',
        '3',
        '40',
        '120',
      ]);
      expect(cellTexts(await findRow('examples'))).toEqual([
        'examples',
        'layout',
        '.demo/registry',
        'index artifact',
        'none',
        'Never synced',
        '—',
        '—',
        '—',
        '—',
        '—',
      ]);

      expect(
        screen.getByRole('heading', { name: 'Pattern health' }),
      ).toBeInTheDocument();
      for (const column of [
        'ID',
        'Type',
        'Target',
        'Discovery',
        'Credentials',
        'Last sync',
        'When',
        'Repositories',
        'New versions',
        'Errors',
      ]) {
        expect(
          within(table).getByRole('columnheader', { name: column }),
        ).toBeInTheDocument();
      }
    });

    it('shows a running and a successful sync', async () => {
      const [acme, examples] = twoSources;
      await renderPage({
        sources: sourcesHandler([
          {
            ...acme,
            lastSync: {
              ...acme.lastSync!,
              status: 'running',
              finishedAt: undefined,
              counts: { repositories: 12, newVersions: 3 },
              errors: [],
            },
          },
          {
            ...examples,
            lastSync: {
              ...acme.lastSync!,
              id: 8,
              source: 'examples',
              status: 'succeeded',
              counts: { repositories: 4, newVersions: 0 },
              errors: [],
            },
          },
        ]),
      });

      const running = cellTexts(await findRow('acme-registry'));
      expect(running.slice(5)).toEqual([
        'Running',
        'started 2 hours ago',
        '12',
        '3',
        '—',
        '0',
      ]);
      expect(cellTexts(await findRow('examples')).slice(5)).toEqual([
        'Succeeded',
        '2 hours ago',
        '4',
        '0',
        '—',
        '0',
      ]);
      expect(screen.queryByText('Sync errors')).not.toBeInTheDocument();
    });

    it('lists the errors of a failed sync in a collapsible section', async () => {
      await renderPage({ sources: sourcesHandler(twoSources) });

      const trigger = await screen.findByRole('button', {
        name: /^acme-registry: 2 errors/,
      });
      expect(trigger).toHaveTextContent(
        'acme-registry: 2 errorsLast sync: Failed',
      );
      expect(trigger).toHaveAttribute('aria-expanded', 'false');
      expect(
        screen.queryByRole('button', { name: /^examples/ }),
      ).not.toBeInTheDocument();

      await userEvent.click(trigger);

      expect(trigger).toHaveAttribute('aria-expanded', 'true');
      const errors = screen.getByRole('list', {
        name: 'Sync errors of acme-registry',
      });
      expect(
        within(errors)
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual([
        'katalogs/web — MANIFEST_UNKNOWN: manifest unknown',
        'registry answered 503 Service Unavailable',
      ]);
    });

    it('shows progress while the sources load', async () => {
      const answer = latch();
      await renderPage({
        sources: http.get(orkestraUrl('/sources'), async () => {
          await answer.wait;
          return HttpResponse.json({ items: twoSources });
        }),
      });

      expect(await screen.findAllByRole('progressbar')).not.toHaveLength(0);
      await screen.findByText('No patterns yet');
      await waitFor(() =>
        expect(screen.getAllByRole('progressbar')).toHaveLength(1),
      );
      expect(
        screen.queryByRole('grid', { name: 'Pattern sources' }),
      ).not.toBeInTheDocument();

      answer.release();
      expect(
        await screen.findByRole('grid', { name: 'Pattern sources' }),
      ).toBeInTheDocument();
      expect(screen.queryByRole('progressbar')).toBeNull();
    });

    it('shows the error message when the sources cannot be loaded', async () => {
      await renderPage({
        sources: http.get(orkestraUrl('/sources'), () =>
          errorResponse(403, 'denied', 'NotAllowedError'),
        ),
      });

      expect(
        await screen.findByText('Request failed with 403 Forbidden: denied'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Error: Could not load the pattern sources'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('grid', { name: 'Pattern sources' }),
      ).not.toBeInTheDocument();
    });

    it('tells the admin to configure sources when there are none', async () => {
      await renderPage();

      expect(
        await screen.findByText('No pattern sources configured'),
      ).toBeInTheDocument();
      expect(screen.getByText('orkestra.sources')).toBeInTheDocument();
      expect(screen.getByText('app-config.yaml')).toBeInTheDocument();
      await waitFor(() =>
        expect(
          screen.queryByRole('grid', { name: 'Pattern sources' }),
        ).not.toBeInTheDocument(),
      );
    });
  });
});
