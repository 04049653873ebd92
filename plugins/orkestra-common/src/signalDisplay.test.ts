import { describeGate, formatAge } from './signalDisplay';

const now = new Date('2026-06-16T10:00:00Z');

describe('describeGate', () => {
  it('shows a passed gate as verified with assertions, duration, age and runner', () => {
    expect(
      describeGate(
        {
          state: 'passed',
          raw: 'passed',
          assertions: 5,
          duration: '48s',
          testedAt: '2026-06-14T10:00:00Z',
          runner: 'github-actions',
        },
        now,
      ),
    ).toEqual({
      status: 'verified',
      label: 'Verified',
      detail: '5 assertions · 48s · tested 2 days ago · github-actions',
    });
  });

  it('never shows a skipped or absent gate as verified', () => {
    expect(
      describeGate(
        {
          state: 'skipped',
          raw: 'skipped',
          assertions: 0,
          testedAt: '2026-06-16T09:00:00Z',
        },
        now,
      ),
    ).toEqual({
      status: 'skipped',
      label: 'Skipped',
      detail: 'tested 1 hour ago',
    });
    expect(describeGate({ state: 'absent', assertions: 0 }, now)).toEqual({
      status: 'not-verified',
      label: 'Not verified',
    });
  });

  it('shows no-assertion and unknown states honestly', () => {
    expect(
      describeGate(
        { state: 'no-assertion', raw: 'no-assertion', assertions: 0 },
        now,
      ),
    ).toEqual({
      status: 'no-assertions',
      label: 'No assertions',
    });
    expect(
      describeGate({ state: 'unknown', raw: 'PASSED!', assertions: 0 }, now),
    ).toEqual({
      status: 'unknown',
      label: 'Unknown',
      detail: 'recorded as "PASSED!"',
    });
  });
});

describe('formatAge', () => {
  it.each([
    ['2026-06-16T09:59:30Z', 'just now'],
    ['2026-06-16T09:59:00Z', '1 minute ago'],
    ['2026-06-16T07:00:00Z', '3 hours ago'],
    ['2026-05-01T10:00:00Z', '1 month ago'],
    ['2024-06-16T10:00:00Z', '2 years ago'],
    ['2026-06-19T10:00:00Z', 'in 3 days'],
  ])('%s -> %s', (time, text) => {
    expect(formatAge(time, now)).toBe(text);
  });

  it('returns undefined for a timestamp it cannot read', () => {
    expect(formatAge('yesterday', now)).toBeUndefined();
  });
});
