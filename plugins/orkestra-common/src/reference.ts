/**
 * OCI reference parsing and Orkestra (`ork`) reference resolution.
 *
 * Pure string logic, no I/O and no Node-only APIs: this module is shared by the
 * backend and the browser bundle.
 *
 * Rules follow the OCI distribution spec (name and tag grammar), Docker/oras
 * normalisation for Docker Hub, and the `ork` CLI (`pkg/registry/resolve.go`)
 * for short names and the `oci://` prefix. See
 * `orkestra-registry.md` §2, §3.2, §3.3 and §10.
 */

import { isValidRepositoryName, isValidTag } from './names';
import type { PatternKind } from './signals';

/**
 * A parsed, fully-qualified OCI reference.
 *
 * @public
 */
export interface Reference {
  /** Registry host with optional port, lower-cased, e.g. `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  registry: string;
  /** Repository name inside the registry, e.g. `orkspace/orkestra-registry/patterns/katalogs/postgres`. */
  repository: string;
  /** Tag, when the input had one. Callers decide the default (see {@link referenceWithDefaultTag}). */
  tag?: string;
  /** Digest `algorithm:hex`, when the input had one. */
  digest?: string;
}

/**
 * Registry bases `ork` resolves short names against (`ORK_REGISTRY`, `ORK_MOTIFS_REGISTRY`).
 *
 * @public
 */
export interface OrkBases {
  /** Base for Katalogs (`ORK_REGISTRY`). May carry an `oci://` prefix. */
  katalogs: string;
  /** Base for Motifs (`ORK_MOTIFS_REGISTRY`). May carry an `oci://` prefix. */
  motifs: string;
}

/**
 * The `ork` defaults for {@link OrkBases} (spec §10).
 *
 * @public
 */
export const DEFAULT_ORK_BASES: Readonly<OrkBases> = Object.freeze({
  katalogs: 'ghcr.io/orkspace/orkestra-registry/patterns/katalogs',
  motifs: 'ghcr.io/orkspace/orkestra-registry/patterns/motifs',
});

/** Longest input quoted verbatim in an error message. */
const MAX_QUOTED_INPUT = 200;

function quote(input: string): string {
  const shown =
    input.length > MAX_QUOTED_INPUT
      ? `${input.slice(0, MAX_QUOTED_INPUT)}…`
      : input;
  return JSON.stringify(shown);
}

/**
 * Thrown when a reference (or import entry) cannot be parsed. The message
 * quotes the offending input (truncated to 200 characters) and says why.
 *
 * @public
 */
export class InvalidReferenceError extends Error {
  /** The input as given (not truncated). */
  readonly input: string;
  /** Why the input was rejected, without the quoted input. */
  readonly reason: string;

  constructor(input: string, reason: string) {
    super(`Invalid reference ${quote(input)}: ${reason}`);
    this.name = 'InvalidReferenceError';
    this.input = input;
    this.reason = reason;
  }
}

function fail(input: string, reason: string): never {
  throw new InvalidReferenceError(input, reason);
}

const OCI_PREFIX = 'oci://';
const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';
/** Docker/OCI clients limit `registry/repository` to 255 characters. */
const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const HOST_RE = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::([0-9]{1,5}))?$`,
);
const SCHEME_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
const DIGEST_HEX_LENGTH: Record<string, number> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/** `[a-z0-9]+:...` — what follows `@` is meant as a digest. */
function looksLikeDigest(value: string): boolean {
  return value.includes(':');
}

function digestProblem(digest: string): string | undefined {
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
function stripOci(value: string): string {
  return value.startsWith(OCI_PREFIX) ? value.slice(OCI_PREFIX.length) : value;
}

/**
 * `ork`'s `LooksLikeFullRef`: there is a `/`, and the first segment contains
 * `.` or `:` or is `localhost`.
 */
function looksLikeFullRef(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) {
    return false;
  }
  return isHostSegment(value.slice(0, slash));
}

function isHostSegment(segment: string): boolean {
  return (
    segment.includes('.') || segment.includes(':') || segment === 'localhost'
  );
}

function normaliseRegistry(host: string): string {
  const lower = host.toLowerCase();
  return lower === LEGACY_DOCKER_HUB ? DOCKER_HUB : lower;
}

function registryProblem(registry: string): string | undefined {
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

/**
 * Parses a fully-qualified OCI reference `host[:port]/name[:tag][@digest]`.
 *
 * - A leading `oci://` is stripped; any other scheme (`https://`, `http://`, …)
 *   is rejected.
 * - Docker Hub normalisation as in docker/oras-go: when there is no `/` or the
 *   first segment contains no `.` or `:` and is not `localhost`, the registry
 *   is `docker.io`; single-segment Docker Hub names get `library/`;
 *   `index.docker.io` becomes `docker.io`. The registry host is lower-cased.
 * - Name and tag follow the OCI distribution grammar; digests must be
 *   `sha256`/`sha384`/`sha512` with lower-case hex of the right length.
 * - `@v1` (not a digest) is rejected with a hint to use `:` for tags.
 * - Whitespace anywhere is rejected (nothing is trimmed).
 * - `tag` is left undefined when absent.
 *
 * @throws InvalidReferenceError when the input is not a valid reference.
 *
 * @public
 */
export function parseReference(input: string): Reference {
  if (typeof input !== 'string') {
    return fail(String(input), 'reference must be a string');
  }
  if (input === '') {
    return fail(input, 'reference is empty');
  }
  if (/\s/.test(input)) {
    return fail(input, 'reference must not contain whitespace');
  }
  const body = stripOci(input);
  if (SCHEME_RE.test(body)) {
    const scheme = body.slice(0, body.indexOf(':'));
    return fail(
      input,
      `${quote(
        `${scheme}://`,
      )} is not supported; write the reference without a scheme (host/repository[:tag]) or with "oci://"`,
    );
  }
  if (body === '') {
    return fail(input, 'nothing after "oci://"');
  }

  // Digest.
  let remainder = body;
  let digest: string | undefined;
  const at = body.indexOf('@');
  if (at >= 0) {
    if (body.indexOf('@', at + 1) >= 0) {
      return fail(input, 'more than one "@"');
    }
    const after = body.slice(at + 1);
    remainder = body.slice(0, at);
    if (after === '') {
      return fail(input, 'empty digest after "@"');
    }
    if (!looksLikeDigest(after)) {
      return fail(
        input,
        `${quote(`@${after}`)} is not a digest; use ":" for tags (e.g. ${quote(
          `${remainder}:${after}`,
        )}); "@" is only for digests like "@sha256:…"`,
      );
    }
    const problem = digestProblem(after);
    if (problem) {
      return fail(input, problem);
    }
    digest = after;
  }

  // Registry.
  let registry: string;
  let path: string;
  const slash = remainder.indexOf('/');
  if (slash >= 0 && isHostSegment(remainder.slice(0, slash))) {
    registry = remainder.slice(0, slash);
    path = remainder.slice(slash + 1);
    const problem = registryProblem(registry);
    if (problem) {
      return fail(input, problem);
    }
    registry = normaliseRegistry(registry);
  } else {
    registry = DOCKER_HUB;
    path = remainder;
  }

  // Tag.
  let repository = path;
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    repository = path.slice(0, colon);
    tag = path.slice(colon + 1);
    if (tag === '') {
      return fail(input, 'empty tag after ":"');
    }
    if (!isValidTag(tag)) {
      return fail(
        input,
        `invalid tag ${quote(
          tag,
        )} (allowed: letters, digits, "_", "." and "-", not starting with "." or "-", at most 128 characters)`,
      );
    }
  }

  if (repository === '') {
    return fail(input, 'missing repository name');
  }
  if (
    repository.length > MAX_NAME_LENGTH ||
    !isValidRepositoryName(repository)
  ) {
    const hint = /[A-Z]/.test(repository) ? '; it must be lower-case' : '';
    return fail(
      input,
      `invalid repository name ${quote(
        repository,
      )}${hint} (OCI distribution name grammar: lower-case components separated by "/")`,
    );
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) {
    repository = `library/${repository}`;
  }
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) {
    return fail(
      input,
      `"registry/repository" is longer than ${MAX_NAME_LENGTH} characters`,
    );
  }

  const ref: Reference = { registry, repository };
  if (tag !== undefined) {
    ref.tag = tag;
  }
  if (digest !== undefined) {
    ref.digest = digest;
  }
  return ref;
}

/**
 * Formats a reference as `registry/repository[:tag][@digest]` (no `oci://`).
 * Round-trips with {@link parseReference} for references it produced. Does not
 * validate; parse the result if the parts come from an untrusted source.
 *
 * @public
 */
export function formatReference(ref: Reference): string {
  let out = `${ref.registry}/${ref.repository}`;
  if (ref.tag) {
    out += `:${ref.tag}`;
  }
  if (ref.digest) {
    out += `@${ref.digest}`;
  }
  return out;
}

/**
 * Returns a copy of `ref` with `tag` set when it has neither a tag nor a
 * digest (a digest already pins the content, so no tag is added then).
 *
 * @throws InvalidReferenceError when `tag` is not a valid OCI tag.
 *
 * @public
 */
export function referenceWithDefaultTag(
  ref: Reference,
  tag: string = 'latest',
): Reference {
  if (!isValidTag(tag)) {
    return fail(tag, 'default tag is not a valid OCI tag');
  }
  if (ref.tag || ref.digest) {
    return { ...ref };
  }
  return { ...ref, tag };
}

function normaliseBase(base: string): string {
  return stripOci(base.trim()).replace(/\/+$/, '');
}

/**
 * Resolves a reference the way the `ork` CLI does (`ResolveForKind`):
 *
 * - surrounding whitespace is trimmed and `oci://` is stripped;
 * - if there is a `/` and the first segment contains `.` or `:` or is
 *   `localhost`, the input is fully qualified and `kind` is ignored;
 * - otherwise it is a short name `name[:version][@digest]` resolved to
 *   `<base>/<name>:<version>`, base = `bases.katalogs` or `bases.motifs` by
 *   kind (bases may carry `oci://`);
 * - a missing tag becomes `latest` (unless a digest is given).
 *
 * @throws InvalidReferenceError for invalid input, including `@v1`.
 *
 * @public
 */
export function resolveOrkReference(
  input: string,
  kind: PatternKind,
  bases: OrkBases = DEFAULT_ORK_BASES,
): Reference {
  if (typeof input !== 'string') {
    return fail(String(input), 'reference must be a string');
  }
  const trimmed = input.trim();
  if (trimmed === '') {
    return fail(input, 'reference is empty');
  }
  const raw = stripOci(trimmed);
  if (raw === '' || SCHEME_RE.test(raw) || looksLikeFullRef(raw)) {
    return rethrowFor(input, () =>
      referenceWithDefaultTag(parseReference(trimmed)),
    );
  }
  const baseInput = kind === 'Motif' ? bases.motifs : bases.katalogs;
  const base = normaliseBase(baseInput ?? '');
  if (!looksLikeFullRef(`${base}/`) || base.includes('@')) {
    return fail(
      input,
      `${kind} base ${quote(
        baseInput ?? '',
      )} is not a registry path like "ghcr.io/org/katalogs"`,
    );
  }
  if (raw.startsWith('/')) {
    return fail(input, 'short name must not start with "/"');
  }
  return rethrowFor(input, () =>
    referenceWithDefaultTag(parseReference(`${base}/${raw}`)),
  );
}

/** Runs `fn`, re-labelling reference errors with the caller's original input. */
function rethrowFor<T>(input: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidReferenceError && error.input !== input) {
      throw new InvalidReferenceError(input, error.reason);
    }
    throw error;
  }
}

/**
 * An import entry: a YAML string or the struct form (`url`, `version`, `oci`).
 *
 * @public
 */
export type ImportReferenceInput =
  | string
  | { url: string; version?: string; oci?: boolean };

/**
 * Options for {@link parseImportReference}.
 *
 * @public
 */
export interface ImportReferenceOptions {
  /**
   * Kind used to resolve short names: `Katalog` for Komposer
   * `imports.registry[]` (the default), `Motif` for `spec.crds.*.imports[]`.
   */
  kind?: PatternKind;
  /** Bases for short names; defaults to {@link DEFAULT_ORK_BASES}. */
  bases?: OrkBases;
}

/**
 * Where an import entry points.
 *
 * @public
 */
export type ImportReference =
  | { type: 'oci'; reference: Reference }
  | { type: 'git'; url: string; version: string }
  | { type: 'file'; path: string };

/** Hosts that serve git, never OCI, so `github.com/org/repo@main` is git. */
const GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);
const SCP_LIKE_RE = /^[^/@:\s]+@[^/:\s]+:/;

function isLocalPath(value: string): boolean {
  return (
    value === '.' ||
    value === '..' ||
    value.startsWith('./') ||
    value.startsWith('../') ||
    value.startsWith('/')
  );
}

function isYamlFile(value: string): boolean {
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

function isGitLike(value: string): boolean {
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

function parseGitImport(
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
