export { GateBadge, gateFromState } from './GateBadge';
export type { GateBadgeProps } from './GateBadge';
export { DeprecationBanner } from './DeprecationBanner';
export type { DeprecationBannerProps } from './DeprecationBanner';
export { PolicyStatusChip } from './PolicyStatusChip';
export { PolicyDetails } from './PolicyDetails';
export { usePatternId } from './usePatternId';
export { MissingPatternId } from './MissingPatternId';
export { LoadError } from './LoadError';
export {
  DEPRECATION_LABELS,
  formatDay,
  formatSize,
  shortDigest,
} from './format';
