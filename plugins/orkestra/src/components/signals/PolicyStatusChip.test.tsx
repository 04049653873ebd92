import { render, screen } from '@testing-library/react';
import { PolicyDetails } from './PolicyDetails';
import { PolicyStatusChip } from './PolicyStatusChip';

describe('PolicyStatusChip', () => {
  it.each([
    ['pass', 'Policy: Pass', '✓Policy: Pass'],
    ['warn', 'Policy: Warn', '⚠Policy: Warn'],
    ['fail', 'Policy: Fail', '✗Policy: Fail'],
  ] as const)('shows %s', (status, name, text) => {
    render(<PolicyStatusChip status={status} />);
    const chip = screen.getByRole('status', { name });
    expect(chip).toHaveTextContent(text);
    expect(chip).toHaveAttribute('data-status', status);
  });

  it('shows only the status under a Policy header, in its tone', () => {
    render(<PolicyStatusChip status="fail" hideName />);
    const chip = screen.getByRole('status', { name: 'Policy: Fail' });
    expect(chip).toHaveTextContent(/^✗Fail$/);
    expect(chip).toHaveAttribute('data-tone', 'danger');
  });
});

describe('PolicyDetails', () => {
  it('lists the reasons with their rule', () => {
    render(
      <PolicyDetails
        policy={{
          status: 'fail',
          reasons: [
            {
              rule: 'required-gates',
              status: 'fail',
              message: 'Required gate e2e was skipped (forced publish)',
            },
            { rule: 'deprecation', status: 'warn', message: 'Deprecated.' },
          ],
        }}
      />,
    );
    expect(screen.getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Fail',
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      '✗Policy: Fail Required gates: Required gate e2e was skipped (forced publish)',
      '⚠Policy: Warn Deprecation: Deprecated.',
    ]);
  });

  it('says when every rule passes', () => {
    render(<PolicyDetails policy={{ status: 'pass', reasons: [] }} />);
    expect(screen.getByText('Every policy rule passes.')).toBeInTheDocument();
  });
});
