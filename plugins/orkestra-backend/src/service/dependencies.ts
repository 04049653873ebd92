import {
  compareVersionTags,
  isAllowedReference,
  isFloatingTag,
  PatternDependent,
  PatternImport,
} from '@orkspace/backstage-plugin-orkestra-common';
import { StoredPattern, StoredVersion } from '../store/PatternStore';
import { ServiceContext } from './context';
import { findPattern, patternId } from './patternIds';
import { findVersion } from './versionViews';

/**
 * An import at a version tag older than the latest. A floating tag
 * (`latest`, `main`) follows the latest and is never behind, as in the
 * `importsBehind` filter.
 */
function isBehind(importedTag: string, latestTag: string): boolean {
  return (
    !isFloatingTag(importedTag) &&
    compareVersionTags(importedTag, latestTag) < 0
  );
}

async function latestVersion(
  { store }: ServiceContext,
  pattern: StoredPattern,
): Promise<StoredVersion | undefined> {
  if (pattern.latestVersionId === null) return undefined;
  return (await store.getVersionsByIds([pattern.latestVersionId]))[0];
}

/** What a version (default: the latest) imports, resolved to known patterns. */
export async function listDependencies(
  context: ServiceContext,
  id: string,
  version?: string,
): Promise<PatternImport[]> {
  const { store, config } = context;
  const pattern = await findPattern(store, id);
  const importer = version
    ? (await findVersion(store, pattern, version, context.now())).stored
    : await latestVersion(context, pattern);
  if (!importer) return [];
  const imports = await store.listImports([importer.id]);
  const targets = new Map(
    (
      await store.getPatternsByIds(
        imports.flatMap(i => (i.targetPatternId ? [i.targetPatternId] : [])),
      )
    ).map(p => [p.id, p]),
  );
  return imports.map(i => {
    const reference =
      i.registry && i.repository ? `${i.registry}/${i.repository}` : undefined;
    const target = i.targetPatternId
      ? targets.get(i.targetPatternId)
      : undefined;
    const latest = target?.latestTag ?? undefined;
    return {
      type: i.type,
      raw: i.raw,
      ...(reference ? { reference } : {}),
      ...(i.tag ? { tag: i.tag } : {}),
      ...(i.digest ? { digest: i.digest } : {}),
      ...(i.crd ? { crd: i.crd } : {}),
      ...(target ? { patternId: patternId(target) } : {}),
      ...(latest ? { latestVersion: latest } : {}),
      ...(target && latest && i.tag
        ? { behindLatest: isBehind(i.tag, latest) }
        : {}),
      allowed: reference
        ? isAllowedReference(reference, config.policy.allowedRegistries)
        : true,
    };
  });
}

/** Patterns whose latest version imports this pattern, and whether they are behind its latest version. */
export async function listDependents(
  { store }: ServiceContext,
  id: string,
): Promise<PatternDependent[]> {
  const pattern = await findPattern(store, id);
  const imports = await store.listImportsOf(pattern.id);
  const versions = new Map(
    (
      await store.getVersionsByIds([...new Set(imports.map(i => i.versionId))])
    ).map(v => [v.id, v]),
  );
  const importers = new Map(
    (
      await store.getPatternsByIds([
        ...new Set([...versions.values()].map(v => v.patternId)),
      ])
    ).map(p => [p.id, p]),
  );
  const dependents: PatternDependent[] = [];
  const seen = new Set<string>();
  for (const imported of imports) {
    const version = versions.get(imported.versionId);
    const importer = version ? importers.get(version.patternId) : undefined;
    // The importer's current (latest) version is what matters for "behind".
    if (
      !version ||
      !importer ||
      importer.latestVersionId !== version.id ||
      importer.missingSince
    )
      continue;
    const key = `${importer.id}:${imported.tag ?? imported.digest}`;
    if (seen.has(key)) continue;
    seen.add(key);
    dependents.push({
      patternId: patternId(importer),
      name: importer.name,
      kind: importer.kind,
      version: importer.latestTag ?? version.version ?? version.digest,
      ...(imported.tag ? { importedVersion: imported.tag } : {}),
      behindLatest:
        imported.tag !== null &&
        pattern.latestTag !== null &&
        isBehind(imported.tag, pattern.latestTag),
    });
  }
  return dependents.sort((a, b) => a.patternId.localeCompare(b.patternId));
}
