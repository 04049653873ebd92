import type { MaturityLevel } from './types';

const MATURITY_RANK: Record<string, number> = {
  deprecated: 0,
  alpha: 1,
  beta: 2,
  stable: 3,
};

/**
 * Orders maturities: `deprecated` (0) \< `alpha` (1) \< `beta` (2) \<
 * `stable` (3). Case and surrounding whitespace are ignored. Returns
 * `undefined` for an absent or unknown maturity.
 *
 * @public
 */
export function maturityRank(maturity: string | undefined): number | undefined {
  if (typeof maturity !== 'string') {
    return undefined;
  }
  const key = maturity.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(MATURITY_RANK, key)
    ? MATURITY_RANK[key]
    : undefined;
}

/**
 * Whether `maturity` is at least `min`. No minimum: always true. With a
 * minimum, an absent or unknown maturity does not meet it.
 *
 * @public
 */
export function meetsMinMaturity(
  maturity: string | undefined,
  min: MaturityLevel | undefined,
): boolean {
  return maturityProblem(maturity, min) === undefined;
}

/** Why `maturity` does not meet `min`, or `undefined` when it does. */
export function maturityProblem(
  maturity: string | undefined,
  min: MaturityLevel | undefined,
): string | undefined {
  if (min === undefined) {
    return undefined;
  }
  const required = maturityRank(min);
  if (required === undefined) {
    // Not a level the config schema allows; nothing sensible to compare with.
    return undefined;
  }
  if (typeof maturity !== 'string' || maturity.trim() === '') {
    return `maturity not declared; policy requires at least ${min}`;
  }
  const rank = maturityRank(maturity);
  if (rank === undefined) {
    return `maturity ${JSON.stringify(
      maturity,
    )} is not one of deprecated, alpha, beta, stable; policy requires at least ${min}`;
  }
  if (rank < required) {
    return `maturity ${maturity
      .trim()
      .toLowerCase()} is below the required minimum ${min}`;
  }
  return undefined;
}
