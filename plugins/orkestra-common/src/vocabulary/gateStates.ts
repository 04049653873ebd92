/**
 * States of one gate as recorded in the manifest. `absent` means the
 * annotation is not there at all: the gate never ran and was never skipped.
 * Any value `ork` does not write is kept verbatim as `unknown`. In the order
 * the portal offers them.
 *
 * @public
 */
export const GATE_STATES = [
  'passed',
  'no-assertion',
  'skipped',
  'failed',
  'absent',
  'unknown',
] as const;

/**
 * State of one gate as recorded in the manifest (see {@link GATE_STATES}).
 *
 * @public
 */
export type GateState = (typeof GATE_STATES)[number];

/**
 * The gate states `ork` writes into the status annotation; `absent` and
 * `unknown` are what the portal derives when it finds none of them.
 *
 * @public
 */
export const RECORDED_GATE_STATES = [
  'passed',
  'no-assertion',
  'skipped',
  'failed',
] as const satisfies readonly GateState[];

/**
 * The one word the portal shows for each gate state, as `ork inspect` says it.
 *
 * @public
 */
export const GATE_STATE_LABELS: Readonly<Record<GateState, string>> = {
  passed: 'Verified',
  'no-assertion': 'No assertions',
  skipped: 'Skipped',
  failed: 'Failed',
  absent: 'Not verified',
  unknown: 'Unknown',
};

/**
 * What a gate state means beyond its label, where the label alone hides it
 * (read out after the label, e.g. "Skipped (forced publish)").
 *
 * @public
 */
export const GATE_STATE_HINTS: Readonly<Partial<Record<GateState, string>>> = {
  skipped: 'forced publish',
};

/**
 * How a gate result is shown, following `ork inspect`: one display status per
 * gate state (see {@link GATE_DISPLAY_STATUS_OF}).
 *
 * @public
 */
export const GATE_DISPLAY_STATUSES = [
  'verified',
  'no-assertions',
  'skipped',
  'failed',
  'not-verified',
  'unknown',
] as const;

/**
 * How a gate result is shown (see {@link GATE_DISPLAY_STATUSES}).
 *
 * @public
 */
export type GateDisplayStatus = (typeof GATE_DISPLAY_STATUSES)[number];

/**
 * The display status of each gate state. An absent gate is `not-verified`:
 * never shown as passed.
 *
 * @public
 */
export const GATE_DISPLAY_STATUS_OF: Readonly<
  Record<GateState, GateDisplayStatus>
> = {
  passed: 'verified',
  'no-assertion': 'no-assertions',
  skipped: 'skipped',
  failed: 'failed',
  absent: 'not-verified',
  unknown: 'unknown',
};
