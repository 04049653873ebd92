import { CrdChange } from '@orkspace/backstage-plugin-orkestra-common';

/** One CRD change in words; removals are marked as breaking. */
export function describeCrdChange(change: CrdChange): string {
  const api = change.apiVersion;
  switch (change.change) {
    case 'added':
      return `Adds CRD ${change.crd}`;
    case 'removed':
      return `Removes CRD ${change.crd} (breaking)`;
    case 'version-added':
      return `${change.crd}: adds version ${api ?? '?'}`;
    case 'version-removed':
      return `${change.crd}: removes version ${api ?? '?'} (breaking)`;
    case 'schema-changed':
      return api
        ? `${change.crd}: schema of ${api} changed`
        : `${change.crd}: schema changed`;
    default:
      return `${change.crd}: ${String(change.change)}`;
  }
}
