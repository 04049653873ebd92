/**
 * Byte-exact encodings of what Go's standard library writes, so that what we
 * push is what `ork push` (Go, oras-go) pushes.
 */

/**
 * `encoding/json.Marshal`: compact, with `<`, `>`, `&`, U+2028 and U+2029
 * escaped (Go's HTML-safe default). Object keys keep insertion order, so build
 * structs in Go field order and maps with `sortedRecord`.
 *
 * @public
 */
export function goJsonStringify(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A copy with keys in byte order, as Go marshals a `map[string]string`.
 *
 * @public
 */
export function sortedRecord(
  record: Record<string, string>,
): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(record).sort((a, b) =>
    a < b ? -1 : Number(a > b),
  )) {
    sorted[key] = record[key];
  }
  return sorted;
}

/**
 * `time.Now().UTC().Format(time.RFC3339)`: whole seconds, the fraction cut
 * off (not rounded), e.g. `2026-06-14T10:00:00Z`. Every time `ork push`
 * writes has this form: `org.opencontainers.image.created` (also oras-go's
 * default for the index manifest), the gates' `tested_at` and the index's
 * `updatedAt`. Nothing `ork` writes uses `time.Time.MarshalJSON`'s fractions.
 *
 * @public
 */
export function formatRfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * `time.Duration.Round(time.Millisecond).String()`: `0s`, `14ms`, `1.2s`,
 * `48s`, `1m30.5s`, `1h0m0s`. What push.go writes for the simulate gate
 * (`time.Since(start).Round(time.Millisecond).String()`).
 *
 * @public
 */
export function formatGoDuration(milliseconds: number): string {
  const ms = Math.round(Math.max(0, milliseconds));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const secondsMs = ms % 60_000;
  const whole = Math.floor(secondsMs / 1000);
  const fraction = String(secondsMs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const seconds = `${whole}${fraction ? `.${fraction}` : ''}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

/**
 * `time.Duration.Round(time.Second).String()`: `0s`, `48s`, `1m31s`, `2m0s`,
 * `1h2m3s`, `25h0m0s`. What push.go writes for the e2e gate
 * (`result.Duration()`, e2e result.go: `r.Elapsed.Round(time.Second).String()`).
 * Go's `Round` keeps `d - r` when `r+r < m` and goes up otherwise, so halves
 * round away from zero: 500 ms is `1s`, 2,500 ms is `3s` (not to even).
 *
 * @public
 */
export function formatGoDurationSeconds(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  const whole = Math.floor(ms / 1000);
  const remainder = ms - whole * 1000;
  const seconds = remainder + remainder < 1000 ? whole : whole + 1;
  return formatGoDuration(seconds * 1000);
}
