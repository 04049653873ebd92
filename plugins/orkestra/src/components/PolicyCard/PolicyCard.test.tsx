import { screen } from '@testing-library/react';
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
} from '../PatternContent/testData';
import { PolicyCard } from './PolicyCard';

function renderCard(api: OrkestraApi) {
  return renderInTestApp(
    <EntityProvider entity={katalogEntity}>
      <PolicyCard />
    </EntityProvider>,
    { apis: [[orkestraApiRef, api]] },
  );
}

describe('PolicyCard', () => {
  it('shows the policy status of the latest version with its reasons', async () => {
    const api = postgresApi();
    await renderCard(api);

    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
    expect(screen.getByText('Pattern policy')).toBeInTheDocument();
    expect(api.getPolicy).toHaveBeenCalledWith(PATTERN_ID, 'v1.2.0');
    expect(screen.getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Warn',
    );
    expect(screen.getByRole('listitem')).toHaveTextContent(
      '⚠Policy: Warn Deprecation: Deprecated: end of life on 2099-06-30. Migrate to ghcr.io/acme/katalogs/postgres-v2.',
    );
  });

  it('shows a passing policy', async () => {
    await renderCard(
      postgresApi({ getPolicy: async () => ({ status: 'pass', reasons: [] }) }),
    );

    expect(
      await screen.findByText('Every policy rule passes.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Policy: Pass' }),
    ).toBeInTheDocument();
  });

  it('shows the error message', async () => {
    await renderCard(
      postgresApi({ getPolicy: () => Promise.reject(new Error('forbidden')) }),
    );

    expect(await screen.findByText('forbidden')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the policy status',
    );
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
