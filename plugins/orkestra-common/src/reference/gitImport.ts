/**
 * Recognising and parsing git import entries (`https://…`, `git@host:…`,
 * `github.com/org/repo@main`) and local file entries.
 */

import { fail } from './errors';
import { SCHEME_RE } from './grammar';
import type { ImportReference } from './importTypes';

/** Hosts that serve git, never OCI, so `github.com/org/repo@main` is git. */
const GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);
const SCP_LIKE_RE = /^[^/@:\s]+@[^/:\s]+:/;

export function isLocalPath(value: string): boolean {
  return (
    value === '.' ||
    value === '..' ||
    value.startsWith('./') ||
    value.startsWith('../') ||
    value.startsWith('/')
  );
}

export function isYamlFile(value: string): boolean {
  return /\.ya?ml$/i.test(value);
}

/** Splits `url@version` / `url:version` for git URLs, ignoring `user@` and ports. */
function splitGitVersion(
  value: string,
): { url: string; version?: string } | undefined {
  let authorityEnd: number;
  const scheme = SCHEME_RE.exec(value);
  if (scheme) {
    const slash = value.indexOf('/', scheme[0].length);
    authorityEnd = slash < 0 ? value.length : slash;
  } else if (SCP_LIKE_RE.test(value)) {
    authorityEnd = value.indexOf(':', value.indexOf('@'));
  } else {
    authorityEnd = value.indexOf('/');
  }
  const at = value.lastIndexOf('@');
  if (at > authorityEnd) {
    const version = value.slice(at + 1);
    return version === '' ? undefined : { url: value.slice(0, at), version };
  }
  const colon = value.lastIndexOf(':');
  if (colon > authorityEnd && colon > value.lastIndexOf('/')) {
    const version = value.slice(colon + 1);
    return version === '' ? undefined : { url: value.slice(0, colon), version };
  }
  return { url: value };
}

export function isGitLike(value: string): boolean {
  if (SCP_LIKE_RE.test(value)) {
    return true;
  }
  const split = splitGitVersion(value);
  const url = split ? split.url : value;
  if (/\.git\/?$/i.test(url)) {
    return true;
  }
  const slash = value.indexOf('/');
  return slash > 0 && GIT_HOSTS.has(value.slice(0, slash).toLowerCase());
}

export function parseGitImport(
  raw: string,
  value: string,
  fieldVersion: string | undefined,
): ImportReference {
  const split = splitGitVersion(value);
  if (!split || split.url === '') {
    return fail(raw, 'empty git URL or version');
  }
  return {
    type: 'git',
    url: split.url,
    version: split.version ?? fieldVersion ?? 'main',
  };
}
