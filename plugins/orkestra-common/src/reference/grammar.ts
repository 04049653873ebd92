/**
 * The pieces of OCI reference syntax shared by the parsers: prefixes, host
 * and digest rules, Docker Hub normalisation and `ork`'s full-reference test.
 */

import { quote } from './errors';

export const OCI_PREFIX = 'oci://';
export const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';
/** Docker/OCI clients limit `registry/repository` to 255 characters. */
export const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const HOST_RE = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::([0-9]{1,5}))?$`,
);
export const SCHEME_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const DIGEST_HEX_LENGTH: Record<string, number> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/** `[a-z0-9]+:...` — what follows `@` is meant as a digest. */
export function looksLikeDigest(value: string): boolean {
  return value.includes(':');
}

export function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const expected = DIGEST_HEX_LENGTH[algorithm];
  if (expected === undefined) {
    return `unsupported digest algorithm ${quote(
      algorithm,
    )} (expected sha256, sha384 or sha512)`;
  }
  if (hex.length !== expected || !/^[a-f0-9]+$/.test(hex)) {
    return `${algorithm} digest must be ${expected} lower-case hex characters`;
  }
  return undefined;
}

/** Strips one leading `oci://`. */
export function stripOci(value: string): string {
  return value.startsWith(OCI_PREFIX) ? value.slice(OCI_PREFIX.length) : value;
}

/**
 * `ork`'s `LooksLikeFullRef`: there is a `/`, and the first segment contains
 * `.` or `:` or is `localhost`.
 */
export function looksLikeFullRef(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) {
    return false;
  }
  return isHostSegment(value.slice(0, slash));
}

export function isHostSegment(segment: string): boolean {
  return (
    segment.includes('.') || segment.includes(':') || segment === 'localhost'
  );
}

export function normaliseRegistry(host: string): string {
  const lower = host.toLowerCase();
  return lower === LEGACY_DOCKER_HUB ? DOCKER_HUB : lower;
}

export function registryProblem(registry: string): string | undefined {
  const match = HOST_RE.exec(registry);
  if (!match) {
    return `invalid registry host ${quote(registry)}`;
  }
  if (match[1] !== undefined) {
    const port = Number(match[1]);
    if (port < 1 || port > 65535) {
      return `invalid registry port ${match[1]}`;
    }
  }
  return undefined;
}
