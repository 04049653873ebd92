/**
 * The pattern kinds `ork push` accepts; each is shown as its own name.
 *
 * @public
 */
export const PATTERN_KINDS = ['Katalog', 'Motif'] as const;

/**
 * The pattern kinds `ork push` accepts (see {@link PATTERN_KINDS}).
 *
 * @public
 */
export type PatternKind = (typeof PATTERN_KINDS)[number];
