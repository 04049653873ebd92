import {
  SourceHealth,
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  SourceConfig,
  toSourceSummary,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../store/PatternStore';

/** Failing repositories a source's status lists; the count says how many in all. */
export const FAILING_REPOSITORIES_LISTED = 50;

/**
 * Full runs looked at for the last finished one: more than one can be
 * running (a scheduled run and "Sync now" in two replicas).
 */
const RUNS_LOOKED_AT = 10;

/**
 * `failing`: the last finished full run failed; `partial`: it was partial,
 * or a repository's latest sync (full or one-repository) failed; `ok`:
 * neither; `never-synced`: no full run finished yet.
 */
export function sourceHealth(
  lastFinished: SyncRun | undefined,
  failingRepositories: number,
): SourceHealth {
  if (!lastFinished) return 'never-synced';
  if (lastFinished.status === 'failed') return 'failing';
  if (lastFinished.status === 'partial' || failingRepositories > 0)
    return 'partial';
  return 'ok';
}

/** A source as `GET /sources` shows it: its last full run, its health and its failing repositories. */
export async function sourceStatus(
  store: PatternStore,
  source: SourceConfig,
): Promise<SourceStatus> {
  // A one-repository resync says nothing of the whole source: the run shown
  // is the last full one, and resyncs count through their repositories' entries.
  const runs = await store.listSyncRuns(source.id, RUNS_LOOKED_AT, {
    fullOnly: true,
  });
  const failing = await store.repositorySyncs.listFailing(
    source.id,
    FAILING_REPOSITORIES_LISTED,
  );
  const [lastSync] = runs;
  return {
    ...toSourceSummary(source),
    registry: source.registry,
    ...(lastSync ? { lastSync } : {}),
    health: sourceHealth(
      runs.find(run => run.status !== 'running'),
      failing.count,
    ),
    failingRepositories: failing.items,
    failingRepositoryCount: failing.count,
  };
}
