const DOCKER_HUB_HOST = 'docker.io';
const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
]);

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
export function serverAddressFor(host: string): string {
  return host === DOCKER_HUB_HOST ? DOCKER_HUB_SERVER_ADDRESS : host;
}

/** Finds the value for `host`, preferring an exact key over a normalised match. */
export function lookupByHost<T>(
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
