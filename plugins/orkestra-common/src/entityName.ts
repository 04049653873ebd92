const MAX_NAME_LENGTH = 63;

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable, browser-safe disambiguator. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The catalog entity name of a pattern, from its OCI repository path
 * (`orkestra/katalogs/postgres` → `orkestra-katalogs-postgres`): lower-case
 * `[a-z0-9]` runs joined by `-`, `_` or `.`, at most 63 characters. A path
 * that had to be shortened gets a hash of the whole path appended, so two
 * long repositories never share a name. Shared by the catalog module (which
 * emits the entities) and the frontend (which links to them).
 *
 * @public
 */
export function toEntityName(repository: string): string {
  const cleaned = repository
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[-._]{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  const name = cleaned || 'pattern';
  if (name.length <= MAX_NAME_LENGTH) return name;
  const hash = fnv1a(repository);
  const head = name
    .slice(0, MAX_NAME_LENGTH - hash.length - 1)
    .replace(/[-._]+$/, '');
  return `${head}-${hash}`;
}
