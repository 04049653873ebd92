import { GateSignal } from './signals';
import {
  GATE_DISPLAY_STATUS_OF,
  GATE_STATE_LABELS,
  GateDisplayStatus,
} from './vocabulary';

/**
 * How one gate is shown: a status, a short label and an optional detail line ({@link describeGate}).
 *
 * @public
 */
export interface GateDisplay {
  status: GateDisplayStatus;
  /** The gate state's one label ({@link GATE_STATE_LABELS}): `Verified`, `Skipped`, `Not verified`, ... */
  label: string;
  /** `2 assertions · 14ms · tested 2 days ago · github-actions`, when there is anything to say. */
  detail?: string;
}

/**
 * `just now`, `5 minutes ago`, `2 days ago`, `in 3 days` (for clocks that disagree).
 *
 * @public
 */
export function formatAge(
  isoTime: string,
  now: Date = new Date(),
): string | undefined {
  const time = Date.parse(isoTime);
  if (Number.isNaN(time)) return undefined;
  const seconds = Math.round((now.getTime() - time) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  const units: Array<[string, number]> = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return future ? `in ${text}` : `${text} ago`;
    }
  }
  return 'just now';
}

/**
 * Display of one gate. An absent gate is `not-verified`: never shown as
 * passed. `ork inspect` omits an absent simulate line; callers that mirror it
 * can check `signal.state === 'absent'` themselves.
 *
 * @public
 */
export function describeGate(
  signal: GateSignal,
  now: Date = new Date(),
): GateDisplay {
  const status = GATE_DISPLAY_STATUS_OF[signal.state];

  const parts: string[] = [];
  if (status === 'verified' && signal.assertions > 0) {
    parts.push(
      `${signal.assertions} assertion${signal.assertions === 1 ? '' : 's'}`,
    );
  }
  if (status === 'verified' && signal.duration) parts.push(signal.duration);
  if (signal.testedAt && status !== 'not-verified') {
    const age = formatAge(signal.testedAt, now);
    if (age) parts.push(`tested ${age}`);
  }
  if (signal.runner) parts.push(signal.runner);
  if (status === 'unknown' && signal.raw)
    parts.push(`recorded as "${signal.raw}"`);

  return {
    status,
    label: GATE_STATE_LABELS[signal.state],
    ...(parts.length ? { detail: parts.join(' · ') } : {}),
  };
}
