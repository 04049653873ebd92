import {
  DOCKER_HUB,
  isHostSegment,
  normaliseRegistry,
  stripOci,
} from './grammar';
import type { Reference } from './types';

/**
 * Whether `registry/repository` of `ref` starts with `prefix` on a path-segment
 * boundary: `ghcr.io/acme` and `ghcr.io/acme/` match `ghcr.io/acme/x` and
 * `ghcr.io/acme` itself, but not `ghcr.io/acme-evil/x`. Tag and digest of
 * `ref` are ignored.
 *
 * The prefix may carry `oci://`; its host is compared case-insensitively and
 * normalised like references (`index.docker.io` → `docker.io`, a first segment
 * without `.`/`:` that is not `localhost` means Docker Hub). No `library/` is
 * added to a prefix. An empty prefix matches nothing.
 *
 * @public
 */
export function registryMatchesPrefix(ref: Reference, prefix: string): boolean {
  if (typeof prefix !== 'string') {
    return false;
  }
  const cleaned = stripOci(prefix.trim()).replace(/\/+$/, '');
  if (cleaned === '') {
    return false;
  }
  const slash = cleaned.indexOf('/');
  const first = slash < 0 ? cleaned : cleaned.slice(0, slash);
  let host: string;
  let path: string;
  if (isHostSegment(first)) {
    host = normaliseRegistry(first);
    path = slash < 0 ? '' : cleaned.slice(slash + 1);
  } else {
    host = DOCKER_HUB;
    path = cleaned;
  }
  if (normaliseRegistry(ref.registry) !== host) {
    return false;
  }
  if (path === '') {
    return true;
  }
  return ref.repository === path || ref.repository.startsWith(`${path}/`);
}
