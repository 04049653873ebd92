import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { OrkestraApi } from '@internal/backstage-plugin-orkestra-common';
import { orkestraApiRef } from '../../api';
import {
  katalogEntity,
  mockOrkestraApi,
  pattern,
  PATTERN_ID,
  postgresApi,
  versions,
} from '../PatternContent/testData';
import { QualityCard } from './QualityCard';

function renderCard(api: OrkestraApi) {
  return renderInTestApp(
    <EntityProvider entity={katalogEntity}>
      <QualityCard />
    </EntityProvider>,
    { apis: [[orkestraApiRef, api]] },
  );
}

describe('QualityCard', () => {
  it('shows the latest version, both gates and the deprecation', async () => {
    const api = postgresApi();
    await renderCard(api);

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

  it('says when the latest version is not deprecated', async () => {
    const current = versions.find(v => v.version === 'v1.1.0')!;
    await renderCard(
      mockOrkestraApi({
        getPattern: async () => ({
          ...pattern,
          latest: {
            ...pattern.latest!,
            version: 'v1.1.0',
            deprecated: false,
            deprecationState: 'none',
          },
        }),
        getVersion: async () => current,
      }),
    );

    expect(await screen.findByText('Not deprecated')).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Simulate: No assertions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'e2e: Verified, 2 assertions, 41s' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows the error message', async () => {
    await renderCard(
      mockOrkestraApi({
        getPattern: () => Promise.reject(new Error('backend down')),
      }),
    );

    expect(await screen.findByText('backend down')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the quality signals',
    );
  });

  it('shows progress while loading', async () => {
    await renderCard(
      mockOrkestraApi({ getPattern: () => new Promise(() => {}) }),
    );

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('says when no version is published', async () => {
    await renderCard(
      mockOrkestraApi({
        getPattern: async () => ({ ...pattern, latest: undefined }),
      }),
    );

    expect(
      await screen.findByText('No version published yet.'),
    ).toBeInTheDocument();
  });
});
