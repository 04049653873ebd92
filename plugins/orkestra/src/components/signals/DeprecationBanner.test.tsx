import { render, screen } from '@testing-library/react';
import { Deprecation } from '@orkspace/backstage-plugin-orkestra-common';
import { DeprecationBanner } from './DeprecationBanner';

const deprecation: Deprecation = {
  migratedTo: 'ghcr.io/acme/katalogs/postgres-v2',
  message: 'Use the v2 operator-based Katalog.',
  timelineFrom: '2026-03-01',
  timelineTo: '2026-06-30',
};

describe('DeprecationBanner', () => {
  it('announces a coming deprecation with its timeline', () => {
    render(
      <DeprecationBanner
        deprecation={deprecation}
        version="v1.2.0"
        now={new Date('2026-02-10T00:00:00Z')}
      />,
    );
    const banner = screen.getByRole('note', { name: 'Deprecation announced' });
    expect(banner).toHaveTextContent('Deprecation announced: v1.2.0');
    expect(screen.getByText('Deprecated from 2026-03-01')).toBeInTheDocument();
    expect(
      screen.getByText('End of life on 2026-06-30 (in 140 days)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Use the v2 operator-based Katalog.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('ghcr.io/acme/katalogs/postgres-v2'),
    ).toBeInTheDocument();
  });

  it('shows a deprecated version with the days left', () => {
    render(
      <DeprecationBanner
        deprecation={deprecation}
        now={new Date('2026-06-29T00:00:00Z')}
      />,
    );
    const banner = screen.getByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent(/^Deprecated/);
    expect(screen.getByText('Deprecated since 2026-03-01')).toBeInTheDocument();
    expect(
      screen.getByText('End of life on 2026-06-30 (in 1 day)'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
  });

  it('shows a version past its end of life', () => {
    render(
      <DeprecationBanner
        deprecation={deprecation}
        version="v1.2.0"
        now={new Date('2026-07-01T00:00:00Z')}
      />,
    );
    const banner = screen.getByRole('note', { name: 'End of life' });
    expect(banner).toHaveTextContent('End of life: v1.2.0');
    expect(
      screen.getByText('End of life since 2026-06-30'),
    ).toBeInTheDocument();
  });

  it('follows the phase the backend computed', () => {
    render(
      <DeprecationBanner
        deprecation={{ message: 'Superseded.' }}
        phase="end-of-life"
        now={new Date('2026-01-01T00:00:00Z')}
      />,
    );
    expect(screen.getByRole('note', { name: 'End of life' })).toHaveTextContent(
      'End of lifeSuperseded.',
    );
  });

  it('renders nothing for a version that is not deprecated', () => {
    const { container } = render(
      <DeprecationBanner now={new Date('2026-01-01T00:00:00Z')} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
