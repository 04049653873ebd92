import {
  evaluatePolicy,
  ImportedDeprecation,
} from '@orkspace/backstage-plugin-orkestra-common';
import { OrkestraConfig } from '../../config/orkestraConfig';
import { PatternStore } from '../../store/PatternStore';

/** Patterns whose versions are re-evaluated together. */
const POLICY_PAGE = 200;

type PolicyPattern = NonNullable<
  Awaited<ReturnType<PatternStore['getPattern']>>
>;

function groupByVersion<T extends { versionId: number }, V>(
  rows: readonly T[],
  value: (row: T) => V | undefined,
): Map<number, V[]> {
  const grouped = new Map<number, V[]>();
  for (const row of rows) {
    const v = value(row);
    if (v === undefined) continue;
    const list = grouped.get(row.versionId) ?? [];
    list.push(v);
    grouped.set(row.versionId, list);
  }
  return grouped;
}

/**
 * The given patterns, then the patterns that import one of them (their
 * imports' targets are resolved before this step): a version that became
 * deprecated changes its importers' policies in the same run.
 */
async function withImporters(
  store: PatternStore,
  patterns: readonly PolicyPattern[],
): Promise<PolicyPattern[]> {
  const known = new Set(patterns.map(p => p.id));
  const importerIds = (await store.importerPatternIds([...known])).filter(
    id => !known.has(id),
  );
  return [...patterns, ...(await store.getPatternsByIds(importerIds))];
}

/**
 * Step: re-evaluates the policy of every version of the given patterns and
 * of the patterns that import them (time moves deprecations on; imports,
 * and the deprecation of what they import, may have changed) and writes
 * only the results that differ. Reads go by pages of patterns, not one
 * query per pattern. Returns the repositories, of the given patterns'
 * sources, whose latest version's policy changed; an importer in another
 * source gets its new policy written, and its source's own runs announce it.
 */
export async function refreshPolicies(
  store: PatternStore,
  input: {
    patterns: readonly PolicyPattern[];
    policy: OrkestraConfig['policy'];
    now: Date;
  },
): Promise<string[]> {
  const { now } = input;
  const sources = new Set(input.patterns.map(p => p.sourceId));
  const patterns = await withImporters(store, input.patterns);
  const changedRepositories = new Set<string>();
  for (let start = 0; start < patterns.length; start += POLICY_PAGE) {
    const page = patterns.slice(start, start + POLICY_PAGE);
    const byId = new Map(page.map(pattern => [pattern.id, pattern]));
    const versions = await store.listVersionsOfPatterns([...byId.keys()]);
    const versionIds = versions.map(v => v.id);
    // Git and file imports are not registry references: the allow-list does not apply.
    const importsByVersion = groupByVersion(
      await store.listImports(versionIds),
      i =>
        i.registry && i.repository
          ? `${i.registry}/${i.repository}${i.tag ? `:${i.tag}` : ''}`
          : undefined,
    );
    const deprecationsByVersion = groupByVersion(
      await store.listDeprecatedImports(versionIds),
      ({ reference, signals }): ImportedDeprecation | undefined =>
        signals.deprecation
          ? { reference, deprecation: signals.deprecation }
          : undefined,
    );
    for (const version of versions) {
      const pattern = byId.get(version.patternId)!;
      const signals = version.signals;
      const policy = evaluatePolicy(
        {
          reference: `${pattern.registry}/${pattern.repository}`,
          signals: { ...signals, kind: pattern.kind },
          maturity: version.maturity ?? undefined,
          imports: importsByVersion.get(version.id) ?? [],
          importedDeprecations: deprecationsByVersion.get(version.id) ?? [],
        },
        input.policy,
        now,
      );
      if (JSON.stringify(policy) === JSON.stringify(version.policy)) continue;
      if (
        (await store.updatePolicy(version.id, policy)) &&
        version.id === pattern.latestVersionId &&
        sources.has(pattern.sourceId)
      ) {
        changedRepositories.add(pattern.repository);
      }
    }
  }
  return [...changedRepositories];
}
