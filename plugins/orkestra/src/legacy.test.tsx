import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  OrkestraApi,
  OrkestraClient,
} from '@orkspace/backstage-plugin-orkestra-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse, RequestHandler } from 'msw';
import {
  EntityOrkestraDeprecationBanner,
  EntityOrkestraPatternContent,
  EntityOrkestraPolicyCard,
  EntityOrkestraQualityCard,
  isOrkestraPattern,
  orkestraApiRef,
  OrkestraPatternHealthPage,
  orkestraPlugin,
} from './legacy';
import { patternCounts } from './__testUtils__/healthPage';
import { katalogEntity, pattern, postgres } from './__testUtils__/testData';
import {
  BACKEND_URL,
  errorResponse,
  get,
  orkestraUrl,
  patternHandlers,
  setupOrkestraServer,
} from './__testUtils__/orkestraServer';

const PATTERN_PATH = '/patterns/acme%3Akatalogs%2Fpostgres';

const { server, requests } = setupOrkestraServer(...patternHandlers(postgres));

function orkestraApiFactory() {
  const factory = Array.from(orkestraPlugin.getApis()).find(
    f => f.api.id === orkestraApiRef.id,
  );
  if (!factory) throw new Error('the plugin provides no Orkestra API');
  return factory;
}

/** The client as the legacy plugin's API factory builds it, talking to msw. */
function legacyClient(): OrkestraApi {
  return orkestraApiFactory().factory({
    discoveryApi: mockApis.discovery({ baseUrl: BACKEND_URL }),
    fetchApi: new MockFetchApi(),
  }) as OrkestraApi;
}

function renderForEntity(element: JSX.Element, ...handlers: RequestHandler[]) {
  server.use(...handlers);
  return renderInTestApp(
    <TestApiProvider apis={[[orkestraApiRef, legacyClient()]]}>
      <EntityProvider entity={katalogEntity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

describe('orkestraPlugin (legacy)', () => {
  it('has the orkestra id and its root route', () => {
    expect(orkestraPlugin.getId()).toBe('orkestra');
    expect(orkestraPlugin.routes.root).toBeDefined();
  });

  it('provides the Orkestra API as an HTTP client', async () => {
    const factory = orkestraApiFactory();
    expect(factory.api.id).toBe('plugin.orkestra.api');
    expect(Object.values(factory.deps).map(ref => ref.id)).toEqual([
      discoveryApiRef.id,
      fetchApiRef.id,
    ]);
    const client = legacyClient();
    expect(client).toBeInstanceOf(OrkestraClient);

    await expect(client.getPattern('acme:katalogs/postgres')).resolves.toEqual(
      pattern,
    );
    expect(requests()).toEqual([get(PATTERN_PATH)]);
  });
});

describe('isOrkestraPattern', () => {
  const withType = (kind: string, type: string): Entity => ({
    ...katalogEntity,
    kind,
    spec: { ...katalogEntity.spec, type },
  });

  it.each([
    ['a Katalog component', true, withType('Component', 'orkestra-katalog')],
    ['a Motif component', true, withType('Component', 'orkestra-motif')],
    ['a service component', false, withType('Component', 'service')],
    ['an API', false, withType('API', 'orkestra-katalog')],
  ])('is %s a pattern: %s', (_name, expected, entity) => {
    expect(isOrkestraPattern(entity)).toBe(expected);
  });
});

describe('EntityOrkestraQualityCard', () => {
  it('shows the latest version, both gates and the deprecation', async () => {
    await renderForEntity(<EntityOrkestraQualityCard />);

    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
    expect(screen.getByText('Pattern quality')).toBeInTheDocument();
    expect(requests()).toEqual([
      get(PATTERN_PATH),
      get(`${PATTERN_PATH}/versions/v1.2.0`),
    ]);
    expect(
      screen.getByRole('status', {
        name: 'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', {
        name: 'e2e: Skipped (forced publish), tested 3 days ago',
      }),
    ).toBeInTheDocument();
    const banner = screen.getByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent('Deprecated: v1.2.0');
    expect(
      within(banner).getByText('Deprecated since 2026-01-15'),
    ).toBeInTheDocument();
  });

  it('shows the error message', async () => {
    await renderForEntity(
      <EntityOrkestraQualityCard />,
      http.get(orkestraUrl('/patterns/:id'), () =>
        errorResponse(500, 'backend down'),
      ),
    );

    expect(
      await screen.findByText(
        'Request failed with 500 Internal Server Error: backend down',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the quality signals',
    );
  });
});

describe('EntityOrkestraPolicyCard', () => {
  it('shows the policy status of the latest version with its reasons', async () => {
    await renderForEntity(<EntityOrkestraPolicyCard />);

    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
    expect(screen.getByText('Pattern policy')).toBeInTheDocument();
    expect(requests()).toEqual([
      get(PATTERN_PATH),
      get(`${PATTERN_PATH}/versions/v1.2.0/policy`),
    ]);
    expect(screen.getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Warn',
    );
    expect(screen.getByRole('listitem')).toHaveTextContent(
      'Deprecation: Deprecated: end of life on 2099-06-30.',
    );
  });
});

describe('EntityOrkestraPatternContent', () => {
  it('renders the pattern of the entity', async () => {
    await renderForEntity(<EntityOrkestraPatternContent />);

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
  });
});

describe('EntityOrkestraDeprecationBanner', () => {
  it('shows the deprecation above the tab content, which does not repeat it', async () => {
    await renderForEntity(
      <EntityOrkestraDeprecationBanner>
        <EntityOrkestraPatternContent />
      </EntityOrkestraDeprecationBanner>,
    );

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    const banner = await screen.findByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent('Deprecated: v1.2.0');
    expect(screen.getAllByRole('note')).toHaveLength(1);
  });
});

describe('OrkestraPatternHealthPage', () => {
  /** Answers the summary's total with `total`, its other counts with 0, and the table with no patterns. */
  function patternsAnswering(total: number): RequestHandler[] {
    return [
      http.get(orkestraUrl('/patterns'), () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
      http.get(orkestraUrl('/pattern-counts'), () =>
        HttpResponse.json(patternCounts({ total })),
      ),
    ];
  }

  const noSources = http.get(orkestraUrl('/sources'), () =>
    HttpResponse.json({ items: [] }),
  );

  /**
   * Stands for the app's `<Route path element>`: the legacy app collects the
   * path of a routable extension from the `path` and `element` props around it.
   */
  const MountedAt = ({ element }: { path: string; element: JSX.Element }) =>
    element;

  async function renderPage(...handlers: RequestHandler[]) {
    server.use(...handlers);
    await renderInTestApp(
      <TestApiProvider apis={[[orkestraApiRef, legacyClient()]]}>
        <MountedAt path="/orkestra" element={<OrkestraPatternHealthPage />} />
      </TestApiProvider>,
    );
  }

  it('shows the page header, the counts and the empty states', async () => {
    await renderPage(...patternsAnswering(60), noSources);

    expect(
      await screen.findByRole('heading', { name: 'Orkestra' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Pattern health' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Total patterns: 60' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
    expect(
      await screen.findByText('No pattern sources configured'),
    ).toBeInTheDocument();
    expect(requests()).toContainEqual(get('/sources'));
    expect(requests()).toContainEqual(get('/patterns', { limit: '25' }));
  });

  it('shows the error message when the sources cannot be loaded', async () => {
    await renderPage(
      ...patternsAnswering(0),
      http.get(orkestraUrl('/sources'), () =>
        errorResponse(403, 'denied', 'NotAllowedError'),
      ),
    );

    expect(
      await screen.findByText('Request failed with 403 Forbidden: denied'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error: Could not load the pattern sources'),
    ).toBeInTheDocument();
  });
});
