/**
 * Classification and parsing of one import entry of a Komposer or a Katalog:
 * OCI, git or file (`orkestra-registry.md` §3.3).
 */

import { fail, rethrowFor } from './errors';
import {
  isGitLike,
  isLocalPath,
  isYamlFile,
  parseGitImport,
} from './gitImport';
import {
  looksLikeDigest,
  looksLikeFullRef,
  OCI_PREFIX,
  SCHEME_RE,
  stripOci,
} from './grammar';
import type {
  ImportReference,
  ImportReferenceInput,
  ImportReferenceOptions,
} from './importTypes';
import { parseReference, referenceWithDefaultTag } from './parseReference';
import { resolveOrkReference } from './resolveOrkReference';
import { DEFAULT_ORK_BASES } from './types';

/**
 * Classifies and parses one import entry from a Komposer
 * (`imports.registry[]`) or a Katalog (`spec.crds.*.imports[].motif`).
 *
 * - `file`: `./x`, `../x`, `/x`, `file://x`, or a path ending in `.yaml`/`.yml`.
 * - `git`: `https://…`, `http://…`, `ssh://…`, `git@host:…`, a `.git` URL,
 *   `github.com/…`/`gitlab.com/…`/`bitbucket.org/…`, or a struct with
 *   `oci: false`. Version: after the last `@` (not a `user@`), else a `:`
 *   after the last `/`, else `version`, else `main`.
 * - `oci`: `oci: true`, an `oci://` prefix, a registry-looking ref (first
 *   segment contains `.`/`:` or is `localhost`), or a short name such as
 *   `postgres:v14` / `web-service@v1.1.0` (resolved with
 *   {@link resolveOrkReference} and `options.kind`, default `Katalog`). The
 *   tag comes from `@version` shorthand, else `:tag`, else `version`, else
 *   `latest`; `@sha256:…` stays a digest.
 *
 * Surrounding whitespace is trimmed (YAML values).
 *
 * @throws InvalidReferenceError when the entry cannot be parsed.
 *
 * @public
 */
export function parseImportReference(
  input: ImportReferenceInput,
  options: ImportReferenceOptions = {},
): ImportReference {
  let raw: string;
  let fieldVersion: string | undefined;
  let oci: boolean | undefined;
  if (typeof input === 'string') {
    raw = input;
  } else if (input && typeof input === 'object') {
    if (typeof input.url !== 'string') {
      return fail(String(input.url), 'import "url" must be a string');
    }
    raw = input.url;
    if (input.version !== undefined && input.version !== null) {
      if (typeof input.version !== 'string') {
        return fail(
          raw,
          `import "version" must be a string (quote it in YAML), got ${String(
            input.version,
          )}`,
        );
      }
      fieldVersion = input.version.trim() || undefined;
    }
    if (input.oci !== undefined && input.oci !== null) {
      if (typeof input.oci !== 'boolean') {
        return fail(raw, 'import "oci" must be true or false');
      }
      oci = input.oci;
    }
  } else {
    return fail(String(input), 'import must be a string or { url, ... }');
  }

  const value = raw.trim();
  if (value === '') {
    return fail(raw, 'import is empty');
  }
  if (/\s/.test(value)) {
    return fail(raw, 'import must not contain whitespace');
  }

  if (oci === true || value.startsWith(OCI_PREFIX)) {
    return parseOciImport(raw, value, fieldVersion, options);
  }
  if (/^file:\/\//i.test(value)) {
    return { type: 'file', path: value.slice('file://'.length) };
  }
  if (oci === false) {
    return isLocalPath(value)
      ? { type: 'file', path: value }
      : parseGitImport(raw, value, fieldVersion);
  }
  if (SCHEME_RE.test(value)) {
    return parseGitImport(raw, value, fieldVersion);
  }
  if (isLocalPath(value)) {
    return { type: 'file', path: value };
  }
  if (isGitLike(value)) {
    return parseGitImport(raw, value, fieldVersion);
  }
  if (isYamlFile(value)) {
    return { type: 'file', path: value };
  }
  return parseOciImport(raw, value, fieldVersion, options);
}

function parseOciImport(
  raw: string,
  value: string,
  fieldVersion: string | undefined,
  options: ImportReferenceOptions,
): ImportReference {
  const body = stripOci(value);
  let text = body;
  const at = body.lastIndexOf('@');
  const lastSlash = body.lastIndexOf('/');
  if (at >= 0 && !looksLikeDigest(body.slice(at + 1))) {
    // `url@version` shorthand: the version is the tag.
    const name = body.slice(0, at);
    const version = body.slice(at + 1);
    if (version === '') {
      return fail(raw, 'empty version after "@"');
    }
    if (name.lastIndexOf(':') > name.lastIndexOf('/')) {
      return fail(
        raw,
        `both a ":" tag and an "@${version}" version; use one of them`,
      );
    }
    text = `${name}:${version}`;
  } else if (
    at < 0 &&
    body.lastIndexOf(':') <= lastSlash &&
    fieldVersion !== undefined
  ) {
    // No version in the string: use the `version` field.
    text = looksLikeDigest(fieldVersion)
      ? `${body}@${fieldVersion}`
      : `${body}:${fieldVersion}`;
  }
  return rethrowFor(raw, () => {
    const ref = looksLikeFullRef(text)
      ? referenceWithDefaultTag(parseReference(text))
      : resolveOrkReference(
          text,
          options.kind ?? 'Katalog',
          options.bases ?? DEFAULT_ORK_BASES,
        );
    return { type: 'oci', reference: ref };
  });
}
