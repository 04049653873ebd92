import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

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
const DOCKER_HUB_HOST = 'docker.io';
const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
]);
const HELPER_NAME = /^[A-Za-z0-9._-]+$/;
const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';
// Helpers reply with this user name when the secret is an identity token.
const TOKEN_USERNAME = '<token>';

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

interface DockerConfigFile {
  auths: Record<string, AuthEntry>;
  credHelpers: Record<string, string>;
  credsStore?: string;
}

/**
 * Normalises a registry name or a legacy `config.json` key to a host
 * (`https://host/v1/` → `host`, lower-cased). All Docker Hub aliases become
 * `docker.io`.
 */
export function normalizeRegistryHost(registry: string): string {
  const host = registry
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split('/')[0]
    .toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB_HOST : host;
}

/** The address docker passes to helpers: the legacy index URL for Docker Hub, else the host. */
function serverAddressFor(host: string): string {
  return host === DOCKER_HUB_HOST ? DOCKER_HUB_SERVER_ADDRESS : host;
}

/** Resolves `$DOCKER_CONFIG/config.json`, else `<home>/.docker/config.json`. */
export function dockerConfigPath(
  env: NodeJS.ProcessEnv = process.env,
  homeDir: string = homedir(),
): string {
  const dir = env.DOCKER_CONFIG;
  return dir
    ? join(dir, 'config.json')
    : join(homeDir, '.docker', 'config.json');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readStringRecord(
  value: unknown,
  field: string,
  path: string,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (
    !isRecord(value) ||
    Object.values(value).some(v => typeof v !== 'string')
  ) {
    throw new DockerConfigError(
      `Docker config file ${path} has an invalid "${field}" field: expected an object of strings`,
      path,
    );
  }
  return value as Record<string, string>;
}

function readAuthEntries(
  value: unknown,
  path: string,
): Record<string, AuthEntry> {
  if (value === undefined || value === null) return {};
  const invalid = new DockerConfigError(
    `Docker config file ${path} has an invalid "auths" field: expected an object of objects with string fields`,
    path,
  );
  if (!isRecord(value)) throw invalid;
  for (const entry of Object.values(value)) {
    if (!isRecord(entry)) throw invalid;
    for (const key of [
      'auth',
      'username',
      'password',
      'identitytoken',
      'registrytoken',
    ]) {
      if (entry[key] !== undefined && typeof entry[key] !== 'string') {
        throw invalid;
      }
    }
  }
  return value as Record<string, AuthEntry>;
}

/** Validates the parts of config.json this module uses. */
function parseDockerConfig(text: string, path: string): DockerConfigFile {
  if (text.trim() === '') return { auths: {}, credHelpers: {} };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The SyntaxError message quotes the file content, so it is not passed on.
    throw new DockerConfigError(
      `Docker config file ${path} is not valid JSON`,
      path,
    );
  }
  if (!isRecord(json)) {
    throw new DockerConfigError(
      `Docker config file ${path} must contain a JSON object`,
      path,
    );
  }
  const credsStore = json.credsStore;
  if (credsStore !== undefined && typeof credsStore !== 'string') {
    throw new DockerConfigError(
      `Docker config file ${path} has an invalid "credsStore" field: expected a string`,
      path,
    );
  }
  return {
    auths: readAuthEntries(json.auths, path),
    credHelpers: readStringRecord(json.credHelpers, 'credHelpers', path),
    credsStore: credsStore || undefined,
  };
}

async function readDockerConfig(path: string): Promise<DockerConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { auths: {}, credHelpers: {} };
    throw new DockerConfigError(
      `Docker config file ${path} cannot be read (${code ?? 'unknown error'})`,
      path,
    );
  }
  return parseDockerConfig(text, path);
}

/** Finds the value for `host`, preferring an exact key over a normalised match. */
function lookupByHost<T>(
  record: Record<string, T>,
  host: string,
): T | undefined {
  const exact = [host, serverAddressFor(host)].find(key =>
    Object.hasOwn(record, key),
  );
  if (exact !== undefined) return record[exact];
  const key = Object.keys(record).find(k => normalizeRegistryHost(k) === host);
  return key === undefined ? undefined : record[key];
}

function emptyToUndefined(
  credential: RegistryCredential,
): RegistryCredential | undefined {
  const present = Object.entries(credential).filter(([, v]) => v);
  return present.length > 0 ? Object.fromEntries(present) : undefined;
}

function credentialFromAuthEntry(
  entry: AuthEntry,
  host: string,
  path: string,
): RegistryCredential | undefined {
  let { username, password } = entry;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) {
      throw new DockerConfigError(
        `Docker config file ${path} has an invalid "auth" value for ${host}: expected base64 of user:password`,
        path,
      );
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  return emptyToUndefined({
    username,
    password,
    identityToken: entry.identitytoken,
    registryToken: entry.registrytoken,
  });
}

interface HelperResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface HelperRunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
}

/**
 * Runs `program get` without a shell, writing `input` to stdin. Rejects on
 * spawn failure, timeout (after killing the helper) or too much output.
 */
function runHelper(
  program: string,
  input: string,
  options: HelperRunOptions,
): Promise<HelperResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], {
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    // An object, because the timer and the settle functions refer to each other.
    const state: { settled: boolean; timer?: NodeJS.Timeout } = {
      settled: false,
    };

    const fail = (error: CredentialHelperError) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(state.timer);
      child.kill('SIGKILL');
      // A grandchild may still hold the pipes open; do not wait for it.
      child.stdout.destroy();
      child.stderr.destroy();
      reject(error);
    };

    state.timer = setTimeout(() => {
      fail(
        new CredentialHelperError(
          `Credential helper ${program} did not answer within ${options.timeoutMs} ms and was killed`,
          program,
          'timeout',
        ),
      );
    }, options.timeoutMs);

    const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > options.maxOutputBytes) {
        fail(
          new CredentialHelperError(
            `Credential helper ${program} wrote more than ${options.maxOutputBytes} bytes and was killed`,
            program,
            'output-too-large',
          ),
        );
        return;
      }
      chunks.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));

    child.on('error', error => {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      fail(
        new CredentialHelperError(
          `Credential helper ${program} could not be run (${code})`,
          program,
          'spawn',
        ),
      );
    });

    child.on('close', (exitCode, signal) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(state.timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });

    // The helper may exit without reading stdin (EPIPE); its exit code tells the story.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Interprets the JSON `{ServerURL, Username, Secret}` answer of a helper. */
function credentialFromHelperOutput(
  stdout: string,
  program: string,
): RegistryCredential | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  if (!isRecord(json)) {
    throw new CredentialHelperError(
      `Credential helper ${program} returned a response that is not a JSON object`,
      program,
      'invalid-response',
    );
  }
  const username = typeof json.Username === 'string' ? json.Username : '';
  const secret = typeof json.Secret === 'string' ? json.Secret : '';
  if (username === TOKEN_USERNAME) {
    return emptyToUndefined({ identityToken: secret });
  }
  return emptyToUndefined({ username, password: secret });
}

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
