import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ListPatternsResponse,
  OwnerRollup,
  PatternCounts,
  PatternSummary,
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse, RequestHandler } from 'msw';
import { SetupServer } from 'msw/node';
import { useLocation, useNavigate } from 'react-router-dom';
import { orkestraApiRef } from '../api';
import { OrkestraPage } from '../components/OrkestraPage';
import {
  createOrkestraClient,
  orkestraUrl,
  ReceivedRequest,
} from './orkestraServer';

/** Test data and a fake backend for the "Pattern health" page. */

const HOUR_MS = 60 * 60 * 1000;

/** An RFC 3339 time `hours` hours before now. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR_MS).toISOString();
}

/** A healthy Katalog `acme/katalogs/<name>` of the `acme-registry` source. */
export function summary(
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
      created: hoursAgo(5),
      simulate: 'passed',
      e2e: 'absent',
      deprecated: false,
      deprecationState: 'none',
      policyStatus: 'pass',
    },
    versionCount: 1,
    updatedAt: hoursAgo(0.1),
    ...overrides,
  };
}

/** One answer of `GET /patterns`. */
export function listing(
  items: PatternSummary[],
  totalCount = items.length,
): ListPatternsResponse {
  return { items, totalCount };
}

/** A source whose last full run succeeded. */
export function okSource(overrides: Partial<SourceStatus> = {}): SourceStatus {
  return {
    id: 'examples',
    type: 'layout',
    target: '.demo/registry',
    discovery: { type: 'index' },
    hasCredentials: false,
    registry: 'oci.orkestra.example',
    health: 'ok',
    failingRepositories: [],
    failingRepositoryCount: 0,
    lastSync: syncRun({ source: overrides.id ?? 'examples' }),
    ...overrides,
  };
}

/** A finished full sync run of `examples`. */
export function syncRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 7,
    source: 'examples',
    trigger: 'schedule',
    startedAt: new Date(Date.now() - 2 * HOUR_MS - 65_000).toISOString(),
    finishedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString(),
    status: 'succeeded',
    counts: { repositories: 12, newVersions: 3, notPatterns: 0, errors: 0 },
    errors: [],
    ...overrides,
  };
}

/** The owner rollup of one owner. */
export function ownerRollup(
  owner: string,
  counts: Partial<Omit<OwnerRollup, 'owner'>> = {},
): OwnerRollup {
  return {
    owner,
    total: 0,
    healthy: 0,
    forced: 0,
    deprecated: 0,
    behind: 0,
    policyFailing: 0,
    ...counts,
  };
}

/** An answer of `GET /pattern-counts`: `counts`, 0 for the others. */
export function patternCounts(
  counts: Partial<PatternCounts> = {},
): PatternCounts {
  return {
    total: 0,
    simulatePassed: 0,
    simulateAbsent: 0,
    simulateSkipped: 0,
    simulateNoAssertion: 0,
    forced: 0,
    deprecated: 0,
    endOfLife: 0,
    importsDeprecated: 0,
    importsBehind: 0,
    policyFail: 0,
    policyWarn: 0,
    ...counts,
  };
}

/** The query parameters of a request, as the server reads them. */
export type Query = Record<string, string>;

type Answer<T> = T | Response;

/** What the fake backend answers; everything is empty by default. */
export interface HealthBackend {
  /** The table's pages. */
  table?: (
    query: Query,
  ) => Answer<ListPatternsResponse> | Promise<Answer<ListPatternsResponse>>;
  /** The summary's counts (`GET /pattern-counts`); 0 when absent. */
  counts?: Partial<PatternCounts>;
  sources?: SourceStatus[] | (() => Answer<{ items: SourceStatus[] }>);
  owners?: OwnerRollup[];
  /** `GET /sources/:id/sync-runs`, by source id. */
  runs?: Record<string, SyncRun[]>;
}

/** msw handlers of the health page's routes, answering from `backend`. */
export function healthHandlers(backend: HealthBackend = {}): RequestHandler[] {
  return [
    http.get(orkestraUrl('/patterns'), async ({ request }) => {
      const query: Query = Object.fromEntries(
        new URL(request.url).searchParams,
      );
      const answer = backend.table ? await backend.table(query) : listing([]);
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
    http.get(orkestraUrl('/pattern-counts'), () =>
      HttpResponse.json(patternCounts(backend.counts)),
    ),
    http.get(orkestraUrl('/sources'), () => {
      const sources = backend.sources ?? [];
      const answer =
        typeof sources === 'function' ? sources() : { items: sources };
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
    http.get(orkestraUrl('/owners'), () =>
      HttpResponse.json({ items: backend.owners ?? [] }),
    ),
    http.get(orkestraUrl('/sources/:id/sync-runs'), ({ params }) =>
      HttpResponse.json({ items: backend.runs?.[String(params.id)] ?? [] }),
    ),
  ];
}

/**
 * Shows the router's current query string, so a test can read the URL, and
 * a "Test: back" button that goes back in the history like the browser's.
 */
const LocationProbe = () => {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location-search">{location.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Test: back
      </button>
    </>
  );
};

/** The current URL's query parameters, as the page wrote them. */
export function currentQuery(): Query {
  const search = screen.getByTestId('location-search').textContent ?? '';
  return Object.fromEntries(new URLSearchParams(search));
}

/**
 * Renders the health page at `url` (default `/`) with the real client against
 * the fake backend; `handlers` go first. The user may resync unless
 * `canResync` is false.
 */
export function renderHealthPage(
  server: SetupServer,
  options: {
    backend?: HealthBackend;
    handlers?: RequestHandler[];
    url?: string;
    canResync?: boolean;
  } = {},
) {
  server.use(...(options.handlers ?? []), ...healthHandlers(options.backend));
  return renderInTestApp(
    <>
      <OrkestraPage />
      <LocationProbe />
    </>,
    {
      apis: [
        [orkestraApiRef, createOrkestraClient()],
        [
          permissionApiRef,
          mockApis.permission({
            authorize:
              options.canResync === false
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }),
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [options.url ?? '/'],
    },
  );
}

/** The queries of the table's requests (`GET /patterns`), in order. */
export function tableQueries(requests: ReceivedRequest[]): Query[] {
  return requests
    .filter(r => r.method === 'GET' && r.path === '/patterns')
    .map(r => r.query);
}

/** The table row that holds `text`, within `container` (a table) when given. */
export async function findRow(
  text: string,
  container?: HTMLElement,
): Promise<HTMLElement> {
  const scope = container ? within(container) : screen;
  const row = (await scope.findByText(text)).closest('[role="row"]');
  if (!(row instanceof HTMLElement)) {
    throw new Error(`no table row holds ${text}`);
  }
  return row;
}

/** The text of every cell of a row, row header included. */
export function cellTexts(row: HTMLElement): Array<string | undefined> {
  return Array.from(
    row.querySelectorAll('[role="rowheader"], [role="gridcell"]'),
  ).map(cell => cell.textContent?.trim());
}
