/**
 * Parsing and formatting of fully-qualified OCI references
 * (`host[:port]/name[:tag][@digest]`), following the OCI distribution spec
 * and Docker/oras normalisation for Docker Hub (`orkestra-registry.md` §2).
 */

import { isValidRepositoryName, isValidTag } from '../names';
import { fail, quote } from './errors';
import {
  digestProblem,
  DOCKER_HUB,
  isHostSegment,
  looksLikeDigest,
  MAX_NAME_LENGTH,
  normaliseRegistry,
  registryProblem,
  SCHEME_RE,
  stripOci,
} from './grammar';
import type { Reference } from './types';

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
