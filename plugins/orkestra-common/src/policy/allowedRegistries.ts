import {
  InvalidReferenceError,
  parseReference,
  registryMatchesPrefix,
} from '../reference';

function hasAllowList(
  allowedRegistries: string[] | undefined,
): allowedRegistries is string[] {
  return Array.isArray(allowedRegistries) && allowedRegistries.length > 0;
}

/**
 * Whether `ref` may be used under `allowedRegistries`.
 *
 * An absent or empty list means the policy is not configured: everything is
 * allowed. Otherwise `ref` is parsed with `parseReference` (an unparsable
 * reference is not allowed) and must match at least one prefix with
 * `registryMatchesPrefix`, on a path-segment boundary: `ghcr.io/acme/` allows
 * `ghcr.io/acme/x` but not `ghcr.io/acme-evil/x`; a host-only prefix such as
 * `ghcr.io` allows everything on that host. Blank prefixes match nothing.
 *
 * @public
 */
export function isAllowedReference(
  ref: string,
  allowedRegistries: string[] | undefined,
): boolean {
  return referenceProblem(ref, allowedRegistries) === undefined;
}

/** Why `ref` is not allowed, or `undefined` when it is. */
export function referenceProblem(
  ref: string,
  allowedRegistries: string[] | undefined,
): string | undefined {
  if (!hasAllowList(allowedRegistries)) {
    return undefined;
  }
  let parsed;
  try {
    parsed = parseReference(ref);
  } catch (error) {
    if (error instanceof InvalidReferenceError) {
      return `is not a valid reference (${error.reason})`;
    }
    throw error;
  }
  if (allowedRegistries.some(prefix => registryMatchesPrefix(parsed, prefix))) {
    return undefined;
  }
  return `is not in an allowed registry (allowed: ${allowedRegistries.join(
    ', ',
  )})`;
}
