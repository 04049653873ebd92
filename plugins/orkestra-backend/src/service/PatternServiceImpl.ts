import { NotFoundError } from '@backstage/errors';
import {
  ListPatternsResponse,
  PatternDependent,
  PatternEntityFeed,
  PatternFile,
  PatternImport,
  PatternQuery,
  PatternSummary,
  PatternVersion,
  PolicyResult,
  SourceStatus,
  SyncRun,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';
import { toSourceSummary } from '@orkspace/backstage-plugin-orkestra-node';
import { OrkestraConfig } from '../config/orkestraConfig';
import { NewGateRun, PatternStore } from '../store/PatternStore';
import { SyncEngine } from '../sync/SyncEngine';
import { ServiceContext } from './context';
import { listDependencies, listDependents } from './dependencies';
import { findPattern } from './patternIds';
import { getFileContent, listFiles } from './patternFiles';
import { entityFeed, listPatterns } from './patternListing';
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
    config: OrkestraConfig;
    now?: () => Date;
  }) {
    this.#context = {
      store: options.store,
      engine: options.engine,
      config: options.config,
      now: options.now ?? (() => new Date()),
    };
  }

  listPatterns(query: PatternQuery): Promise<ListPatternsResponse> {
    return listPatterns(this.#context, query);
  }

  async getPattern(id: string): Promise<PatternSummary> {
    const { store, now } = this.#context;
    const [summary] = await patternSummaries(
      store,
      [await findPattern(store, id)],
      now(),
    );
    return summary;
  }

  async listVersions(id: string): Promise<PatternVersion[]> {
    const { store, now } = this.#context;
    const pattern = await findPattern(store, id);
    return (await listVersionViews(store, pattern, now())).map(v => v.version);
  }

  async getVersion(id: string, version: string): Promise<PatternVersion> {
    const { store, now } = this.#context;
    const pattern = await findPattern(store, id);
    return (await findVersion(store, pattern, version, now())).version;
  }

  listFiles(id: string, version: string): Promise<PatternFile[]> {
    return listFiles(this.#context, id, version);
  }

  getFileContent(
    id: string,
    version: string,
    file: string,
  ): Promise<FileContent> {
    return getFileContent(this.#context, id, version, file);
  }

  listDependencies(id: string, version?: string): Promise<PatternImport[]> {
    return listDependencies(this.#context, id, version);
  }

  listDependents(id: string): Promise<PatternDependent[]> {
    return listDependents(this.#context, id);
  }

  getUpgradePath(id: string, version: string): Promise<UpgradePath> {
    return getUpgradePath(this.#context, id, version);
  }

  async getPolicy(id: string, version: string): Promise<PolicyResult> {
    return (await this.getVersion(id, version)).policy;
  }

  entityFeed(options: {
    cursor?: string;
    limit?: number;
    source?: string;
    repository?: string;
  }): Promise<PatternEntityFeed> {
    return entityFeed(this.#context, options);
  }

  async listSources(): Promise<SourceStatus[]> {
    const { store, config } = this.#context;
    return Promise.all(
      config.sources.map(async source => {
        // A source's health is that of its last full run, not of someone's one-repository resync.
        const [lastSync] = await store.listSyncRuns(source.id, 1, {
          fullOnly: true,
        });
        return {
          ...toSourceSummary(source),
          registry: source.registry,
          ...(lastSync ? { lastSync } : {}),
        };
      }),
    );
  }

  async listSyncRuns(sourceId: string, limit = 20): Promise<SyncRun[]> {
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
  ): Promise<SyncRun> {
    this.#knownSource(sourceId);
    return this.#resync(sourceId, repository);
  }

  async resync(id: string): Promise<SyncRun> {
    const pattern = await findPattern(this.#context.store, id);
    return this.#resync(pattern.sourceId, pattern.repository);
  }

  #knownSource(sourceId: string): void {
    if (!this.#context.config.sources.some(s => s.id === sourceId))
      throw new NotFoundError(`no source ${sourceId}`);
  }

  async #resync(sourceId: string, repository: string): Promise<SyncRun> {
    const { store, engine } = this.#context;
    const result = await engine.syncRepository(sourceId, repository);
    const run = await store.getSyncRun(result.runId);
    if (!run) throw new NotFoundError(`sync run ${result.runId} vanished`);
    return run;
  }
}
