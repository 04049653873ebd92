import { Config } from '@backstage/config';

/**
 * `orkestra.ownership`: who owns synced patterns in the catalog.
 *
 * @public
 */
export interface OwnershipConfig {
  /** Owner entity ref for patterns whose author has no mapping. */
  defaultOwner: string;
  /** Pattern author to owner entity ref. */
  authors: Record<string, string>;
}

/**
 * Reads `orkestra.ownership`; the default owner is `unknown`.
 *
 * @public
 */
export function readOwnershipConfig(root: Config): OwnershipConfig {
  const config = root.getOptionalConfig('orkestra.ownership');
  const authorsConfig = config?.getOptionalConfig('authors');
  // fromEntries defines own properties: an author named `__proto__` is kept.
  const authors: Record<string, string> = Object.fromEntries(
    (authorsConfig?.keys() ?? []).map(author => [
      author,
      authorsConfig!.getString(author),
    ]),
  );
  return {
    defaultOwner: config?.getOptionalString('defaultOwner') ?? 'unknown',
    authors,
  };
}

/**
 * The owner entity ref of a pattern by its author.
 *
 * @public
 */
export function ownerFor(
  ownership: OwnershipConfig,
  author: string | undefined,
): string {
  // Own properties only: an author named `constructor` is not Object's.
  return (
    (author && Object.hasOwn(ownership.authors, author)
      ? ownership.authors[author]
      : undefined) || ownership.defaultOwner
  );
}
