import { evaluatePolicy } from '@orkspace/backstage-plugin-orkestra-common';
import { OrkestraConfig } from '../../config/orkestraConfig';
import { PatternStore } from '../../store/PatternStore';

/** Patterns whose versions are re-evaluated together. */
const POLICY_PAGE = 200;

type PolicyPattern = NonNullable<
  Awaited<ReturnType<PatternStore['getPattern']>>
>;

/**
 * Step: re-evaluates the policy of every version of the given patterns (time
 * moves deprecations on; imports may have changed) and writes only the
 * results that differ. Reads go by pages of patterns, not one query per
 * pattern. Returns the repositories whose latest version's policy changed.
 */
export async function refreshPolicies(
  store: PatternStore,
  input: {
    patterns: readonly PolicyPattern[];
    policy: OrkestraConfig['policy'];
    now: Date;
  },
): Promise<string[]> {
  const { patterns, now } = input;
  const changedRepositories = new Set<string>();
  for (let start = 0; start < patterns.length; start += POLICY_PAGE) {
    const page = patterns.slice(start, start + POLICY_PAGE);
    const byId = new Map(page.map(pattern => [pattern.id, pattern]));
    const versions = await store.listVersionsOfPatterns([...byId.keys()]);
    const importsByVersion = new Map<number, string[]>();
    for (const i of await store.listImports(versions.map(v => v.id))) {
      // Git and file imports are not registry references: the allow-list does not apply.
      if (!i.registry || !i.repository) continue;
      const list = importsByVersion.get(i.versionId) ?? [];
      list.push(`${i.registry}/${i.repository}${i.tag ? `:${i.tag}` : ''}`);
      importsByVersion.set(i.versionId, list);
    }
    for (const version of versions) {
      const pattern = byId.get(version.patternId)!;
      const signals = version.signals;
      const policy = evaluatePolicy(
        {
          reference: `${pattern.registry}/${pattern.repository}`,
          signals: { ...signals, kind: pattern.kind },
          maturity: version.maturity ?? undefined,
          imports: importsByVersion.get(version.id) ?? [],
        },
        input.policy,
        now,
      );
      if (JSON.stringify(policy) === JSON.stringify(version.policy)) continue;
      if (
        (await store.updatePolicy(version.id, policy)) &&
        version.id === pattern.latestVersionId
      ) {
        changedRepositories.add(pattern.repository);
      }
    }
  }
  return [...changedRepositories];
}
