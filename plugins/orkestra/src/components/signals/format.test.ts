import { formatDuration } from './format';

describe('formatDuration', () => {
  const start = '2026-03-10T12:00:00.000Z';
  it.each([
    ['2026-03-10T12:00:00.850Z', '850 ms'],
    ['2026-03-10T12:00:12.400Z', '12 s'],
    ['2026-03-10T12:03:05.000Z', '3 min 5 s'],
    ['2026-03-10T14:04:00.000Z', '2 h 4 min'],
  ])('until %s is %s', (end, text) => {
    expect(formatDuration(start, end)).toBe(text);
  });

  it('says nothing of an unfinished or unreadable run', () => {
    expect(formatDuration(start, undefined)).toBe('—');
    expect(formatDuration('soon', start)).toBe('—');
    expect(formatDuration(start, '2026-03-10T11:00:00Z')).toBe('—');
  });
});
