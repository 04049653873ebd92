/**
 * The Orkestra frontend plugin: browse the configured pattern sources.
 *
 * @packageDocumentation
 */

export { orkestraPlugin as default } from './plugin';
export { orkestraApiRef } from './api';
export { OrkestraPage, SourcesTable } from './components/OrkestraPage';
export type { SourcesTableProps } from './components/OrkestraPage';
export { EntityOrkestraDeprecationBanner } from './components/EntityDeprecationBanner';
export type { EntityOrkestraDeprecationBannerProps } from './components/EntityDeprecationBanner';
