import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;

/**
 * Turns an OCI repository path (`orkestra/katalogs/postgres`) into a valid
 * catalog entity name: lower-case `[a-z0-9]` runs joined by `-`, `_` or `.`,
 * at most 63 characters. When the path had to be shortened, a short hash of the
 * full path is appended, so two long repositories never share a name. The true
 * reference is kept in an annotation by the caller.
 */
export function toEntityName(repository: string): string {
  const cleaned = repository
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[-._]{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  const name = cleaned || 'pattern';
  if (name.length <= MAX_NAME_LENGTH) return name;
  const hash = createHash('sha256')
    .update(repository)
    .digest('hex')
    .slice(0, 8);
  const head = name
    .slice(0, MAX_NAME_LENGTH - hash.length - 1)
    .replace(/[-._]+$/, '');
  return `${head}-${hash}`;
}
