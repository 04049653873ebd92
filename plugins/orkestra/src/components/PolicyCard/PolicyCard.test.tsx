import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import {
  failingPolicy,
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
import { PolicyCard } from './PolicyCard';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

function renderCard(options: Parameters<typeof renderForEntity>[2] = {}) {
  return renderForEntity(server, <PolicyCard />, options);
}

describe('PolicyCard', () => {
  it('shows the policy status of the latest version with its reasons', async () => {
    await renderCard();

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
      '⚠Policy: Warn Deprecation: Deprecated: end of life on 2099-06-30. Migrate to ghcr.io/acme/katalogs/postgres-v2.',
    );
  });

  it('shows a failing policy with every reason', async () => {
    await renderCard({ fixture: withLatest({ policy: failingPolicy }) });

    const reasons = await screen.findByRole('list', {
      name: 'Policy reasons',
    });
    expect(screen.getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Fail',
    );
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('✗Policy: Fail');
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '✗Policy: Fail Required gates: Required gate e2e was skipped (forced publish)',
      '✗Policy: Fail Minimum maturity: Maturity alpha is below the minimum beta',
    ]);
  });

  it('shows a passing policy', async () => {
    await renderCard({
      fixture: withLatest({ policy: { status: 'pass', reasons: [] } }),
    });

    expect(
      await screen.findByText('Every policy rule passes.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'Policy: Pass' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('shows the error message', async () => {
    await renderCard({
      handlers: [
        http.get(orkestraUrl('/patterns/:id/versions/:version/policy'), () =>
          errorResponse(403, 'forbidden', 'NotAllowedError'),
        ),
      ],
    });

    expect(
      await screen.findByText('Request failed with 403 Forbidden: forbidden'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the policy status',
    );
  });

  it('shows progress while loading', async () => {
    const answer = latch();
    await renderCard({
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

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();

    answer.release();
    expect(
      await screen.findAllByRole('status', { name: 'Policy: Warn' }),
    ).toHaveLength(2);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says when no version is published', async () => {
    await renderCard({
      fixture: { ...postgres, pattern: { ...pattern, latest: undefined } },
    });

    expect(
      await screen.findByText('No version published yet.'),
    ).toBeInTheDocument();
    expect(requests()).toEqual([get(PATTERN_PATH)]);
  });
});
