export * from './digest';
export * from './errors';
export * from './mediaTypes';
export * from './types';
export { RegistryClient, parseManifest } from './remote/RegistryClient';
export type { RegistryClientOptions } from './remote/RegistryClient';
export { OciLayoutStore } from './layout/OciLayoutStore';
export type { OciLayoutStoreOptions } from './layout/OciLayoutStore';
export type { CredentialSource } from './auth/AuthClient';
export { credentialSourceFor } from './auth/credentialSource';
export {
  DockerCredentialStore,
  DockerConfigError,
  CredentialHelperError,
} from './auth/dockerConfig';
export type {
  CredentialHelperFailure,
  RegistryCredential,
  DockerCredentialStoreOptions,
} from './auth/dockerConfig';
export { parseChallenges } from './auth/challenge';
export type { Challenge } from './auth/challenge';
