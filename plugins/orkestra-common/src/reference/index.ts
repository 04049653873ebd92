/**
 * OCI reference parsing and Orkestra (`ork`) reference resolution.
 *
 * Pure string logic, no I/O and no Node-only APIs: shared by the backend and
 * the browser bundle. Rules follow the OCI distribution spec (name and tag
 * grammar), Docker/oras normalisation for Docker Hub, and the `ork` CLI
 * (`pkg/registry/resolve.go`) for short names and the `oci://` prefix. See
 * `orkestra-registry.md` §2, §3.2, §3.3 and §10.
 */

export { DEFAULT_ORK_BASES } from './types';
export type { OrkBases, Reference } from './types';
export { InvalidReferenceError } from './errors';
export {
  formatReference,
  parseReference,
  referenceWithDefaultTag,
} from './parseReference';
export { resolveOrkReference } from './resolveOrkReference';
export type {
  ImportReference,
  ImportReferenceInput,
  ImportReferenceOptions,
} from './importTypes';
export { parseImportReference } from './parseImportReference';
export { registryMatchesPrefix } from './registryMatchesPrefix';
