import {
  DeprecatedImport,
  deprecationState,
} from '@orkspace/backstage-plugin-orkestra-common';
import { PatternStore } from '../store/PatternStore';
import { patternId } from './patternIds';

/**
 * The deprecated imports of each of `versionIds`, as the API shows them:
 * one query per page (see `listDeprecatedImports`), each import once.
 */
export async function deprecatedImportsByVersion(
  store: PatternStore,
  versionIds: number[],
  now: Date,
): Promise<Map<number, DeprecatedImport[]>> {
  const byVersion = new Map<number, DeprecatedImport[]>();
  if (versionIds.length === 0) return byVersion;
  for (const row of await store.listDeprecatedImports(versionIds)) {
    const list = byVersion.get(row.versionId) ?? [];
    if (list.some(i => i.reference === row.reference)) continue;
    const { deprecation } = row.signals;
    // A digest names the version, whatever tag the import also gives.
    const version =
      (row.digest ? row.importedVersion : row.tag ?? row.importedVersion) ??
      row.importedDigest;
    list.push({
      reference: row.reference,
      patternId: patternId(row.target),
      version,
      state: deprecationState(deprecation, now).state,
      ...(deprecation?.migratedTo ? { migrateTo: deprecation.migratedTo } : {}),
    });
    byVersion.set(row.versionId, list);
  }
  return byVersion;
}
