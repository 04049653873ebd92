import { resolve } from 'node:path';
import { credentialSourceFor } from '../oci/auth/credentialSource';
import {
  DockerCredentialStore,
  RegistryCredential,
} from '../oci/auth/dockerConfig';
import { OciLayoutStore } from '../oci/layout/OciLayoutStore';
import { RegistryClient } from '../oci/remote/RegistryClient';
import { OciStore } from '../oci/types';
import { SourceConfig, SourceCredentials } from './sourceConfig';

function toRegistryCredential(
  credentials: SourceCredentials | undefined,
): RegistryCredential | undefined {
  if (!credentials) return undefined;
  if (credentials.type === 'basic') {
    return { username: credentials.username, password: credentials.password };
  }
  // A token from app-config is used as a ready Bearer token.
  return { registryToken: credentials.token };
}

/**
 * Opens the store of a configured source: an OciLayoutStore on its folder,
 * or a RegistryClient whose credentials come from app-config first, then the
 * docker config. Credentials never come from anywhere else, and go only to
 * the registry's origin and to a token realm on its host or `tokenRealms`.
 *
 * @public
 */
export async function openSourceStore(
  source: SourceConfig,
  options: { createLayout?: boolean } = {},
): Promise<OciStore> {
  if (source.type === 'layout') {
    return OciLayoutStore.open(resolve(source.target), {
      create: options.createLayout,
    });
  }
  const docker = await DockerCredentialStore.load().catch(() => undefined);
  return new RegistryClient({
    registry: source.registry,
    plainHttp: source.insecure,
    tokenRealms: source.tokenRealms,
    credentials: credentialSourceFor({
      configured: toRegistryCredential(source.credentials),
      docker,
    }),
  });
}

/**
 * The configured source whose registry and prefix cover `registry/repository`, if any.
 *
 * @public
 */
export function sourceForRepository(
  sources: SourceConfig[],
  registry: string,
  repository: string,
): SourceConfig | undefined {
  return sources.find(
    s =>
      s.registry === registry.toLowerCase() &&
      (s.prefix === '' ||
        repository === s.prefix ||
        repository.startsWith(`${s.prefix}/`)),
  );
}
