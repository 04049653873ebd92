import { homedir } from 'node:os';
import { RegistryCredential } from './credentials';
import {
  credentialFromAuthEntry,
  DockerConfigFile,
  dockerConfigPath,
  readDockerConfig,
} from './docker/configFile';
import {
  credentialFromHelperOutput,
  HelperRunOptions,
  runHelper,
} from './docker/credentialHelper';
import { CredentialHelperError, DockerConfigError } from './docker/errors';
import {
  lookupByHost,
  normalizeRegistryHost,
  serverAddressFor,
} from './docker/registryHost';

export type { RegistryCredential } from './credentials';
export { dockerConfigPath } from './docker/configFile';
export { CredentialHelperError, DockerConfigError } from './docker/errors';
export type { CredentialHelperFailure } from './docker/errors';
export { normalizeRegistryHost } from './docker/registryHost';

/**
 * Options for {@link DockerCredentialStore.load}.
 *
 * @public
 */
export interface DockerCredentialStoreOptions {
  /** Environment for `DOCKER_CONFIG` and for running helpers (its `PATH` finds them). Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Home directory for `~/.docker/config.json`. Defaults to `os.homedir()`. */
  homeDir?: string;
  /** How long a credential helper may run before it is killed. Defaults to 5 s. */
  helperTimeoutMs?: number;
  /** Cap on a helper's stdout plus stderr. Defaults to 64 KiB. */
  maxHelperOutputBytes?: number;
}

const DEFAULT_HELPER_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_HELPER_OUTPUT_BYTES = 64 * 1024;
const HELPER_NAME = /^[A-Za-z0-9._-]+$/;
const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';

/**
 * Reads registry credentials the way docker and oras-go `NewStoreFromDocker`
 * do: from `$DOCKER_CONFIG/config.json` (else `~/.docker/config.json`), using
 * the first configured source per registry: `credHelpers[host]`, then
 * `credsStore`, then `auths`. A missing config file means anonymous access.
 *
 * @public
 */
export class DockerCredentialStore {
  private constructor(
    /** The config file that was (or would have been) read. */
    readonly configPath: string,
    private readonly config: DockerConfigFile,
    private readonly helperOptions: HelperRunOptions,
  ) {}

  /**
   * Loads the docker config file.
   *
   * @throws DockerConfigError if the file exists but cannot be read or parsed
   */
  static async load(
    options: DockerCredentialStoreOptions = {},
  ): Promise<DockerCredentialStore> {
    const env = options.env ?? process.env;
    const path = dockerConfigPath(env, options.homeDir ?? homedir());
    const config = await readDockerConfig(path);
    return new DockerCredentialStore(path, config, {
      env,
      timeoutMs: options.helperTimeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS,
      maxOutputBytes:
        options.maxHelperOutputBytes ?? DEFAULT_MAX_HELPER_OUTPUT_BYTES,
    });
  }

  /**
   * Returns the credential for a registry (a host such as `ghcr.io` or
   * `localhost:5000`; `docker.io` and its aliases mean Docker Hub), or
   * undefined for anonymous access.
   *
   * @throws CredentialHelperError if a configured helper fails
   * @throws DockerConfigError if the matching `auths` entry is malformed
   */
  async get(registry: string): Promise<RegistryCredential | undefined> {
    const host = normalizeRegistryHost(registry);
    const helper =
      lookupByHost(this.config.credHelpers, host) || this.config.credsStore;
    if (helper) return this.getFromHelper(helper, host);
    const entry = lookupByHost(this.config.auths, host);
    return entry && credentialFromAuthEntry(entry, host, this.configPath);
  }

  private async getFromHelper(
    name: string,
    host: string,
  ): Promise<RegistryCredential | undefined> {
    if (!HELPER_NAME.test(name)) {
      throw new DockerConfigError(
        `Docker config file ${this.configPath} names an invalid credential helper for ${host}`,
        this.configPath,
      );
    }
    const program = `docker-credential-${name}`;
    const result = await runHelper(
      program,
      serverAddressFor(host),
      this.helperOptions,
    );
    if (result.exitCode === 0) {
      return credentialFromHelperOutput(result.stdout, program);
    }
    if (`${result.stdout}\n${result.stderr}`.includes(NOT_FOUND_MESSAGE)) {
      return undefined;
    }
    const status =
      result.exitCode === null
        ? `was terminated by ${result.signal}`
        : `exited with code ${result.exitCode}`;
    throw new CredentialHelperError(
      `Credential helper ${program} ${status} while getting credentials for ${host}`,
      program,
      'exit',
      result.exitCode,
    );
  }
}
