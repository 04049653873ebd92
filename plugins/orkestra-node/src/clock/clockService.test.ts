import { clockStartingAt, systemClock } from './clockService';

describe('clockStartingAt', () => {
  it('starts at the given date and runs at the system pace', async () => {
    const clock = clockStartingAt('2029-11-30T08:00:00Z');
    const first = clock.now().getTime();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2029-11-30T08:00:00Z'));
    expect(first).toBeLessThan(Date.parse('2029-11-30T08:01:00Z'));
    const before = systemClock.now().getTime();
    while (systemClock.now().getTime() === before) {
      await new Promise(resolve => setImmediate(resolve));
    }
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it('refuses what is not a date', () => {
    expect(() => clockStartingAt('next tuesday')).toThrow(
      'not a date: next tuesday',
    );
  });
});
