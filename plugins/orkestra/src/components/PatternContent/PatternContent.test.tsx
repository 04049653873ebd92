import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useLocation } from 'react-router-dom';
import {
  announcedLatest,
  endOfLifeLatest,
  katalogEntity,
  PATTERN_ID,
  pattern,
  postgres,
  withLatest,
} from '../../__testUtils__/testData';
import {
  errorResponse,
  get,
  latch,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import {
  POSTGRES_PATH,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import {
  renderPatternContent,
  section,
  TEST_ROUTES,
} from '../../__testUtils__/renderPatternContent';
import { DeprecationShownAbove } from '../signals/DeprecationBanner';
import { PatternContent } from './PatternContent';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

/** The Pattern tab on its Overview sub-tab (or the one `tab` names). */
function renderContent(
  options: Parameters<typeof renderPatternContent>[1] = {},
) {
  return renderPatternContent(server, options);
}

/** The query string of the test app's location, to see what the sub-tabs put in the URL. */
const LocationSearch = () => (
  <output aria-label="Location search">{useLocation().search}</output>
);

describe('PatternContent: sub-tabs', () => {
  it('offers the six sub-tabs with the Overview open', async () => {
    await renderContent();

    const tabs = within(
      await screen.findByRole('tablist', { name: 'Pattern sections' }),
    ).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual([
      'Overview',
      'Versions',
      'Files',
      'Upgrade',
      'Dependencies',
      'Policy',
    ]);
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    // Only the open sub-tab is rendered.
    expect(screen.queryByRole('region', { name: 'Versions' })).toBeNull();
  });

  it('opens each sub-tab on click and keeps it in the URL', async () => {
    await renderForEntity(
      server,
      <>
        <PatternContent />
        <LocationSearch />
      </>,
      {
        initialRouteEntries: ['/?inspect=overview'],
        mountedRoutes: TEST_ROUTES,
      },
    );
    await screen.findByRole('heading', { name: 'Katalog postgres' });

    for (const [tab, id, region] of [
      ['Versions', 'versions', 'Versions'],
      ['Files', 'files', 'Files of v1.2.0'],
      ['Upgrade', 'upgrade', 'Upgrade path'],
      ['Dependencies', 'dependencies', 'Imports of v1.2.0'],
      ['Policy', 'policy', 'Policy of v1.2.0'],
    ]) {
      await userEvent.click(screen.getByRole('tab', { name: tab }));
      expect(
        await screen.findByRole('region', { name: region }),
      ).toBeInTheDocument();
      expect(screen.getByRole('tab', { name: tab })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      // Other query parameters (the entity page's inspect dialog) stay.
      expect(screen.getByLabelText('Location search')).toHaveTextContent(
        `?inspect=overview&tab=${id}`,
      );
    }

    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Location search')).toHaveTextContent(
      /^\?inspect=overview$/,
    );
    // Five sub-tabs, each loading its part: slower than one render.
  }, 30_000);

  it('opens the sub-tab the URL names', async () => {
    await renderContent({ tab: 'policy' });

    expect(
      await screen.findByRole('region', { name: 'Policy of v1.2.0' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Policy' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      screen.queryByRole('heading', { name: 'Katalog postgres' }),
    ).toBeNull();
  });

  it('opens the Overview for a sub-tab it does not know', async () => {
    await renderContent({ tab: 'nonsense' });

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});

describe('PatternContent: Overview', () => {
  it('shows the deprecated Katalog with its latest version and gates', async () => {
    await renderContent();

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(requests()).toEqual(
      expect.arrayContaining([
        get(PATTERN_PATH),
        get(`${PATTERN_PATH}/versions`),
      ]),
    );
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
    // The header badges carry the detail; the table's compact ones show none.
    const simulate = screen.getAllByRole('status', {
      name: 'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
    })[0];
    expect(simulate).toHaveTextContent(
      '✓Simulate: Verified5 assertions · 48s · tested 2 days ago',
    );
    const e2e = screen.getAllByRole('status', {
      name: 'e2e: Skipped (forced publish), tested 3 days ago',
    })[0];
    expect(e2e).toHaveTextContent('⚠e2e: Skipped');

    const banner = screen.getByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent('Deprecated: v1.2.0');
    expect(
      within(banner).getByText('Deprecated since 2026-01-15'),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(/^End of life on 2099-06-30 \(in \d+ days\)$/),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText('Use the v2 operator-based Katalog.'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
  });

  it('announces a coming deprecation of the latest version', async () => {
    await renderContent({ fixture: withLatest(announcedLatest) });

    const banner = await screen.findByRole('note', {
      name: 'Deprecation announced',
    });
    expect(banner).toHaveTextContent('Deprecation announced: v1.2.0');
    expect(
      within(banner).getByText('Deprecated from 2099-01-01'),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(/^End of life on 2099-06-30 \(in \d+ days\)$/),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(
        'Plan the move to the v2 operator-based Katalog.',
      ),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
  });

  it('shows a latest version past its end of life', async () => {
    await renderContent({ fixture: withLatest(endOfLifeLatest) });

    const banner = await screen.findByRole('note', { name: 'End of life' });
    expect(banner).toHaveTextContent('End of life: v1.2.0');
    expect(
      within(banner).getByText('Deprecated since 2025-01-15'),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText('End of life since 2025-06-30'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v3',
    );
    expect(screen.queryByRole('note', { name: 'Deprecated' })).toBeNull();
  });

  it('shows no banner when the latest version is not deprecated', async () => {
    await renderContent({
      fixture: withLatest({
        deprecationState: 'none',
        signals: { ...postgres.versions[2].signals },
      }),
    });

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    expect(screen.queryByRole('note')).toBeNull();
    expect(
      screen.getAllByRole('status', {
        name: 'Simulate: No assertions',
      })[0],
    ).toHaveTextContent('○Simulate: No assertions');
  });

  it('shows the import snippet for a Komposer', async () => {
    await renderContent();

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    const imports = section('Import');
    expect(imports.getByText('Add to your Komposer:')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Import' }).querySelector('code'),
    ).toHaveTextContent(
      'imports: registry: - oci://ghcr.io/acme/katalogs/postgres:v1.2.0',
    );
  });

  it('leaves the deprecation to a page-wide banner above it', async () => {
    await renderForEntity(
      server,
      <DeprecationShownAbove>
        <PatternContent />
      </DeprecationShownAbove>,
      { mountedRoutes: TEST_ROUTES },
    );

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows the import snippet of a Motif', async () => {
    await renderContent({
      fixture: {
        ...postgres,
        pattern: {
          ...pattern,
          kind: 'Motif',
          name: 'backup',
          reference: 'ghcr.io/acme/motifs/backup',
        },
      },
    });

    await screen.findByRole('heading', { name: 'Motif backup' });
    expect(
      section('Import').getByText('Add to spec.crds.<name> of your Katalog:'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Import' }).querySelector('code'),
    ).toHaveTextContent(
      'imports: - motif: oci://ghcr.io/acme/motifs/backup:v1.2.0',
    );
  });

  it('shows progress while the pattern loads', async () => {
    const answer = latch();
    await renderContent({
      handlers: [
        http.get(orkestraUrl('/patterns/:id'), async () => {
          await answer.wait;
          return HttpResponse.json(pattern);
        }),
      ],
    });

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Katalog postgres' }),
    ).toBeNull();

    answer.release();
    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
  });

  it('shows the error when the pattern cannot be loaded', async () => {
    await renderContent({
      handlers: [
        http.get(orkestraUrl('/patterns/:id'), () =>
          errorResponse(404, 'no such pattern', 'NotFoundError'),
        ),
      ],
    });

    expect(
      await screen.findByText(
        'Request failed with 404 Not Found: no such pattern',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Could not load the pattern ${PATTERN_ID}`,
    );
  });

  it('shows empty states for a pattern without versions', async () => {
    await renderContent({
      fixture: {
        ...postgres,
        pattern: { ...pattern, latest: undefined, versionCount: 0 },
        versions: [],
      },
    });

    expect(
      await screen.findByText('No version published yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Import' })).toBeNull();
    for (const tab of ['Files', 'Upgrade', 'Dependencies', 'Policy']) {
      await userEvent.click(screen.getByRole('tab', { name: tab }));
      expect(
        await screen.findByText('No version published yet.'),
      ).toBeInTheDocument();
    }
    await userEvent.click(screen.getByRole('tab', { name: 'Versions' }));
    expect(screen.getByText('No versions published yet')).toBeInTheDocument();
    expect(requests()).toEqual([
      get(PATTERN_PATH),
      get(`${PATTERN_PATH}/versions`),
    ]);
  });

  it('explains a missing pattern id annotation', async () => {
    await renderContent({
      entity: { ...katalogEntity, metadata: { name: 'katalog-postgres' } },
    });

    expect(
      await screen.findByText('No Orkestra pattern id'),
    ).toBeInTheDocument();
    expect(screen.getByText('orkestra.sh/pattern-id')).toBeInTheDocument();
    expect(requests()).toEqual([]);
  });
});
