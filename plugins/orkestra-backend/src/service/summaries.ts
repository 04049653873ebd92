import { PatternSummary } from '@orkspace/backstage-plugin-orkestra-common';
import { PatternStore, StoredPattern } from '../store/PatternStore';
import { deprecatedImportsByVersion } from './deprecatedImports';
import { patternId } from './patternIds';
import { versionHeadline } from './versionViews';

/**
 * The API summaries of `patterns`, in their order: one query for their
 * latest versions, one for their counts, one for their deprecated imports.
 */
export async function patternSummaries(
  store: PatternStore,
  patterns: StoredPattern[],
  now: Date,
): Promise<PatternSummary[]> {
  const latestIds = patterns.flatMap(p =>
    p.latestVersionId !== null ? [p.latestVersionId] : [],
  );
  const latest = new Map(
    (await store.getVersionHeadlines(latestIds)).map(v => [v.id, v]),
  );
  const syncProblems = await store.repositorySyncs.problemsOf(patterns);
  const counts = await store.countVersions(patterns.map(p => p.id));
  const deprecatedImports = await deprecatedImportsByVersion(
    store,
    latestIds,
    now,
  );
  return patterns.map(pattern => {
    const version =
      pattern.latestVersionId !== null
        ? latest.get(pattern.latestVersionId)
        : undefined;
    const deprecated =
      pattern.latestVersionId !== null
        ? deprecatedImports.get(pattern.latestVersionId)
        : undefined;
    return {
      id: patternId(pattern),
      source: pattern.sourceId,
      registry: pattern.registry,
      repository: pattern.repository,
      reference: `${pattern.registry}/${pattern.repository}`,
      kind: pattern.kind,
      name: pattern.name,
      ...(pattern.description ? { description: pattern.description } : {}),
      ...(pattern.author ? { author: pattern.author } : {}),
      owner: pattern.owner,
      tags: pattern.tags,
      ...(version
        ? { latest: versionHeadline(version, pattern.latestTag, now) }
        : {}),
      versionCount: counts.get(pattern.id) ?? 0,
      ...(deprecated ? { deprecatedImports: deprecated } : {}),
      ...(pattern.missingSince ? { missingSince: pattern.missingSince } : {}),
      ...syncProblems.fieldsOf(pattern),
      updatedAt: pattern.updatedAt,
    };
  });
}
