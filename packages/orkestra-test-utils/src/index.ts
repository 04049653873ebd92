/**
 * Helpers for tests that need real services: an OCI registry and PostgreSQL.
 *
 * @packageDocumentation
 */
export { startTestRegistry } from './startTestRegistry';
export type { TestRegistry, TestRegistryOptions } from './startTestRegistry';
export { startTestTokenIssuer } from './startTestTokenIssuer';
export type {
  TestRegistryTokenAuth,
  TestTokenAccess,
  TestTokenClaims,
  TestTokenGrant,
  TestTokenIssuer,
  TestTokenIssuerOptions,
  TestTokenRequest,
} from './startTestTokenIssuer';
export { startFaultProxy } from './startFaultProxy';
export type {
  FakeBearerOptions,
  Fault,
  FaultProxy,
  FaultRule,
  ProxiedRequest,
} from './startFaultProxy';
export { startTestPostgres } from './startTestPostgres';
export type { TestPostgres } from './startTestPostgres';
export {
  EXAMPLE_PATTERNS_DIR,
  EXAMPLE_REGISTRY_DIR,
  EXAMPLE_TEMPLATES_DIR,
  publishExamplePatterns,
  readPublishPlan,
} from './examplePatterns';
export type {
  PlannedPush,
  PublishPlan,
  PublishedExample,
} from './examplePatterns';
export { TEST_TODAY, testClockServiceFactory } from './testClock';
