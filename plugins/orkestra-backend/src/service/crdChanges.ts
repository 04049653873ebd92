import {
  CrdChange,
  CrdSummary,
} from '@orkspace/backstage-plugin-orkestra-common';

const keyOf = (crd: CrdSummary) => `${crd.kind}.${crd.group}`;

/** How the CRDs of a Katalog changed from one version to the next. */
export function crdChanges(
  before: CrdSummary[],
  after: CrdSummary[],
): CrdChange[] {
  const changes: CrdChange[] = [];
  const old = new Map(before.map(c => [keyOf(c), c]));
  const next = new Map(after.map(c => [keyOf(c), c]));
  for (const [key, crd] of next) {
    const previous = old.get(key);
    if (!previous) {
      changes.push({ crd: key, change: 'added' });
      continue;
    }
    const previousVersions = new Map(previous.versions.map(v => [v.name, v]));
    for (const version of crd.versions) {
      const was = previousVersions.get(version.name);
      if (!was)
        changes.push({
          crd: key,
          change: 'version-added',
          apiVersion: version.name,
        });
      else if (was.schemaFingerprint !== version.schemaFingerprint) {
        changes.push({
          crd: key,
          change: 'schema-changed',
          apiVersion: version.name,
        });
      }
    }
    const names = new Set(crd.versions.map(v => v.name));
    for (const version of previous.versions) {
      if (!names.has(version.name))
        changes.push({
          crd: key,
          change: 'version-removed',
          apiVersion: version.name,
        });
    }
  }
  for (const key of old.keys())
    if (!next.has(key)) changes.push({ crd: key, change: 'removed' });
  return changes;
}
