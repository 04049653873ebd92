/**
 * Portal-level policy evaluation for pattern versions.
 *
 * Pure functions, no I/O and no Node-only APIs: shared by the backend (which
 * serves the policy status and enforces it when publishing) and the browser
 * bundle (which shows it). See `architecture.md` "Policy" and
 * `orkestra-registry.md` §8 and §9.
 */

export type {
  DeprecationHandling,
  ImportedDeprecation,
  MaturityLevel,
  PolicyConfig,
  PolicyGate,
  PolicyInput,
  PolicyReason,
  PolicyResult,
} from './types';
export type { DeprecationPhase, PolicyRule, PolicyStatus } from '../vocabulary';
export { worstPolicyStatus } from './worstPolicyStatus';
export { isAllowedReference } from './allowedRegistries';
export { deprecationState } from './deprecationState';
export type { DeprecationTimelineState } from './deprecationState';
export { maturityRank, meetsMinMaturity } from './maturity';
export { evaluatePolicy } from './evaluatePolicy';
