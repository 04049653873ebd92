/**
 * Thrown when the docker config file cannot be read or has an invalid format.
 *
 * @public
 */
export class DockerConfigError extends Error {
  readonly name = 'DockerConfigError';

  /**
   * @param path - the config file; the message names it but never quotes its content
   */
  constructor(message: string, readonly path: string) {
    super(message);
  }
}

/**
 * Why a credential helper call failed.
 *
 * @public
 */
export type CredentialHelperFailure =
  | 'spawn'
  | 'exit'
  | 'timeout'
  | 'output-too-large'
  | 'invalid-response';

/**
 * Thrown when a docker credential helper fails. The message carries the helper
 * program and exit code, never the helper's output (it may hold secrets).
 *
 * @public
 */
export class CredentialHelperError extends Error {
  readonly name = 'CredentialHelperError';

  constructor(
    message: string,
    readonly helper: string,
    readonly reason: CredentialHelperFailure,
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}
