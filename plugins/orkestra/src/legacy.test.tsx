import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  OrkestraApi,
  OrkestraClient,
  PatternQuery,
} from '@internal/backstage-plugin-orkestra-common';
import { screen, within } from '@testing-library/react';
import {
  EntityOrkestraPatternContent,
  EntityOrkestraPolicyCard,
  EntityOrkestraQualityCard,
  isOrkestraPattern,
  orkestraApiRef,
  OrkestraPatternHealthPage,
  orkestraPlugin,
} from './legacy';
import {
  katalogEntity,
  mockOrkestraApi,
  PATTERN_ID,
  postgresApi,
} from './components/PatternContent/testData';

function renderForEntity(element: JSX.Element, api: OrkestraApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[orkestraApiRef, api]]}>
      <EntityProvider entity={katalogEntity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

describe('orkestraPlugin (legacy)', () => {
  it('has the orkestra id and its root route', () => {
    expect(orkestraPlugin.getId()).toBe('orkestra');
    expect(orkestraPlugin.routes.root).toBeDefined();
  });

  it('provides the Orkestra API as an HTTP client', () => {
    const factory = Array.from(orkestraPlugin.getApis()).find(
      f => f.api.id === orkestraApiRef.id,
    );
    expect(factory).toBeDefined();
    expect(factory!.api.id).toBe('plugin.orkestra.api');
    expect(Object.values(factory!.deps).map(ref => ref.id)).toEqual([
      discoveryApiRef.id,
      fetchApiRef.id,
    ]);
    const client = factory!.factory({
      discoveryApi: mockApis.discovery(),
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(OrkestraClient);
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
    const api = postgresApi();
    await renderForEntity(<EntityOrkestraQualityCard />, api);

    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
    expect(screen.getByText('Pattern quality')).toBeInTheDocument();
    expect(api.getVersion).toHaveBeenCalledWith(PATTERN_ID, 'v1.2.0');
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
      mockOrkestraApi({
        getPattern: () => Promise.reject(new Error('backend down')),
      }),
    );

    expect(await screen.findByText('backend down')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the quality signals',
    );
  });
});

describe('EntityOrkestraPolicyCard', () => {
  it('shows the policy status of the latest version with its reasons', async () => {
    const api = postgresApi();
    await renderForEntity(<EntityOrkestraPolicyCard />, api);

    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
    expect(screen.getByText('Pattern policy')).toBeInTheDocument();
    expect(api.getPolicy).toHaveBeenCalledWith(PATTERN_ID, 'v1.2.0');
    expect(screen.getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Warn',
    );
  });
});

describe('EntityOrkestraPatternContent', () => {
  it('renders the pattern of the entity', async () => {
    await renderForEntity(<EntityOrkestraPatternContent />, postgresApi());

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
  });
});

describe('OrkestraPatternHealthPage', () => {
  /** Answers every summary count with `total` and the table with no patterns. */
  function healthApi(total: number): OrkestraApi {
    return mockOrkestraApi({
      listSources: async () => ({ items: [] }),
      listPatterns: jest.fn(async ({ limit }: PatternQuery = {}) => ({
        items: [],
        totalCount: limit === 1 ? total : 0,
      })),
    });
  }

  /**
   * Stands for the app's `<Route path element>`: the legacy app collects the
   * path of a routable extension from the `path` and `element` props around it.
   */
  const MountedAt = ({ element }: { path: string; element: JSX.Element }) =>
    element;

  async function renderPage(api: OrkestraApi) {
    await renderInTestApp(
      <TestApiProvider apis={[[orkestraApiRef, api]]}>
        <MountedAt path="/orkestra" element={<OrkestraPatternHealthPage />} />
      </TestApiProvider>,
    );
  }

  it('shows the page header, the counts and the empty states', async () => {
    await renderPage(healthApi(60));

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
  });

  it('shows the error message when the sources cannot be loaded', async () => {
    await renderPage(
      mockOrkestraApi({
        ...healthApi(0),
        listSources: () =>
          Promise.reject(
            new Error('Orkestra API request failed with 403 Forbidden: denied'),
          ),
      }),
    );

    expect(
      await screen.findByText(
        'Orkestra API request failed with 403 Forbidden: denied',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error: Could not load the pattern sources'),
    ).toBeInTheDocument();
  });
});
