import { NotFoundError } from '@backstage/errors';
import type * as api from '@orkspace/backstage-plugin-orkestra-common';
import { OrkestraConfig } from '../config/orkestraConfig';
import { NewGateRun, PatternStore } from '../store/PatternStore';
import { OpenSources } from '../sources/OpenSources';
import { sourceStatus } from '../sync/sourceStatus';
import { SyncEngine } from '../sync/SyncEngine';
import { ServiceContext } from './context';
import { listDependencies, listDependents } from './dependencies';
import { listOwnerRollup } from './ownerRollup';
import { getPatternCounts } from './patternCounts';
import { findPattern } from './patternIds';
import { getFileContent, listFiles } from './patternFiles';
import { entityFeed, EntityFeedOptions, listPatterns } from './patternListing';
import { patternSummaries } from './summaries';
import { FileContent, PatternService } from './types';
import { getUpgradePath } from './upgradePath';
import { findVersion, listVersionViews } from './versionViews';

/**
 * The read model behind the HTTP API, built from the store: each question
 * is answered by its own module; sources, runs and resyncs are here.
 */
export class PatternServiceImpl implements PatternService {
  readonly #context: ServiceContext;

  constructor(options: {
    store: PatternStore;
    engine: SyncEngine;
    /** The opened sources, shared with the sync; opened from `config` when absent. */
    sources?: OpenSources;
    config: OrkestraConfig;
    now?: () => Date;
  }) {
    this.#context = {
      store: options.store,
      engine: options.engine,
      sources:
        options.sources ?? new OpenSources({ sources: options.config.sources }),
      config: options.config,
      now: options.now ?? (() => new Date()),
    };
  }

  listPatterns(query: api.PatternQuery): Promise<api.ListPatternsResponse> {
    return listPatterns(this.#context, query);
  }

  listOwnerRollup(query?: {
    kind?: api.PatternKind;
  }): Promise<api.OwnerRollup[]> {
    return listOwnerRollup(this.#context, query);
  }

  getPatternCounts(): Promise<api.PatternCounts> {
    return getPatternCounts(this.#context);
  }

  async getPattern(id: string): Promise<api.PatternSummary> {
    const { store, now } = this.#context;
    const [summary] = await patternSummaries(
      store,
      [await findPattern(store, id)],
      now(),
    );
    return summary;
  }

  async listVersions(id: string): Promise<api.PatternVersion[]> {
    const { store, now } = this.#context;
    const pattern = await findPattern(store, id);
    return (await listVersionViews(store, pattern, now())).map(v => v.version);
  }

  async getVersion(id: string, version: string): Promise<api.PatternVersion> {
    const { store, now } = this.#context;
    const pattern = await findPattern(store, id);
    return (await findVersion(store, pattern, version, now())).version;
  }

  listFiles(id: string, version: string): Promise<api.PatternFile[]> {
    return listFiles(this.#context, id, version);
  }

  getFileContent(
    id: string,
    version: string,
    file: string,
  ): Promise<FileContent> {
    return getFileContent(this.#context, id, version, file);
  }

  listDependencies(id: string, version?: string): Promise<api.PatternImport[]> {
    return listDependencies(this.#context, id, version);
  }

  listDependents(id: string): Promise<api.PatternDependent[]> {
    return listDependents(this.#context, id);
  }

  getUpgradePath(id: string, version: string): Promise<api.UpgradePath> {
    return getUpgradePath(this.#context, id, version);
  }

  async getPolicy(id: string, version: string): Promise<api.PolicyResult> {
    return (await this.getVersion(id, version)).policy;
  }

  entityFeed(options: EntityFeedOptions): Promise<api.PatternEntityFeed> {
    return entityFeed(this.#context, options);
  }

  async listSources(): Promise<api.SourceStatus[]> {
    const { store, config } = this.#context;
    return Promise.all(config.sources.map(s => sourceStatus(store, s)));
  }

  async listSyncRuns(sourceId: string, limit = 20): Promise<api.SyncRun[]> {
    this.#knownSource(sourceId);
    return this.#context.store.listSyncRuns(sourceId, limit);
  }

  recordGateRun(
    run: NewGateRun & { gate: 'simulate' | 'e2e' },
  ): Promise<number> {
    return this.#context.store.recordGateRun(run);
  }

  async resyncRepository(
    sourceId: string,
    repository: string,
  ): Promise<api.SyncRun> {
    this.#knownSource(sourceId);
    return this.#resync(sourceId, repository);
  }

  async syncSource(sourceId: string): Promise<api.SyncRun> {
    this.#knownSource(sourceId);
    return this.#runOf(await this.#context.engine.startSourceSync(sourceId));
  }

  async resync(id: string): Promise<api.SyncRun> {
    const pattern = await findPattern(this.#context.store, id);
    return this.#resync(pattern.sourceId, pattern.repository);
  }

  #knownSource(sourceId: string): void {
    if (!this.#context.config.sources.some(s => s.id === sourceId))
      throw new NotFoundError(`no source ${sourceId}`);
  }

  async #resync(sourceId: string, repository: string): Promise<api.SyncRun> {
    const result = await this.#context.engine.syncRepository(
      sourceId,
      repository,
    );
    return this.#runOf(result.runId);
  }

  async #runOf(runId: number): Promise<api.SyncRun> {
    const run = await this.#context.store.getSyncRun(runId);
    if (!run) throw new NotFoundError(`sync run ${runId} vanished`);
    return run;
  }
}
