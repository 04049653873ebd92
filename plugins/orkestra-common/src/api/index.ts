export * from './types';
export * from './OrkestraClient';
export * from './patternCounts';
/**
 * The types generated from the backend's OpenAPI document: `paths`,
 * `operations` and `components` (its schemas, parameters and responses).
 */
export type * as OrkestraOpenApi from './generated/openapi';
export * from './responseErrors';
