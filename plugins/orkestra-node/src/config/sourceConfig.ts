import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  RepositoryDiscovery,
  SourceSummary,
} from '@orkspace/backstage-plugin-orkestra-common';

/**
 * Registry credentials. They stay in the backend: never logged, never served.
 *
 * @public
 */
export type SourceCredentials =
  | { type: 'basic'; username: string; password: string }
  | { type: 'token'; token: string };

/**
 * One configured pattern source, as the backend uses it.
 *
 * @public
 */
export interface SourceConfig {
  id: string;
  type: 'registry' | 'layout';
  target: string;
  /**
   * The registry host references to this source's patterns use: the
   * target's host for a registry, the configured `registry` for a layout.
   */
  registry: string;
  /** Repository path prefix under which patterns live (`''` for the whole registry or layout). */
  prefix: string;
  discovery: RepositoryDiscovery;
  /** With index discovery: the namespaces whose `<namespace>/index:latest` is read. */
  namespaces: string[];
  insecure: boolean;
  credentials?: SourceCredentials;
  /**
   * Hosts (`host[:port]`, lower-cased) besides the registry's own that may
   * serve its Bearer token realm, e.g. `['auth.docker.io']`. Undefined when
   * not configured.
   */
  tokenRealms?: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** `host[:port]` or `[ipv6][:port]`, nothing else. */
const HOST = /^[a-zA-Z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/;

/** `oci://`, `https://` or `http://` + `host[:port]/prefix` → its parts. */
function splitRegistryTarget(
  target: string,
  path: string,
): { host: string; prefix: string; http: boolean } {
  const http = target.startsWith('http://');
  const bare = target.replace(/^(oci|https?):\/\//, '').replace(/\/+$/, '');
  const [host, ...rest] = bare.split('/');
  if (!host || !HOST.test(host)) {
    throw new InputError(
      `${path}.target must start with a registry host, e.g. ghcr.io/acme/patterns`,
    );
  }
  return { host: host.toLowerCase(), prefix: rest.join('/'), http };
}

/**
 * How often a source is synced when its config sets no `schedule`: every 30 minutes.
 *
 * @public
 */
export const DEFAULT_SOURCE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const SOURCE_ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function readDiscovery(
  config: Config,
  path: string,
  sourceType: string,
): RepositoryDiscovery {
  // A layout lists its repositories cheaply and completely; a registry may offer no _catalog.
  const type =
    config.getOptionalString('discovery') ??
    (sourceType === 'layout' ? 'catalog' : 'index');
  switch (type) {
    case 'index':
    case 'catalog':
      return { type };
    case 'list': {
      const repositories = config.getOptionalStringArray('repositories') ?? [];
      if (repositories.length === 0) {
        throw new InputError(
          `${path}.repositories must list at least one repository with discovery "list"`,
        );
      }
      return { type, repositories };
    }
    default:
      throw new InputError(
        `${path}.discovery must be one of index, catalog, list; got "${type}"`,
      );
  }
}

function readCredentials(
  config: Config,
  path: string,
): SourceCredentials | undefined {
  const credentials = config.getOptionalConfig('credentials');
  if (!credentials) return undefined;
  const token = credentials.getOptionalString('token');
  const username = credentials.getOptionalString('username');
  const password = credentials.getOptionalString('password');
  if (token) {
    if (username || password) {
      throw new InputError(
        `${path}.credentials: give either token or username/password, not both`,
      );
    }
    return { type: 'token', token };
  }
  if (username && password) return { type: 'basic', username, password };
  if (username || password) {
    throw new InputError(
      `${path}.credentials needs both username and password`,
    );
  }
  // Present but empty, e.g. `password: ${REGISTRY_PASSWORD}` with the variable unset.
  return undefined;
}

/** `tokenRealms`: hosts only, lower-cased; only for registry sources. */
function readTokenRealms(
  config: Config,
  path: string,
  sourceType: string,
): string[] | undefined {
  if (!config.has('tokenRealms')) return undefined;
  if (sourceType !== 'registry') {
    throw new InputError(
      `${path}.tokenRealms only applies to registry sources (a layout has no token service)`,
    );
  }
  return config.getStringArray('tokenRealms').map((entry, index) => {
    const host = entry.trim();
    if (!HOST.test(host) || /^[.-]|[.-]$/.test(host.replace(/:\d+$/, ''))) {
      throw new InputError(
        `${path}.tokenRealms[${index}] must be a host such as auth.docker.io ` +
          `(host[:port], no scheme or path); got ${JSON.stringify(entry)}`,
      );
    }
    return host.toLowerCase();
  });
}

/**
 * Reads and validates `orkestra.sources`. Throws an InputError naming the bad key.
 *
 * @public
 */
export function readSourceConfigs(root: Config): SourceConfig[] {
  const sources = root.getOptionalConfigArray('orkestra.sources') ?? [];
  const seen = new Set<string>();
  return sources.map((config, index) => {
    const path = `orkestra.sources[${index}]`;
    const id = config.getString('id');
    if (!SOURCE_ID.test(id)) {
      throw new InputError(
        `${path}.id "${id}" must be lower-case letters, digits and dashes`,
      );
    }
    if (seen.has(id)) throw new InputError(`${path}.id "${id}" is used twice`);
    seen.add(id);

    const type = config.getString('type');
    if (type !== 'registry' && type !== 'layout') {
      throw new InputError(
        `${path}.type must be "registry" or "layout"; got "${type}"`,
      );
    }
    const target = config.getString('target').trim();
    if (!target) throw new InputError(`${path}.target must not be empty`);

    let registry: string;
    let prefix = '';
    let insecure = config.getOptionalBoolean('insecure') ?? false;
    if (type === 'registry') {
      const parts = splitRegistryTarget(target, path);
      registry = parts.host;
      prefix = parts.prefix;
      insecure = insecure || parts.http;
    } else {
      registry = (
        config.getOptionalString('registry') ?? `${id}.layout.local`
      ).toLowerCase();
      prefix = (config.getOptionalString('prefix') ?? '').replace(
        /^\/+|\/+$/g,
        '',
      );
    }
    const discovery = readDiscovery(config, path, type);
    const namespaces =
      config.getOptionalStringArray('namespaces') ?? (prefix ? [prefix] : []);
    if (discovery.type === 'index' && namespaces.length === 0) {
      throw new InputError(
        `${path}: index discovery needs a namespace: a target with a path, or namespaces: [...]`,
      );
    }

    return {
      id,
      type,
      target,
      registry,
      prefix,
      discovery,
      namespaces,
      insecure,
      credentials: readCredentials(config, path),
      tokenRealms: readTokenRealms(config, path, type),
      schedule: config.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            config.getConfig('schedule'),
          )
        : DEFAULT_SOURCE_SCHEDULE,
    };
  });
}

/**
 * What the API may show of a source: everything but the credentials.
 *
 * @public
 */
export function toSourceSummary(source: SourceConfig): SourceSummary {
  return {
    id: source.id,
    type: source.type,
    target: source.target,
    discovery: source.discovery,
    hasCredentials: source.credentials !== undefined,
  };
}
