import { CredentialSource, RegistryCredential } from './credentials';
import { DockerCredentialStore } from './dockerConfig';

/**
 * Credentials for a registry: the ones configured in app-config win; then
 * the docker config (`DOCKER_CONFIG`, credHelpers, credsStore, auths);
 * anonymous when neither has any.
 *
 * @public
 */
export function credentialSourceFor(options: {
  configured?: RegistryCredential;
  docker?: DockerCredentialStore;
}): CredentialSource {
  return async registry => {
    if (options.configured) return options.configured;
    return options.docker?.get(registry);
  };
}
