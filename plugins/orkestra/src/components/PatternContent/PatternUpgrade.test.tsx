import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import {
  errorResponse,
  get,
  latch,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import { POSTGRES_PATH } from '../../__testUtils__/renderForEntity';
import {
  renderPatternContent,
  section,
} from '../../__testUtils__/renderPatternContent';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

describe('PatternContent: Upgrade', () => {
  it('shows the upgrade path with CRD changes and the migration target', async () => {
    await renderPatternContent(server, { tab: 'upgrade' });

    const path = await screen.findByRole('list', {
      name: 'Upgrade path from v1.0.0',
    });
    expect(requests()).toContainEqual(
      get(`${PATTERN_PATH}/versions/v1.0.0/upgrade-path`),
    );
    const steps = within(path).getAllByRole('listitem', { name: /^v1\./ });
    expect(steps).toHaveLength(2);
    expect(within(steps[0]).getByText('v1.1.0')).toBeInTheDocument();
    expect(
      within(steps[0]).getByText(
        'postgresclusters.db.acme.io: adds version v1beta2',
      ),
    ).toBeInTheDocument();
    expect(
      within(steps[1]).getByText(
        'postgresclusters.db.acme.io: removes version v1beta1 (breaking)',
      ),
    ).toBeInTheDocument();
    expect(
      within(steps[1]).getByText('Adds CRD postgresbackups.db.acme.io'),
    ).toBeInTheDocument();
    expect(
      within(steps[1]).getByRole('status', {
        name: 'e2e: Skipped (forced publish)',
      }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'From version' }),
      'v1.2.0',
    );
    expect(
      await screen.findByText('v1.2.0 is the latest version.'),
    ).toBeInTheDocument();
    expect(
      section('Upgrade path').getByText(/^v1\.2\.0 is deprecated: migrate to/),
    ).toHaveTextContent(
      'v1.2.0 is deprecated: migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
    expect(requests().at(-1)).toEqual(
      get(`${PATTERN_PATH}/versions/v1.2.0/upgrade-path`),
    );
  });

  it('shows progress while the upgrade path loads', async () => {
    const answer = latch();
    await renderPatternContent(server, {
      tab: 'upgrade',
      handlers: [
        http.get(
          orkestraUrl('/patterns/:id/versions/:version/upgrade-path'),
          async () => {
            await answer.wait;
            return undefined; // on to the fixture's answer
          },
        ),
      ],
    });

    const upgrade = await screen.findByRole('region', { name: 'Upgrade path' });
    expect(await within(upgrade).findByRole('progressbar')).toBeInTheDocument();

    answer.release();
    expect(
      await screen.findByText('Adds CRD postgresbackups.db.acme.io'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows the error of the upgrade path', async () => {
    await renderPatternContent(server, {
      tab: 'upgrade',
      handlers: [
        http.get(
          orkestraUrl('/patterns/:id/versions/:version/upgrade-path'),
          () => errorResponse(503, 'database unavailable'),
        ),
      ],
    });

    const upgrade = await screen.findByRole('region', { name: 'Upgrade path' });
    const alert = await within(upgrade).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the upgrade path of v1.0.0',
    );
    expect(alert).toHaveTextContent(
      'Request failed with 503 Service Unavailable: database unavailable',
    );
  });
});
