import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RegistryCredential } from '../credentials';
import { DockerConfigError } from './errors';
import { emptyToUndefined, isRecord } from './values';

/** One `auths` entry of `config.json`. */
export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

/** The parts of `config.json` that decide where credentials come from. */
export interface DockerConfigFile {
  auths: Record<string, AuthEntry>;
  credHelpers: Record<string, string>;
  credsStore?: string;
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

export async function readDockerConfig(
  path: string,
): Promise<DockerConfigFile> {
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

export function credentialFromAuthEntry(
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
