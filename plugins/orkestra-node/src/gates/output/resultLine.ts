/**
 * The prefix of the optional result line a gate command may print to stdout.
 *
 * @public
 */
export const GATE_RESULT_PREFIX = 'ORKESTRA_GATE_RESULT';

/** What a `ORKESTRA_GATE_RESULT {...}` line reports; each field is optional. */
export interface GateResultLine {
  assertions?: number;
  durationMs?: number;
}

/**
 * Parses `ORKESTRA_GATE_RESULT {"assertions":N,"durationMs":N}`. Returns
 * undefined for any other or malformed line; drops fields of the wrong type.
 */
export function parseResultLine(line: string): GateResultLine | undefined {
  if (!line.startsWith(`${GATE_RESULT_PREFIX} `)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(GATE_RESULT_PREFIX.length + 1));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const { assertions, durationMs } = value as Record<string, unknown>;
  const result: GateResultLine = {};
  if (
    typeof assertions === 'number' &&
    Number.isInteger(assertions) &&
    assertions >= 0
  ) {
    result.assertions = assertions;
  }
  if (
    typeof durationMs === 'number' &&
    Number.isFinite(durationMs) &&
    durationMs >= 0
  ) {
    result.durationMs = Math.round(durationMs);
  }
  return result;
}
