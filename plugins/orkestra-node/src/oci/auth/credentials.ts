/**
 * Credentials for one registry, as found in docker `config.json` or returned
 * by a credential helper. All fields are optional; which ones are set decides
 * the auth flow.
 *
 * @public
 */
export interface RegistryCredential {
  username?: string;
  password?: string;
  /** A refresh token for the OAuth2 `refresh_token` grant (`identitytoken`). */
  identityToken?: string;
  /** A ready bearer access token, sent as is (`registrytoken`). */
  registryToken?: string;
}

/**
 * Where credentials for a registry come from (app-config first, then docker config, ...).
 *
 * @public
 */
export type CredentialSource = (
  registry: string,
) => Promise<RegistryCredential | undefined>;

/** The `Authorization` value of HTTP Basic auth. */
export function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString(
    'base64',
  )}`;
}
