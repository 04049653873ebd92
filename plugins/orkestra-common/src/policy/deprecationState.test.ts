import { deprecationState } from '.';
import { Deprecation } from '../signals';

describe('deprecationState', () => {
  const timeline: Deprecation = {
    migratedTo: 'ghcr.io/acme/katalogs/postgres:v2.0.0',
    timelineFrom: '2026-01-01',
    timelineTo: '2026-06-01',
  };

  it.each<[string, Deprecation | undefined, string, object]>([
    ['no deprecation', undefined, '2026-03-01T00:00:00Z', { state: 'none' }],
    [
      'deprecated without timeline',
      { migratedTo: 'x' },
      '2026-03-01T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'one ms before from',
      timeline,
      '2025-12-31T23:59:59.999Z',
      { state: 'announced', daysToEndOfLife: 152, endOfLife: '2026-06-01' },
    ],
    [
      'exactly on from',
      timeline,
      '2026-01-01T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 151, endOfLife: '2026-06-01' },
    ],
    [
      'exactly two days before to',
      timeline,
      '2026-05-30T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 2, endOfLife: '2026-06-01' },
    ],
    [
      'just after two days before to (ceil)',
      timeline,
      '2026-05-30T00:00:00.001Z',
      { state: 'deprecated', daysToEndOfLife: 2, endOfLife: '2026-06-01' },
    ],
    [
      'day before to, morning',
      timeline,
      '2026-05-31T08:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 1, endOfLife: '2026-06-01' },
    ],
    [
      'one ms before to',
      timeline,
      '2026-05-31T23:59:59.999Z',
      { state: 'deprecated', daysToEndOfLife: 1, endOfLife: '2026-06-01' },
    ],
    [
      'exactly on to',
      timeline,
      '2026-06-01T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-06-01' },
    ],
    [
      'late on the to day',
      timeline,
      '2026-06-01T23:59:59Z',
      { state: 'end-of-life', endOfLife: '2026-06-01' },
    ],
    [
      'long after to',
      timeline,
      '2027-01-01T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-06-01' },
    ],
    [
      'only from, before',
      { timelineFrom: '2026-01-01' },
      '2025-12-31T00:00:00Z',
      { state: 'announced' },
    ],
    [
      'only from, after',
      { timelineFrom: '2026-01-01' },
      '2026-01-02T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'only to, before',
      { timelineTo: '2026-01-11' },
      '2026-01-01T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 10, endOfLife: '2026-01-11' },
    ],
    [
      'only to, on',
      { timelineTo: '2026-01-11' },
      '2026-01-11T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-01-11' },
    ],
    [
      'malformed from is ignored',
      { timelineFrom: '01/01/2027', timelineTo: '2027-06-01' },
      '2026-05-31T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 366, endOfLife: '2027-06-01' },
    ],
    [
      'impossible calendar date to is ignored',
      { timelineFrom: '2026-01-01', timelineTo: '2026-02-30' },
      '2026-12-01T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'timestamp instead of date is malformed',
      { timelineTo: '2026-01-01T00:00:00Z' },
      '2027-01-01T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'end of life wins over an inconsistent from',
      { timelineFrom: '2027-01-01', timelineTo: '2026-01-01' },
      '2026-06-01T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-01-01' },
    ],
  ])('%s', (_name, deprecation, now, expected) => {
    expect(deprecationState(deprecation, new Date(now))).toEqual(expected);
  });

  it('rejects an invalid now', () => {
    expect(() => deprecationState(undefined, new Date('nope'))).toThrow(
      'now must be a valid Date',
    );
  });
});
