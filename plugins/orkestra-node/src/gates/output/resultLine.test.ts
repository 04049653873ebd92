import { parseResultLine } from './resultLine';

describe('parseResultLine', () => {
  it('reads either field, rounds the duration, and ignores malformed lines', () => {
    expect(
      parseResultLine('ORKESTRA_GATE_RESULT {"assertions":3,"durationMs":4.6}'),
    ).toEqual({ assertions: 3, durationMs: 5 });
    expect(parseResultLine('ORKESTRA_GATE_RESULT {"assertions":-1}')).toEqual(
      {},
    );
    expect(parseResultLine('ORKESTRA_GATE_RESULT [1]')).toBeUndefined();
    expect(parseResultLine('ORKESTRA_GATE_RESULT {')).toBeUndefined();
    expect(parseResultLine('ORKESTRA_GATE_RESULTX {}')).toBeUndefined();
  });
});
