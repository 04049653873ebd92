import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { OrkestraConfig } from '../config/orkestraConfig';
import { PatternStore } from '../store/PatternStore';
import { patternsOf } from './patternsOf';
import { refreshPolicies } from './steps/refreshPolicies';

/**
 * The policy refresh at the end of a run: over the whole source, or over
 * the one repository a resync synced. Returns the repositories whose latest
 * version's policy changed.
 */
export async function refreshRunPolicies(
  store: PatternStore,
  run: {
    source: SourceConfig;
    onlyRepository?: string;
    policy: OrkestraConfig['policy'];
    now: Date;
  },
): Promise<string[]> {
  const { source, onlyRepository } = run;
  const only = onlyRepository
    ? await store.getPatternByRepository(source.id, onlyRepository)
    : undefined;
  // A one-repository run with nothing stored for it (not a pattern, or empty) has nothing to evaluate.
  if (onlyRepository && !only) return [];
  await store.resolveImportTargets(
    only && {
      patternId: only.id,
      registry: only.registry,
      repository: only.repository,
    },
  );
  return refreshPolicies(store, {
    patterns: only ? [only] : await patternsOf(store, source.id),
    policy: run.policy,
    now: run.now,
  });
}
