import type { Deprecation } from '../signals';
import type { DeprecationPhase } from '../vocabulary';

/**
 * Result of {@link deprecationState}.
 *
 * @public
 */
export interface DeprecationTimelineState {
  state: DeprecationPhase;
  /**
   * Whole days (rounded up) from `now` to the start (00:00 UTC) of the end of
   * life day. Set for `announced` and `deprecated` when `timelineTo` is valid;
   * always at least 1.
   */
  daysToEndOfLife?: number;
  /** `timelineTo` (`YYYY-MM-DD`) when it is a valid date. */
  endOfLife?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start of a `YYYY-MM-DD` day in UTC (ms), or `undefined` when malformed. */
function parseDay(value: string | undefined): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = DATE_RE.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  return ms;
}

/**
 * Computes the lifecycle state of a deprecation at `now`.
 *
 * - No deprecation block: `none`.
 * - Dates are `YYYY-MM-DD` days in UTC; malformed dates are treated as absent.
 * - On or after `timelineTo` (the whole `to` day counts as end of life):
 *   `end-of-life`. This wins over `timelineFrom` when the timeline is
 *   inconsistent.
 * - Before `timelineFrom`: `announced`.
 * - Otherwise (including a block without a timeline): `deprecated`.
 *
 * @throws TypeError when `now` is not a valid date.
 *
 * @public
 */
export function deprecationState(
  deprecation: Deprecation | undefined,
  now: Date,
): DeprecationTimelineState {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError('now must be a valid Date');
  }
  if (!deprecation) {
    return { state: 'none' };
  }
  const nowMs = now.getTime();
  const from = parseDay(deprecation.timelineFrom);
  const to = parseDay(deprecation.timelineTo);
  const result: DeprecationTimelineState = { state: 'deprecated' };
  if (to !== undefined) {
    result.endOfLife = deprecation.timelineTo!.trim();
    if (nowMs >= to) {
      result.state = 'end-of-life';
      return result;
    }
    result.daysToEndOfLife = Math.ceil((to - nowMs) / DAY_MS);
  }
  if (from !== undefined && nowMs < from) {
    result.state = 'announced';
  }
  return result;
}
