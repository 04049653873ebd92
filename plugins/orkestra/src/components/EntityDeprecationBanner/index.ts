export { EntityOrkestraDeprecationBanner } from './EntityDeprecationBanner';
export type { EntityOrkestraDeprecationBannerProps } from './EntityDeprecationBanner';
