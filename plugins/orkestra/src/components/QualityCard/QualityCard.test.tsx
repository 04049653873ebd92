import { screen, within } from '@testing-library/react';
import { GateSignal } from '@orkspace/backstage-plugin-orkestra-common';
import { http } from 'msw';
import {
  announcedLatest,
  endOfLifeLatest,
  katalogEntity,
  pattern,
  postgres,
  versions,
  withLatest,
} from '../../__testUtils__/testData';
import {
  errorResponse,
  get,
  latch,
  orkestraUrl,
  PatternFixture,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import {
  POSTGRES_PATH,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { DeprecationShownAbove } from '../signals/DeprecationBanner';
import { QualityCard } from './QualityCard';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

function renderCard(options: Parameters<typeof renderForEntity>[2] = {}) {
  return renderForEntity(server, <QualityCard />, options);
}

/** The latest version (v1.2.0) with another simulate signal. */
function simulating(simulate: GateSignal): PatternFixture {
  const latest = versions.find(v => v.version === 'v1.2.0')!;
  return withLatest({ signals: { ...latest.signals, simulate } });
}

describe('QualityCard', () => {
  it('shows the latest version, both gates and the deprecation', async () => {
    await renderCard();

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
    ).toHaveTextContent('⚠e2e: Skipped');
    const banner = screen.getByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent('Deprecated: v1.2.0');
    expect(
      within(banner).getByText('Deprecated since 2026-01-15'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
  });

  it.each([
    [
      'verified',
      { state: 'passed', assertions: 3, duration: '20ms' },
      'Simulate: Verified, 3 assertions, 20ms',
      '✓Simulate: Verified',
    ],
    [
      'no assertions',
      { state: 'no-assertion', assertions: 0 },
      'Simulate: No assertions',
      '○Simulate: No assertions',
    ],
    [
      'skipped (forced)',
      { state: 'skipped', assertions: 0 },
      'Simulate: Skipped (forced publish)',
      '⚠Simulate: Skipped',
    ],
    [
      'failed',
      { state: 'failed', assertions: 2 },
      'Simulate: Failed',
      '✗Simulate: Failed',
    ],
    [
      'not verified',
      { state: 'absent', assertions: 0 },
      'Simulate: Not verified',
      '–Simulate: Not verified',
    ],
  ] as const)(
    'shows a %s simulate gate',
    async (_name, signal, spoken, shown) => {
      await renderCard({ fixture: simulating(signal) });

      expect(
        await screen.findByRole('status', { name: spoken }),
      ).toHaveTextContent(shown);
      expect(screen.getAllByRole('status')).toHaveLength(2);
    },
  );

  it('shows the detail of a gate beside its chip, where it can wrap', async () => {
    await renderCard({
      fixture: simulating({ state: 'passed', assertions: 3, duration: '20ms' }),
    });

    const chip = await screen.findByRole('status', {
      name: 'Simulate: Verified, 3 assertions, 20ms',
    });
    expect(chip).toHaveTextContent(/^✓Simulate: Verified$/);
    expect(chip.nextSibling).toHaveTextContent('3 assertions · 20ms');
  });

  it('names only the phase below a page-wide deprecation banner', async () => {
    await renderForEntity(
      server,
      <DeprecationShownAbove>
        <QualityCard />
      </DeprecationShownAbove>,
    );

    expect(await screen.findByText('Deprecated')).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByText(/Migrate to/)).toBeNull();
  });

  it('says when the latest version is not deprecated', async () => {
    const current = versions.find(v => v.version === 'v1.1.0')!;
    await renderCard({
      fixture: {
        ...postgres,
        pattern: {
          ...pattern,
          latest: {
            ...pattern.latest!,
            version: 'v1.1.0',
            digest: current.digest,
            deprecated: false,
            deprecationState: 'none',
          },
        },
      },
    });

    expect(await screen.findByText('Not deprecated')).toBeInTheDocument();
    expect(requests()).toContainEqual(get(`${PATTERN_PATH}/versions/v1.1.0`));
    expect(
      screen.getByRole('status', { name: 'Simulate: No assertions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'e2e: Verified, 2 assertions, 41s' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows a Motif’s gates as not applicable, not as never run', async () => {
    const absent: GateSignal = { state: 'absent', assertions: 0 };
    const latest = versions.find(v => v.version === 'v1.2.0')!;
    const motif = withLatest({
      signals: { ...latest.signals, simulate: absent, e2e: absent },
    });
    await renderCard({
      fixture: { ...motif, pattern: { ...motif.pattern, kind: 'Motif' } },
    });

    expect(
      await screen.findByRole('status', { name: 'Simulate: Not applicable' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('status', { name: 'e2e: Not applicable' }),
    ).toBeInTheDocument();
  });

  it('announces a coming deprecation', async () => {
    await renderCard({ fixture: withLatest(announcedLatest) });

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
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
  });

  it('shows a version past its end of life', async () => {
    await renderCard({ fixture: withLatest(endOfLifeLatest) });

    const banner = await screen.findByRole('note', { name: 'End of life' });
    expect(banner).toHaveTextContent('End of life: v1.2.0');
    expect(
      within(banner).getByText('End of life since 2025-06-30'),
    ).toBeInTheDocument();
    expect(within(banner).getByText('No longer supported.')).toBeVisible();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v3',
    );
  });

  it('shows the error message', async () => {
    await renderCard({
      handlers: [
        http.get(orkestraUrl('/patterns/:id'), () =>
          errorResponse(500, 'backend down'),
        ),
      ],
    });

    expect(
      await screen.findByText(
        'Request failed with 500 Internal Server Error: backend down',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the quality signals',
    );
  });

  it('shows the error when the latest version cannot be loaded', async () => {
    await renderCard({
      handlers: [
        http.get(orkestraUrl('/patterns/:id/versions/:version'), () =>
          errorResponse(404, 'Version v1.2.0 not found', 'NotFoundError'),
        ),
      ],
    });

    expect(
      await screen.findByText(
        'Request failed with 404 Not Found: Version v1.2.0 not found',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows progress while loading', async () => {
    const answer = latch();
    await renderCard({
      handlers: [
        http.get(orkestraUrl('/patterns/:id/versions/:version'), async () => {
          await answer.wait;
          return undefined; // on to the fixture's answer
        }),
      ],
    });

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('v1.2.0')).toBeNull();

    answer.release();
    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
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

  it('explains a missing pattern id annotation', async () => {
    await renderCard({
      entity: { ...katalogEntity, metadata: { name: 'katalog-postgres' } },
    });

    expect(
      await screen.findByText('No Orkestra pattern id'),
    ).toBeInTheDocument();
    expect(requests()).toEqual([]);
  });
});
