import { Entity } from '@backstage/catalog-model';
import { act, screen, waitFor } from '@testing-library/react';
import {
  katalogEntity,
  pattern,
  withLatest,
} from '../../__testUtils__/testData';
import { get, setupOrkestraServer } from '../../__testUtils__/orkestraServer';
import {
  POSTGRES_PATH,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { TEST_ROUTES } from '../../__testUtils__/renderPatternContent';
import { PatternContent } from '../PatternContent';
import { QualityCard } from '../QualityCard';
import { EntityOrkestraDeprecationBanner } from './EntityDeprecationBanner';

const { server, requests } = setupOrkestraServer();

const service: Entity = {
  ...katalogEntity,
  spec: { ...katalogEntity.spec, type: 'service' },
};

describe('EntityOrkestraDeprecationBanner', () => {
  it('shows the deprecated latest version above the page content', async () => {
    await renderForEntity(
      server,
      <EntityOrkestraDeprecationBanner>
        <p>Tab content</p>
      </EntityOrkestraDeprecationBanner>,
    );

    const banner = await screen.findByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent('Deprecated: v1.2.0');
    expect(banner).toHaveTextContent('Deprecated since 2026-01-15');
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
    const content = screen.getByText('Tab content');
    // The banner comes first in the document: at the top of the tab.
    expect(
      banner.compareDocumentPosition(content) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(requests()).toEqual([
      get(POSTGRES_PATH),
      get(`${POSTGRES_PATH}/versions/v1.2.0`),
    ]);
  });

  it('is shown once: the Pattern tab and the cards below it do not repeat it', async () => {
    await renderForEntity(
      server,
      <EntityOrkestraDeprecationBanner>
        <QualityCard />
        <PatternContent />
      </EntityOrkestraDeprecationBanner>,
      { mountedRoutes: TEST_ROUTES },
    );

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    await screen.findByText('Pattern quality');
    expect(
      await screen.findByRole('note', { name: 'Deprecated' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('note')).toHaveLength(1);
  });

  it('shows only the content when the latest version is not deprecated', async () => {
    await renderForEntity(
      server,
      <EntityOrkestraDeprecationBanner>
        <p>Tab content</p>
      </EntityOrkestraDeprecationBanner>,
      {
        fixture: {
          ...withLatest({ deprecationState: 'none' }),
          pattern: {
            ...pattern,
            latest: { ...pattern.latest!, deprecationState: 'none' },
          },
        },
      },
    );

    expect(screen.getByText('Tab content')).toBeInTheDocument();
    await waitFor(() => expect(requests()).toEqual([get(POSTGRES_PATH)]));
    // Let the answer land: the latest version is not deprecated, so no
    // request for its details follows and no banner shows.
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(requests()).toEqual([get(POSTGRES_PATH)]);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows only the content on an entity that is no pattern', async () => {
    await renderForEntity(
      server,
      <EntityOrkestraDeprecationBanner>
        <p>Tab content</p>
      </EntityOrkestraDeprecationBanner>,
      { entity: service },
    );

    expect(screen.getByText('Tab content')).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
    expect(requests()).toEqual([]);
  });
});
