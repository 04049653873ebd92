import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
/**
 * A pattern's owner as the catalog shows it: `platform-team` for
 * `group:default/platform-team`. Owners are read like `spec.owner` (kind Group,
 * namespace default when absent, so the backend's default `unknown` works);
 * a value that is no entity reference at all is shown as it is.
 */
export function ownerLabel(owner: string): string {
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return humanizeEntityRef(ref, { defaultKind: 'group' });
  } catch {
    return owner;
  }
}
