import { SyncRun } from '@orkspace/backstage-plugin-orkestra-common';
import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../store/PatternStore';
import { SyncCounts, SyncErrors } from './syncCounts';

/** An on-demand run still marked running after this long was abandoned. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** The source as the store lists it. */
export function registerSource(
  store: PatternStore,
  source: SourceConfig,
): Promise<void> {
  return store.upsertSource({
    id: source.id,
    type: source.type,
    target: source.target,
    registry: source.registry,
  });
}

/** Records the start of a run; returns its id. */
export async function startSyncRun(
  store: PatternStore,
  input: {
    source: SourceConfig;
    trigger: string;
    startedAt: Date;
    onlyRepository?: string;
  },
): Promise<number> {
  const { source, trigger, startedAt } = input;
  const now = startedAt.toISOString();
  await registerSource(store, source);
  // The scheduler runs a source's scheduled sync once at a time across
  // replicas, so a scheduled run still marked running was abandoned (its
  // backend stopped); an on-demand one is abandoned after an hour.
  await store.abandonSyncRuns(source.id, {
    trigger: trigger === 'schedule' ? 'schedule' : undefined,
    startedBefore:
      trigger === 'schedule'
        ? now
        : new Date(startedAt.getTime() - ABANDONED_AFTER_MS).toISOString(),
    now,
  });
  return store.startSyncRun(source.id, trigger, now, input.onlyRepository);
}

/**
 * A run with errors is partial when each concerns one repository; it failed
 * when one concerns the whole source, or no repository was seen.
 */
export function runStatus(
  counts: SyncCounts,
  errors: SyncErrors,
): SyncRun['status'] {
  if (!errors.length) return 'succeeded';
  return errors.some(e => !e.repository) || counts.repositories === 0
    ? 'failed'
    : 'partial';
}
