import {
  compareVersionTags,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';
import { ServiceContext } from './context';
import { crdChanges } from './crdChanges';
import { findPattern } from './patternIds';
import { findVersion, headline, listVersionViews } from './versionViews';

/** Each newer version than `version`, oldest first, with the CRD changes of each step. */
export async function getUpgradePath(
  { store, now }: ServiceContext,
  id: string,
  version: string,
): Promise<UpgradePath> {
  const pattern = await findPattern(store, id);
  const from = await findVersion(store, pattern, version, now());
  const newer = (await listVersionViews(store, pattern, now()))
    .filter(v => !v.version.floatingOnly && !v.version.untagged)
    .filter(
      v => compareVersionTags(v.version.version, from.version.version) > 0,
    )
    .sort((a, b) => compareVersionTags(a.version.version, b.version.version));
  let previous = from.version.crds;
  const steps = newer.map(v => {
    const step = {
      version: v.version.version,
      digest: v.version.digest,
      ...(v.version.created ? { created: v.version.created } : {}),
      headline: headline(v.version),
      crdChanges: crdChanges(previous, v.version.crds),
    };
    previous = v.version.crds;
    return step;
  });
  const migratedTo = from.version.signals.deprecation?.migratedTo;
  return {
    from: { version: from.version.version, digest: from.version.digest },
    ...(pattern.latestTag ? { latest: pattern.latestTag } : {}),
    steps,
    ...(migratedTo ? { migratedTo } : {}),
  };
}
