import { render, screen } from '@testing-library/react';
import { GateSignal } from '@orkspace/backstage-plugin-orkestra-common';
import { GateBadge } from './GateBadge';

const now = new Date('2026-03-10T12:00:00Z');
const twoDaysAgo = '2026-03-08T11:00:00Z';

function renderBadge(signal: GateSignal, gate = 'Simulate', compact = false) {
  render(<GateBadge gate={gate} signal={signal} now={now} compact={compact} />);
  return screen.getByRole('status');
}

describe('GateBadge', () => {
  it('shows a verified gate with assertions, duration and age', () => {
    const badge = renderBadge({
      state: 'passed',
      raw: 'passed',
      assertions: 5,
      duration: '48s',
      testedAt: twoDaysAgo,
    });
    expect(badge).toHaveAccessibleName(
      'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
    );
    expect(badge).toHaveTextContent(
      '✓Simulate: Verified5 assertions · 48s · tested 2 days ago',
    );
    expect(badge).toHaveAttribute('data-status', 'verified');
  });

  it('shows the e2e runner', () => {
    const badge = renderBadge(
      {
        state: 'passed',
        assertions: 1,
        duration: '2m3s',
        testedAt: twoDaysAgo,
        runner: 'github-actions',
      },
      'e2e',
    );
    expect(badge).toHaveAccessibleName(
      'e2e: Verified, 1 assertion, 2m3s, tested 2 days ago, github-actions',
    );
  });

  it('marks a gate that ran without assertions', () => {
    const badge = renderBadge({
      state: 'no-assertion',
      assertions: 0,
      testedAt: twoDaysAgo,
    });
    expect(badge).toHaveAccessibleName(
      'Simulate: No assertions, tested 2 days ago',
    );
    expect(badge).toHaveTextContent(
      '○Simulate: No assertionstested 2 days ago',
    );
    expect(badge).toHaveAttribute('data-status', 'no-assertions');
  });

  it('marks a skipped gate as a forced publish', () => {
    const badge = renderBadge({ state: 'skipped', assertions: 0 }, 'e2e');
    expect(badge).toHaveAccessibleName('e2e: Skipped (forced publish)');
    expect(badge).toHaveTextContent('⚠e2e: Skipped');
    expect(badge).toHaveAttribute('data-status', 'skipped');
  });

  it('shows a failed gate', () => {
    const badge = renderBadge({
      state: 'failed',
      assertions: 3,
      duration: '1s',
      testedAt: twoDaysAgo,
    });
    expect(badge).toHaveAccessibleName('Simulate: Failed, tested 2 days ago');
    expect(badge).toHaveTextContent('✗Simulate: Failedtested 2 days ago');
    expect(badge).toHaveAttribute('data-status', 'failed');
  });

  it('never shows an absent gate as passed', () => {
    const badge = renderBadge({ state: 'absent', assertions: 0 });
    expect(badge).toHaveAccessibleName('Simulate: Not verified');
    expect(badge).toHaveTextContent('–Simulate: Not verified');
    expect(badge).toHaveAttribute('data-status', 'not-verified');
  });

  it('keeps an unknown value verbatim', () => {
    const badge = renderBadge({
      state: 'unknown',
      raw: 'flaky',
      assertions: 0,
    });
    expect(badge).toHaveAccessibleName(
      'Simulate: Unknown, recorded as "flaky"',
    );
  });

  it('hides the detail when compact but still speaks it', () => {
    const badge = renderBadge(
      { state: 'passed', assertions: 5, duration: '48s', testedAt: twoDaysAgo },
      'Simulate',
      true,
    );
    expect(badge).toHaveTextContent(/^✓Simulate: Verified$/);
    expect(badge).toHaveAccessibleName(
      'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
    );
  });

  it('shows a gate that does not apply as not applicable, never as not verified', () => {
    render(
      <GateBadge
        gate="Simulate"
        signal={{ state: 'absent', assertions: 0 }}
        notApplicable
      />,
    );
    const badge = screen.getByRole('status');
    expect(badge).toHaveAccessibleName('Simulate: Not applicable');
    expect(badge).toHaveTextContent('–Simulate: Not applicable');
    expect(badge).toHaveAttribute('data-status', 'not-applicable');
    expect(badge).toHaveAttribute('data-tone', 'neutral');
  });

  it('still shows a recorded result of a gate that does not apply', () => {
    render(
      <GateBadge
        gate="Simulate"
        signal={{ state: 'failed', assertions: 0 }}
        notApplicable
      />,
    );
    expect(screen.getByRole('status')).toHaveAccessibleName('Simulate: Failed');
  });

  it('shows only the state under a header that names the gate, and still speaks the gate', () => {
    render(
      <GateBadge
        gate="e2e"
        signal={{ state: 'skipped', assertions: 0 }}
        compact
        hideGateName
      />,
    );
    const badge = screen.getByRole('status');
    expect(badge).toHaveTextContent(/^⚠Skipped$/);
    expect(badge).toHaveAccessibleName('e2e: Skipped (forced publish)');
    expect(badge).toHaveAttribute('data-tone', 'warning');
  });
});
