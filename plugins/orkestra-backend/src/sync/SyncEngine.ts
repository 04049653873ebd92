import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  ORKESTRA_PATTERN_CHANGED_TOPIC,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { OrkestraConfig } from '../config/orkestraConfig';
import { OpenSources, StoreFactory } from '../sources/OpenSources';
import { sourceCovers } from '../sources/sourceScope';
import { PatternStore } from '../store/PatternStore';
import { FullRuns } from './fullRuns';
import { gateListing, listSource } from './listSource';
import { patternsOf } from './patternsOf';
import { scheduleSyncs } from './scheduleSyncs';
import { announceChanges } from './steps/announceChanges';
import { checksToRecord } from './steps/gateNamespaces';
import { markMissing } from './steps/markMissing';
import {
  addTallies,
  emptyCounts,
  emptyTally,
  PartialFailure,
  StepTally,
  SyncCounts,
} from './syncCounts';
import {
  forgetGoneRepositories,
  recordRepositorySync,
  recordResyncFailure,
} from './repositorySyncStatus';
import { describeSyncError } from './syncErrors';
import { refreshRunPolicies } from './refreshRunPolicies';
import { Changes, syncRepositories } from './syncRepositories';
import { runStatus, startSyncRun } from './syncRun';

export type { SyncCounts } from './syncCounts';

/** Topic of the event published for every pattern a sync changed. */
export const PATTERN_CHANGED_TOPIC = ORKESTRA_PATTERN_CHANGED_TOPIC;

export interface SyncResult {
  runId: number;
  status: SyncRun['status'];
  counts: SyncCounts;
  errors: SyncRun['errors'];
}

/**
 * Syncs sources into the store, incrementally: tags are resolved to digests
 * with HEAD, a manifest is fetched only for a digest the store does not have,
 * and only the YAML layers the portal needs are read, once per blob digest.
 * A failing repository is recorded and skipped; nothing known is deleted
 * because a sync failed: what disappears is marked missing and dropped only
 * after the grace period. Each step is a function of sync/steps; the engine
 * composes them and keeps the run's tally.
 */
export class SyncEngine {
  readonly #store: PatternStore;
  readonly #config: OrkestraConfig;
  readonly #logger: LoggerService;
  readonly #events?: EventsService;
  readonly #sources: OpenSources;
  readonly #now: () => Date;
  readonly #fullRuns = new FullRuns<SyncResult>();
  /** One-repository runs going, by `source\u0000repository`. */
  readonly #runningRepositories = new Map<string, Promise<SyncResult>>();

  constructor(options: {
    store: PatternStore;
    config: OrkestraConfig;
    logger: LoggerService;
    events?: EventsService;
    /** The opened sources, shared with the service; opened here when absent. */
    sources?: OpenSources;
    /** How a source is opened when `sources` is absent (tests). */
    storeFactory?: StoreFactory;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#events = options.events;
    this.#sources =
      options.sources ??
      new OpenSources({
        sources: options.config.sources,
        storeFactory: options.storeFactory,
      });
    this.#now = options.now ?? (() => new Date());
  }

  get sources(): SourceConfig[] {
    return this.#config.sources;
  }

  /** Registers every source and schedules its sync. */
  start(scheduler: SchedulerService): Promise<void> {
    return scheduleSyncs({
      store: this.#store,
      sources: this.#config.sources,
      scheduler,
      logger: this.#logger,
      sync: (sourceId, signal) => this.syncSource(sourceId, 'schedule', signal),
    });
  }

  /** Syncs a whole source; concurrent calls for one source share one run. */
  syncSource(
    sourceId: string,
    trigger = 'schedule',
    signal?: AbortSignal,
  ): Promise<SyncResult> {
    return this.#fullRun(sourceId, trigger, { signal }).result;
  }

  /**
   * Starts a full sync of the source ("Sync now") and answers its run's id
   * once the run is recorded, without waiting for it to finish. A full run
   * of the source already going is that run. Someone who asks for a sync
   * wants every repository looked at: the run checks every namespace in
   * full, as if `sync.fullCheckInterval` had passed.
   */
  startSourceSync(sourceId: string, trigger = 'on-demand'): Promise<number> {
    const source = this.#sources.config(sourceId);
    const { runId, result } = this.#fullRun(source.id, trigger, {
      fullCheck: true,
    });
    result.catch(error =>
      this.#logger.error(
        `Orkestra sync of ${source.id} could not finish: ${
          describeSyncError(error).message
        }`,
      ),
    );
    return runId;
  }

  #fullRun(
    sourceId: string,
    trigger: string,
    options: { signal?: AbortSignal; fullCheck?: boolean } = {},
  ) {
    return this.#fullRuns.join(sourceId, onStarted =>
      this.#sync(sourceId, trigger, { ...options, onStarted }),
    );
  }

  /**
   * Syncs one repository of a source now (after a publish, or on request).
   * A repository the source does not cover is refused before any request.
   * A request for a repository whose run is going gets that run.
   */
  async syncRepository(
    sourceId: string,
    repository: string,
    trigger = 'on-demand',
  ): Promise<SyncResult> {
    const source = this.#sources.config(sourceId);
    if (!sourceCovers(source, repository)) {
      throw new InputError(
        `${repository} is not under source ${source.id}; only its own repositories are synced`,
      );
    }
    const key = `${sourceId}\u0000${repository}`;
    const running = this.#runningRepositories.get(key);
    if (running) return running;
    const run = this.#sync(sourceId, trigger, {
      onlyRepository: repository,
    }).finally(() => this.#runningRepositories.delete(key));
    this.#runningRepositories.set(key, run);
    return run;
  }

  async #sync(
    sourceId: string,
    trigger: string,
    options: {
      onlyRepository?: string;
      signal?: AbortSignal;
      /** Check every namespace in full, whatever its index says. */
      fullCheck?: boolean;
      /** Called with the run's id once the run is recorded. */
      onStarted?: (runId: number) => void;
    },
  ): Promise<SyncResult> {
    const { onlyRepository, signal, onStarted, fullCheck } = options;
    const source = this.#sources.config(sourceId);
    const startedAt = this.#now();
    const runId = await startSyncRun(this.#store, {
      source,
      trigger,
      startedAt,
      onlyRepository,
    });
    onStarted?.(runId);
    const { tally, changed } = await this.#runSteps({
      source,
      runId,
      startedAt,
      onlyRepository,
      signal,
      fullCheck,
    });
    const { errors } = tally;
    if (onlyRepository)
      await recordResyncFailure(this.#store, {
        sourceId: source.id,
        repository: onlyRepository,
        runId,
        finishedAt: this.#now().toISOString(),
        errors,
      });
    const counts: SyncCounts = {
      ...emptyCounts(),
      ...tally.counts,
      changedPatterns: changed.size,
      errors: errors.length,
    };
    const status = runStatus(counts, errors);
    await this.#store.finishSyncRun(runId, {
      status,
      finishedAt: this.#now().toISOString(),
      counts: { ...counts },
      errors,
    });
    if (this.#events)
      await announceChanges(this.#events, this.#logger, { source, changed });
    this.#logger.info(
      `Orkestra sync of ${source.id} ${status}: ${counts.repositories} repositories, ${counts.newVersions} new versions, ` +
        `${counts.manifestsFetched} manifests and ${counts.blobsFetched} blobs fetched, ${errors.length} errors`,
    );
    return { runId, status, counts, errors };
  }

  /**
   * The steps of a run, in order. A step that fails the whole source ends
   * the run there, with what was counted and changed until then.
   */
  async #runSteps(run: {
    source: SourceConfig;
    runId: number;
    startedAt: Date;
    onlyRepository?: string;
    signal?: AbortSignal;
    fullCheck?: boolean;
  }): Promise<{ tally: StepTally; changed: Changes }> {
    const { source, startedAt, onlyRepository } = run;
    const store = this.#store;
    const now = startedAt.toISOString();
    const dropBefore = new Date(
      startedAt.getTime() - this.#config.sync.missingGracePeriodMs,
    ).toISOString();
    let tally = emptyTally();
    const changed: Changes = new Map();
    const count = (step: StepTally) => {
      tally = addTallies(tally, step);
    };
    const note = (changes: Changes) => {
      for (const [repository, change] of changes)
        changed.set(repository, change);
    };

    try {
      const opened = await this.#sources.open(source.id);
      const listing = onlyRepository
        ? {
            repositories: [onlyRepository],
            unlisted: new Set<string>(),
            ...emptyTally(),
          }
        : await listSource(store, opened, run.signal);
      const { repositories, checks } = listing;
      count(listing);
      count({ counts: { repositories: repositories.length }, errors: [] });
      const gate =
        checks &&
        (await gateListing(store, opened, listing, {
          startedAt,
          checks,
          fullCheckIntervalMs: run.fullCheck
            ? 0
            : this.#config.sync.fullCheckIntervalMs,
        }));
      const toSync = gate
        ? repositories.filter(r => !gate.skip.has(r))
        : repositories;
      count({
        counts: { skippedRepositories: repositories.length - toSync.length },
        errors: [],
      });

      const synced = await syncRepositories({
        store,
        opened,
        repositories: toSync,
        concurrency: this.#config.sync.concurrency,
        ownership: this.#config.ownership,
        maxYamlBytes: this.#config.sync.maxYamlBytes,
        logger: this.#logger,
        now,
        dropBefore,
        record: (repository, errors) =>
          recordRepositorySync(store, {
            sourceId: source.id,
            repository,
            runId: run.runId,
            finishedAt: this.#now().toISOString(),
            errors,
          }),
      });
      count(synced);
      note(synced.changes);

      if (gate) {
        for (const [namespace, check] of checksToRecord(gate, tally.errors))
          await store.recordNamespaceCheck(source.id, namespace, check);
      }
      if (!onlyRepository) {
        const missing = await markMissing(store, {
          sourceId: source.id,
          before: await patternsOf(store, source.id),
          listed: new Set(repositories.filter(r => !synced.gone.has(r))),
          unlisted: listing.unlisted,
          now,
          dropBefore,
        });
        count({
          counts: {
            missingRepositories: missing.markedMissing,
            droppedRepositories: missing.dropped,
          },
          errors: [],
        });
        note(missing.changes);
        await forgetGoneRepositories(store, {
          sourceId: source.id,
          listed: repositories.filter(r => !synced.gone.has(r)),
          unlisted: listing.unlisted,
          startedAt: now,
        });
      }
      const policyChanged = await refreshRunPolicies(store, {
        source,
        onlyRepository,
        policy: this.#config.policy,
        now: this.#now(),
      });
      for (const repository of policyChanged) {
        if (!changed.has(repository)) changed.set(repository, 'updated');
      }
    } catch (error) {
      const failure = PartialFailure.after(emptyTally(), error);
      const described = describeSyncError(failure.cause);
      count(addTallies(failure.tally, { counts: {}, errors: [described] }));
      this.#logger.error(
        `Orkestra sync of ${source.id} failed: ${described.message}`,
      );
    }
    return { tally, changed };
  }
}
