import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import {
  announcedLatest,
  failingPolicy,
  versions,
  withLatest,
} from '../../__testUtils__/testData';
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

describe('PatternContent: Versions', () => {
  it('lists the versions newest first with their signals', async () => {
    await renderPatternContent(server, { tab: 'versions' });

    await screen.findByRole('region', { name: 'Versions' });
    const rows = section('Versions').getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('rowheader')[0].textContent),
    ).toEqual(['v1.2.0', 'v1.1.0', 'v1.0.0']);
    const latest = within(rows[0]);
    expect(latest.getByText('v1.2.0, latest')).toBeInTheDocument();
    expect(latest.getByText('2026-02-01')).toBeInTheDocument();
    expect(
      latest.getByRole('status', {
        name: 'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
      }),
    ).toHaveTextContent(/^✓Simulate: Verified$/);
    expect(
      latest.getByRole('status', {
        name: 'e2e: Skipped (forced publish), tested 3 days ago',
      }),
    ).toHaveTextContent(/^⚠e2e: Skipped$/);
    expect(
      latest.getByRole('status', { name: 'Policy: Warn' }),
    ).toBeInTheDocument();
    expect(latest.getByText('Deprecated')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('status', { name: 'Simulate: No assertions' }),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('status', {
        name: 'e2e: Verified, 2 assertions, 41s',
      }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'Simulate: Failed' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'e2e: Not verified' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'Policy: Fail' }),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('Not deprecated')).toBeInTheDocument();
  });

  it('marks a version whose deprecation is announced', async () => {
    await renderPatternContent(server, {
      tab: 'versions',
      fixture: withLatest(announcedLatest),
    });

    await screen.findByRole('region', { name: 'Versions' });
    expect(
      within(section('Versions').getAllByRole('row')[1]).getByText(
        'Deprecation announced',
      ),
    ).toBeInTheDocument();
  });

  it('shows a Motif version’s gates as not applicable', async () => {
    const absent = { state: 'absent' as const, assertions: 0 };
    const latestSignals = versions.find(v => v.version === 'v1.2.0')!.signals;
    await renderPatternContent(server, {
      tab: 'versions',
      fixture: withLatest({
        signals: {
          ...latestSignals,
          kind: 'Motif',
          simulate: absent,
          e2e: absent,
        },
      }),
    });

    await screen.findByRole('region', { name: 'Versions' });
    const latest = within(section('Versions').getAllByRole('row')[1]);
    expect(
      latest.getByRole('status', { name: 'Simulate: Not applicable' }),
    ).toBeInTheDocument();
    expect(
      latest.getByRole('status', { name: 'e2e: Not applicable' }),
    ).toBeInTheDocument();
  });

  it('shows a failing policy in the version row', async () => {
    await renderPatternContent(server, {
      tab: 'versions',
      fixture: withLatest({ policy: failingPolicy }),
    });

    await screen.findByRole('region', { name: 'Versions' });
    expect(
      within(section('Versions').getAllByRole('row')[1]).getByRole('status', {
        name: 'Policy: Fail',
      }),
    ).toBeInTheDocument();
  });
});

describe('PatternContent: Policy', () => {
  it('shows the policy status with its reasons', async () => {
    await renderPatternContent(server, { tab: 'policy' });

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    await waitFor(() =>
      expect(within(policy).getAllByRole('listitem')).toHaveLength(1),
    );
    expect(requests()).toContainEqual(
      get(`${PATTERN_PATH}/versions/v1.2.0/policy`),
    );
    expect(within(policy).getByRole('listitem')).toHaveTextContent(
      '⚠Policy: Warn Deprecation: Deprecated: end of life on 2099-06-30. Migrate to ghcr.io/acme/katalogs/postgres-v2.',
    );
  });

  it('shows a failing policy with every reason', async () => {
    await renderPatternContent(server, {
      tab: 'policy',
      fixture: withLatest({ policy: failingPolicy }),
    });

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    const reasons = await within(policy).findByRole('list', {
      name: 'Policy reasons',
    });
    expect(within(policy).getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Fail',
    );
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '✗Policy: Fail Required gates: Required gate e2e was skipped (forced publish)',
      '✗Policy: Fail Minimum maturity: Maturity alpha is below the minimum beta',
    ]);
  });

  it('shows progress while the policy loads', async () => {
    const answer = latch();
    await renderPatternContent(server, {
      tab: 'policy',
      handlers: [
        http.get(
          orkestraUrl('/patterns/:id/versions/:version/policy'),
          async () => {
            await answer.wait;
            return undefined; // on to the fixture's answer
          },
        ),
      ],
    });

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    expect(await within(policy).findByRole('progressbar')).toBeInTheDocument();

    answer.release();
    expect(
      await within(policy).findByText(
        /Migrate to ghcr\.io\/acme\/katalogs\/postgres-v2\.$/,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows the error of the policy', async () => {
    await renderPatternContent(server, {
      tab: 'policy',
      handlers: [
        http.get(orkestraUrl('/patterns/:id/versions/:version/policy'), () =>
          errorResponse(503, 'database unavailable'),
        ),
      ],
    });

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    const alert = await within(policy).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the policy status');
    expect(alert).toHaveTextContent(
      'Request failed with 503 Service Unavailable: database unavailable',
    );
  });
});
