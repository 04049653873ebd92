import {
  formatGoDuration,
  formatGoDurationSeconds,
  formatRfc3339,
  goJsonStringify,
  sortedRecord,
} from './goEncoding';

describe('goJsonStringify', () => {
  it('is compact and escapes like encoding/json', () => {
    expect(goJsonStringify({ b: 'a<b>&c\u2028', a: 1 })).toBe(
      '{"b":"a\\u003cb\\u003e\\u0026c\\u2028","a":1}',
    );
  });
  it('sorts map keys by bytes', () => {
    expect(
      Object.keys(sortedRecord({ b: '', B: '', a: '', 'io.x': '' })),
    ).toEqual(['B', 'a', 'b', 'io.x']);
  });
});

describe('Go time and duration formats', () => {
  it.each([
    [0, '0s'],
    [0.4, '0s'],
    [1.5, '2ms'],
    [14, '14ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1200, '1.2s'],
    [48_000, '48s'],
    [90_500, '1m30.5s'],
    [60_000, '1m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_004, '1h2m3.004s'],
  ])('%s ms -> %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));

  it.each([
    [0, '0s'],
    [400, '0s'],
    [499.999, '0s'],
    [500, '1s'],
    [1_499, '1s'],
    [1_500, '2s'],
    [2_500, '3s'],
    [48_123, '48s'],
    [59_500, '1m0s'],
    [90_500, '1m31s'],
    [120_000, '2m0s'],
    [3_599_500, '1h0m0s'],
    [3_723_004, '1h2m3s'],
    [90_000_000, '25h0m0s'],
    [-5, '0s'],
  ])(
    'e2e: %s ms -> %s, like Duration.Round(time.Second).String()',
    (ms, text) => expect(formatGoDurationSeconds(ms)).toBe(text),
  );

  it('formats RFC 3339 like time.Format(time.RFC3339): the fraction cut off, not rounded', () => {
    expect(formatRfc3339(new Date('2026-06-14T10:00:00.789Z'))).toBe(
      '2026-06-14T10:00:00Z',
    );
    expect(formatRfc3339(new Date('2026-06-14T23:59:59.999Z'))).toBe(
      '2026-06-14T23:59:59Z',
    );
  });
});
