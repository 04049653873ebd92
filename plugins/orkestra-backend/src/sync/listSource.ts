import { OpenedSource } from '../sources/OpenSources';
import { PatternStore } from '../store/PatternStore';
import { patternsOf } from './patternsOf';
import {
  discoverRepositories,
  IndexReading,
} from './steps/discoverRepositories';
import { gateNamespaces, NamespaceGate } from './steps/gateNamespaces';
import { keepUnlisted } from './steps/keepUnlisted';
import { StepTally } from './syncCounts';

type NamespaceChecks = Awaited<ReturnType<PatternStore['listNamespaceChecks']>>;

/** The repositories a run syncs, and how it got them. */
export interface Listing extends StepTally {
  repositories: string[];
  /** Known repositories of scopes that could not be listed: kept as they are. */
  unlisted: Set<string>;
  /** What the last syncs recorded per namespace; absent for a one-repository run. */
  checks?: NamespaceChecks;
  /** What `index` discovery read. */
  indexes?: Map<string, IndexReading>;
}

/** The source's repositories, and the known ones kept for what could not be listed. */
export async function listSource(
  store: PatternStore,
  opened: OpenedSource,
  signal?: AbortSignal,
): Promise<Listing> {
  const sourceId = opened.config.id;
  // Read once: discovery and the namespace gate both compare against it.
  const checks = await store.listNamespaceChecks(sourceId);
  const discovered = await discoverRepositories(opened, checks, signal);
  const { repositories } = discovered;
  let kept = { kept: [] as string[], errors: [] as StepTally['errors'] };
  if (discovered.unlisted.length) {
    const known = (await patternsOf(store, sourceId)).map(p => p.repository);
    kept = keepUnlisted(known, discovered.unlisted);
  }
  return {
    repositories,
    unlisted: new Set(kept.kept),
    checks,
    indexes: discovered.indexes,
    counts: {},
    errors: kept.errors,
  };
}

/**
 * Which listed repositories the run can skip because their namespace index
 * is unchanged; a `fullCheckIntervalMs` of 0 checks every namespace in full.
 */
export async function gateListing(
  store: PatternStore,
  opened: OpenedSource,
  { repositories, indexes }: Listing,
  run: {
    startedAt: Date;
    checks: NamespaceChecks;
    fullCheckIntervalMs: number;
  },
): Promise<NamespaceGate> {
  const known = new Set(
    (await patternsOf(store, opened.config.id))
      .filter(pattern => pattern.missingSince === null)
      .map(pattern => pattern.repository),
  );
  return gateNamespaces({
    store: opened.store,
    repositories,
    known,
    checks: run.checks,
    indexes,
    startedAt: run.startedAt,
    fullCheckIntervalMs: run.fullCheckIntervalMs,
  });
}
