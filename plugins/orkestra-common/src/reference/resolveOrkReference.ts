/**
 * Resolution of references the way the `ork` CLI does it
 * (`pkg/registry/resolve.go`): short names against the Katalog or Motif base
 * (`orkestra-registry.md` §3.2, §10).
 */

import type { PatternKind } from '../vocabulary';
import { fail, quote, rethrowFor } from './errors';
import { looksLikeFullRef, SCHEME_RE, stripOci } from './grammar';
import { parseReference, referenceWithDefaultTag } from './parseReference';
import { DEFAULT_ORK_BASES, OrkBases, Reference } from './types';

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
