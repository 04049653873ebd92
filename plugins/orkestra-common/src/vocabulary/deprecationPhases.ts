/**
 * Where a pattern is in its deprecation lifecycle, in lifecycle order:
 * `none` (not deprecated), `announced` (before `timeline.from`),
 * `deprecated` (from `timeline.from` until the day before `timeline.to`, or no
 * timeline), `end-of-life` (on or after `timeline.to`).
 *
 * @public
 */
export const DEPRECATION_PHASES = [
  'none',
  'announced',
  'deprecated',
  'end-of-life',
] as const;

/**
 * Where a deprecated pattern is in its lifecycle (see {@link DEPRECATION_PHASES}).
 *
 * @public
 */
export type DeprecationPhase = (typeof DEPRECATION_PHASES)[number];

/**
 * The one phrase the portal shows for each deprecation phase.
 *
 * @public
 */
export const DEPRECATION_PHASE_LABELS: Readonly<
  Record<DeprecationPhase, string>
> = {
  none: 'Not deprecated',
  announced: 'Deprecation announced',
  deprecated: 'Deprecated',
  'end-of-life': 'End of life',
};
