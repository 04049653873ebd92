/**
 * The wait a `Retry-After` header asks for (RFC 9110 §10.2.3), in ms: either
 * delta-seconds (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`),
 * a date in the past meaning 0. Undefined when absent or unreadable.
 */
export function retryAfterMs(
  header: string | null | undefined,
  nowMs: number,
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form starts with the day's name; this keeps Date.parse
  // from reading a number such as `-5` as a year.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
