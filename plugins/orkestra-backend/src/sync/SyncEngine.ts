import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  evaluatePolicy,
  isSupplyChainTag,
  isValidTag,
  ORKESTRA_PATTERN_CHANGED_TOPIC,
  PatternChangedEvent,
  orderPatternVersions,
  PatternSignals,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  Descriptor,
  INDEX_TAG,
  indexRepository,
  namespaceOf,
  readPatternIndex,
  NotAPatternError,
  OciError,
  OciNotFoundError,
  OciStore,
  PatternFileEntry,
  unpackPattern,
} from '@orkspace/backstage-plugin-orkestra-node';
import pLimit from 'p-limit';
import { OrkestraConfig, ownerFor } from '../config/orkestraConfig';
import {
  FetchedManifest,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../store/PatternStore';
import {
  openSource,
  OpenedSource,
  IndexReading,
  inScope,
  sourceCovers,
  UnlistedScope,
  StoreFactory,
} from './openSource';
import { readVersionDetails } from './readVersionDetails';
import { describeSyncError, isVersionError } from './syncErrors';

/** Topic of the event published for every pattern a sync changed. */
export const PATTERN_CHANGED_TOPIC = ORKESTRA_PATTERN_CHANGED_TOPIC;

export interface SyncCounts {
  repositories: number;
  tags: number;
  manifestsFetched: number;
  blobsFetched: number;
  blobsReused: number;
  newVersions: number;
  movedTags: number;
  missingTags: number;
  droppedTags: number;
  missingRepositories: number;
  droppedRepositories: number;
  /** Known repositories not checked: their namespace's index artifact did not change. */
  skippedRepositories: number;
  changedPatterns: number;
  /** Manifests that are not patterns (images, charts, ...): remembered by digest, never an error. */
  notPatterns: number;
  errors: number;
}

export interface SyncResult {
  runId: number;
  status: SyncRun['status'];
  counts: SyncCounts;
  errors: SyncRun['errors'];
}

const HEAD_CONCURRENCY = 8;

/** A namespace's index as a sync saw it; see SyncEngine.#namespaceGate. */
interface NamespaceCheck {
  indexDigest: string;
  entries: Record<string, string>;
  checkedAt: string;
}

/** The registry answers 404 for the repository's tags: it was deleted. */
class RepositoryGoneError extends Error {}

/**
 * The tags of a repository. `ork` never removes index entries, so a deleted
 * repository stays listed in its index: with `index` discovery, a 404 on its
 * tag list makes it missing, like a repository the listing no longer names.
 * A repository named in a `list`, or just listed by `_catalog`, that answers
 * 404 stays an error: a misspelt name should be seen.
 */
async function listTagsOrGone(
  store: OciStore,
  repository: string,
  source: SourceConfig,
): Promise<string[]> {
  try {
    return await store.listTags(repository);
  } catch (error) {
    if (error instanceof OciNotFoundError && source.discovery.type === 'index')
      throw new RepositoryGoneError(repository);
    throw error;
  }
}

/** Patterns whose versions are re-evaluated together by the policy refresh. */
const POLICY_PAGE = 200;

/** An on-demand run still marked running after this long was abandoned. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Like Promise.all, but waits for every promise before rejecting with the
 * first failure: a failed repository leaves no request running after its
 * sync has returned.
 */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return results.map(r => (r as PromiseFulfilledResult<T>).value);
}

function emptyCounts(): SyncCounts {
  return {
    repositories: 0,
    tags: 0,
    manifestsFetched: 0,
    blobsFetched: 0,
    blobsReused: 0,
    newVersions: 0,
    movedTags: 0,
    missingTags: 0,
    droppedTags: 0,
    missingRepositories: 0,
    droppedRepositories: 0,
    skippedRepositories: 0,
    changedPatterns: 0,
    notPatterns: 0,
    errors: 0,
  };
}

const describe = describeSyncError;

/**
 * Syncs sources into the store, incrementally: tags are resolved to digests
 * with HEAD, a manifest is fetched only for a digest the store does not have,
 * and only the YAML layers the portal needs are read, once per blob digest.
 * A failing repository is recorded and skipped; nothing known is deleted
 * because a sync failed: what disappears is marked missing and dropped only
 * after the grace period.
 */
export class SyncEngine {
  readonly #store: PatternStore;
  readonly #config: OrkestraConfig;
  readonly #logger: LoggerService;
  readonly #events?: EventsService;
  readonly #storeFactory?: StoreFactory;
  readonly #now: () => Date;
  readonly #opened = new Map<string, Promise<OpenedSource>>();
  readonly #running = new Map<string, Promise<SyncResult>>();
  /** One-repository runs going, by `source\u0000repository`. */
  readonly #runningRepositories = new Map<string, Promise<SyncResult>>();

  constructor(options: {
    store: PatternStore;
    config: OrkestraConfig;
    logger: LoggerService;
    events?: EventsService;
    storeFactory?: StoreFactory;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#events = options.events;
    this.#storeFactory = options.storeFactory;
    this.#now = options.now ?? (() => new Date());
  }

  get sources(): SourceConfig[] {
    return this.#config.sources;
  }

  /** Syncs a whole source; concurrent calls for one source share one run. */
  syncSource(
    sourceId: string,
    trigger = 'schedule',
    signal?: AbortSignal,
  ): Promise<SyncResult> {
    const running = this.#running.get(sourceId);
    if (running) return running;
    const run = this.#sync(sourceId, trigger, undefined, signal).finally(() =>
      this.#running.delete(sourceId),
    );
    this.#running.set(sourceId, run);
    return run;
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
    const source = this.#source(sourceId);
    if (!sourceCovers(source, repository)) {
      throw new InputError(
        `${repository} is not under source ${source.id}; only its own repositories are synced`,
      );
    }
    const key = `${sourceId}\u0000${repository}`;
    const running = this.#runningRepositories.get(key);
    if (running) return running;
    const run = this.#sync(sourceId, trigger, repository).finally(() =>
      this.#runningRepositories.delete(key),
    );
    this.#runningRepositories.set(key, run);
    return run;
  }

  /** The opened store of a source, to read content on demand. */
  async storeFor(sourceId: string): Promise<OciStore> {
    return (await this.#open(this.#source(sourceId))).store;
  }

  #source(sourceId: string): SourceConfig {
    const source = this.#config.sources.find(s => s.id === sourceId);
    if (!source) throw new Error(`unknown source ${sourceId}`);
    return source;
  }

  async #open(source: SourceConfig): Promise<OpenedSource> {
    let opened = this.#opened.get(source.id);
    if (!opened) {
      opened = openSource(source, this.#storeFactory);
      this.#opened.set(source.id, opened);
      opened.catch(() => this.#opened.delete(source.id));
    }
    return opened;
  }

  async #sync(
    sourceId: string,
    trigger: string,
    onlyRepository?: string,
    signal?: AbortSignal,
  ): Promise<SyncResult> {
    const source = this.#source(sourceId);
    const startedAt = this.#now();
    const now = startedAt.toISOString();
    const dropBefore = new Date(
      startedAt.getTime() - this.#config.sync.missingGracePeriodMs,
    ).toISOString();
    await this.#store.upsertSource({
      id: source.id,
      type: source.type,
      target: source.target,
      registry: source.registry,
    });
    // The scheduler runs a source's scheduled sync once at a time across
    // replicas, so a scheduled run still marked running was abandoned (its
    // backend stopped); an on-demand one is abandoned after an hour.
    await this.#store.abandonSyncRuns(source.id, {
      trigger: trigger === 'schedule' ? 'schedule' : undefined,
      startedBefore:
        trigger === 'schedule'
          ? now
          : new Date(startedAt.getTime() - ABANDONED_AFTER_MS).toISOString(),
      now,
    });
    const runId = await this.#store.startSyncRun(
      source.id,
      trigger,
      now,
      onlyRepository,
    );
    const counts = emptyCounts();
    const errors: SyncRun['errors'] = [];
    const changed = new Map<string, PatternChangedEvent['change']>();
    let listingComplete = false;
    /** Known repositories of scopes that could not be listed: kept as they are. */
    let unlisted = new Set<string>();
    let indexes: Map<string, IndexReading> | undefined;
    /** Listed, but the registry no longer has them (a stale index entry). */
    const gone = new Set<string>();

    try {
      const opened = await this.#open(source);
      let repositories: string[];
      // Read once: discovery and the namespace gate both compare against it.
      const checks = onlyRepository
        ? new Map<string, NamespaceCheck>()
        : await this.#store.listNamespaceChecks(source.id);
      if (onlyRepository) {
        repositories = [onlyRepository];
      } else {
        const discovered = await opened.discoverRepositories(signal, checks);
        repositories = discovered.repositories;
        indexes = discovered.indexes;
        unlisted = new Set(
          await this.#unlistedErrors(
            source.id,
            discovered.unlisted,
            errors,
            counts,
          ),
        );
        listingComplete = true;
      }
      counts.repositories = repositories.length;
      const gate = onlyRepository
        ? undefined
        : await this.#namespaceGate(
            opened,
            repositories,
            startedAt,
            checks,
            indexes,
          );
      const toSync = gate
        ? repositories.filter(r => !gate.skip.has(r))
        : repositories;
      counts.skippedRepositories = repositories.length - toSync.length;

      const limit = pLimit(this.#config.sync.concurrency);
      await Promise.all(
        toSync.map(repository =>
          limit(async () => {
            try {
              const change = await this.#syncRepository(
                opened,
                repository,
                now,
                dropBefore,
                counts,
                errors,
              );
              if (change) changed.set(repository, change);
            } catch (error) {
              if (error instanceof RepositoryGoneError) {
                gone.add(repository);
                return;
              }
              counts.errors++;
              errors.push({ repository, ...describe(error) });
              this.#logger.warn(
                `Orkestra sync of ${source.id} ${repository} failed: ${
                  describe(error).message
                }`,
              );
            }
          }),
        ),
      );

      if (gate) {
        // What the index says is recorded only when every repository of its
        // namespace that was synced succeeded.
        const failed = new Set(
          errors.flatMap(e =>
            e.repository ? [namespaceOf(e.repository)] : [],
          ),
        );
        for (const [namespace, check] of gate.record) {
          if (!failed.has(namespace))
            await this.#store.recordNamespaceCheck(source.id, namespace, check);
        }
      }

      if (listingComplete) {
        const before = await this.#patternsOf(source.id);
        const listed = new Set(repositories.filter(r => !gone.has(r)));
        const missing = await this.#store.markMissingPatterns(
          source.id,
          [...listed, ...unlisted],
          now,
          dropBefore,
        );
        counts.missingRepositories = missing.markedMissing;
        counts.droppedRepositories = missing.dropped;
        const after = new Set(
          (await this.#patternsOf(source.id)).map(p => p.repository),
        );
        for (const pattern of before) {
          if (
            !listed.has(pattern.repository) &&
            !unlisted.has(pattern.repository)
          ) {
            changed.set(
              pattern.repository,
              after.has(pattern.repository) ? 'missing' : 'removed',
            );
          }
        }
      }
      const only = onlyRepository
        ? await this.#store.getPatternByRepository(source.id, onlyRepository)
        : undefined;
      // A one-repository run with nothing stored for it (not a pattern, or empty) has nothing to evaluate.
      if (!onlyRepository || only) {
        await this.#store.resolveImportTargets(
          only && {
            patternId: only.id,
            registry: only.registry,
            repository: only.repository,
          },
        );
        for (const repository of await this.#refreshPolicies(source, only)) {
          if (!changed.has(repository)) changed.set(repository, 'updated');
        }
      }
    } catch (error) {
      counts.errors++;
      errors.push(describe(error));
      this.#logger.error(
        `Orkestra sync of ${source.id} failed: ${describe(error).message}`,
      );
    }

    counts.changedPatterns = changed.size;
    let status: SyncRun['status'] = 'succeeded';
    if (errors.length)
      status =
        errors.some(e => !e.repository) || counts.repositories === 0
          ? 'failed'
          : 'partial';
    await this.#store.finishSyncRun(runId, {
      status,
      finishedAt: this.#now().toISOString(),
      counts: { ...counts },
      errors,
    });
    await this.#publish(source, changed);
    this.#logger.info(
      `Orkestra sync of ${source.id} ${status}: ${counts.repositories} repositories, ${counts.newVersions} new versions, ` +
        `${counts.manifestsFetched} manifests and ${counts.blobsFetched} blobs fetched, ${errors.length} errors`,
    );
    return { runId, status, counts, errors };
  }

  /**
   * Records what could not be listed and returns the known repositories under
   * it, which keep their state. A namespace without an index where nothing is
   * known is simply empty (nothing was pushed there yet): no error.
   */
  async #unlistedErrors(
    sourceId: string,
    scopes: UnlistedScope[],
    errors: SyncRun['errors'],
    counts: SyncCounts,
  ): Promise<string[]> {
    if (!scopes.length) return [];
    const known = (await this.#patternsOf(sourceId)).map(p => p.repository);
    const kept: string[] = [];
    for (const { scope, absent, what, error } of scopes) {
      const under = known.filter(repository => inScope(repository, scope));
      if (absent && under.length === 0) continue;
      kept.push(...under);
      const described = describe(error);
      counts.errors++;
      errors.push({
        repository: scope,
        ...described,
        message: `${what ? `${what}: ` : ''}${described.message}; ${
          under.length
        } known repositories under ${scope} are kept as they are`,
      });
    }
    return kept;
  }

  /**
   * `ork push` rewrites `<namespace>/index:latest` after every push (and a
   * deprecation is a push), with one entry per pattern (`<namespace>/<name>`).
   * So a resync HEADs each namespace's index: when its digest is the one the
   * last sync saw, the namespace's known repositories are skipped; when it
   * changed, the index is read and only the repositories whose entry changed
   * are synced. Repositories the store does not know are always synced, and
   * every namespace is checked in full again after `sync.fullCheckInterval`,
   * for pushes that did not update the index (or left their entry as it was).
   */
  async #namespaceGate(
    opened: OpenedSource,
    repositories: string[],
    startedAt: Date,
    checks: ReadonlyMap<string, NamespaceCheck>,
    /** What `index` discovery read already: not read twice. */
    indexes?: Map<string, IndexReading>,
  ): Promise<{ skip: Set<string>; record: Map<string, NamespaceCheck> }> {
    const sourceId = opened.config.id;
    const known = new Set(
      (await this.#patternsOf(sourceId))
        .filter(pattern => pattern.missingSince === null)
        .map(pattern => pattern.repository),
    );
    const skip = new Set<string>();
    const record = new Map<string, NamespaceCheck>();
    const byNamespace = new Map<string, string[]>();
    for (const repository of repositories) {
      const namespace = namespaceOf(repository);
      byNamespace.set(namespace, [
        ...(byNamespace.get(namespace) ?? []),
        repository,
      ]);
    }
    const limit = pLimit(HEAD_CONCURRENCY);
    await settleAll(
      [...byNamespace].map(([namespace, members]) =>
        limit(async () => {
          const now = startedAt.toISOString();
          const reading = indexes?.get(namespace);
          let digest: string;
          try {
            digest =
              reading?.digest ??
              (
                await opened.store.resolve(
                  indexRepository(namespace),
                  INDEX_TAG,
                )
              ).digest;
          } catch (error) {
            // No index (not written by ork) or unreadable: check in full.
            if (!(error instanceof OciError)) throw error;
            return;
          }
          const check = checks.get(namespace);
          const fullCheckDue =
            check === undefined ||
            startedAt.getTime() - Date.parse(check.checkedAt) >=
              this.#config.sync.fullCheckIntervalMs;
          if (!fullCheckDue && check.indexDigest === digest) {
            for (const r of members) if (known.has(r)) skip.add(r);
            return;
          }
          if (check?.indexDigest === digest) {
            // A full check is due, the index is the one already read.
            record.set(namespace, { ...check, checkedAt: now });
            return;
          }
          let entries: Record<string, string>;
          if (reading?.entries) {
            entries = reading.entries;
          } else {
            try {
              const read = await readPatternIndex(opened.store, namespace);
              if (!read) return;
              entries = Object.fromEntries(
                read.index.entries.map(e => [e.name, JSON.stringify(e)]),
              );
              digest = read.digest;
            } catch (error) {
              if (!(error instanceof OciError)) throw error;
              return; // an unreadable index: check in full, record nothing
            }
          }
          if (fullCheckDue) {
            record.set(namespace, {
              indexDigest: digest,
              entries,
              checkedAt: now,
            });
            return;
          }
          const changedNames = new Set(
            Object.keys(entries).filter(
              name => entries[name] !== check.entries[name],
            ),
          );
          for (const r of members) {
            const name = r.slice(namespace ? namespace.length + 1 : 0);
            if (known.has(r) && !changedNames.has(name)) skip.add(r);
          }
          record.set(namespace, {
            indexDigest: digest,
            entries,
            checkedAt: check.checkedAt,
          });
        }),
      ),
    );
    return { skip, record };
  }

  async #patternsOf(sourceId: string) {
    return (
      await this.#store.listPatterns(
        { source: sourceId, includeMissing: true },
        { limit: 1_000_000 },
      )
    ).rows;
  }

  /** Returns the change to report, or undefined when nothing changed. */
  async #syncRepository(
    opened: OpenedSource,
    repository: string,
    now: string,
    dropBefore: string,
    counts: SyncCounts,
    errors: SyncRun['errors'],
  ): Promise<PatternChangedEvent['change'] | undefined> {
    const { store, config: source } = opened;
    const fail = (error: unknown, what?: string) => {
      const described = describe(error);
      counts.errors++;
      errors.push({
        repository,
        ...described,
        message: what ? `${what}: ${described.message}` : described.message,
      });
    };
    const listed = (await listTagsOrGone(store, repository, source)).filter(
      tag => !isSupplyChainTag(tag),
    );
    const tags = listed.filter(isValidTag);
    if (tags.length < listed.length) {
      const invalid = listed.filter(tag => !isValidTag(tag));
      fail(
        new Error(
          `the tag list names ${
            invalid.length
          } invalid tags (e.g. ${JSON.stringify(
            invalid[0].slice(0, 80),
          )}); they are skipped`,
        ),
      );
    }
    let pattern = await this.#store.getPatternByRepository(
      source.id,
      repository,
    );
    const notPatterns = await this.#store.notPatterns.digestsOf(
      source.id,
      repository,
    );
    const { resolved, prefetched, unresolved } = await this.#resolveTags(
      store,
      repository,
      tags,
      pattern !== undefined || notPatterns.size > 0,
      counts,
      fail,
    );
    counts.tags += resolved.length;
    if (!pattern && resolved.length === 0) return undefined; // an empty repository is no pattern yet

    const digests = [...new Set(resolved.map(r => r.descriptor.digest))];
    const known = pattern
      ? await this.#store.versionIdsByDigest(pattern.id, digests)
      : new Map<string, number>();
    const versionIds = new Map(known);
    const created = pattern === undefined;
    let newVersions = 0;
    const newNotPatterns: Array<{ digest: string; reason: string }> = [];

    for (const digest of digests.filter(d => !known.has(d))) {
      if (notPatterns.has(digest)) {
        counts.notPatterns++;
        continue;
      }
      try {
        let fetched = prefetched.get(digest);
        if (!fetched) {
          fetched = await store.fetchManifest(repository, digest);
          counts.manifestsFetched++;
        }
        let unpacked;
        try {
          unpacked = unpackPattern(fetched, `${repository}@${digest}`);
        } catch (error) {
          if (!(error instanceof NotAPatternError)) throw error;
          counts.notPatterns++;
          newNotPatterns.push({ digest, reason: error.message });
          continue;
        }
        const details = await readVersionDetails(unpacked, file =>
          this.#readYaml(store, repository, file, now, counts),
        );
        for (const problem of details.problems) {
          counts.errors++;
          errors.push({
            repository,
            message: describe(
              new Error(`${digest} ${problem.file ?? ''}: ${problem.message}`),
            ).message,
          });
        }
        if (!pattern) {
          pattern = await this.#ensurePattern(
            source,
            repository,
            unpacked.signals,
            unpacked.kind,
            now,
          );
        }
        const id = await this.#store.insertVersion(
          pattern.id,
          {
            digest,
            mediaType: fetched.descriptor.mediaType,
            manifestSize: fetched.descriptor.size,
            version: unpacked.signals.version,
            created: unpacked.signals.created,
            signals: unpacked.signals,
            maturity: details.maturity,
            crds: details.crds,
            problems: [
              ...details.problems,
              ...unpacked.problems,
              ...details.cut,
            ],
            files: unpacked.files,
            imports: details.imports,
          },
          now,
        );
        versionIds.set(digest, id);
        newVersions++;
      } catch (error) {
        // This version's problem: the repository's other versions and tags go on.
        if (!isVersionError(error)) throw error;
        fail(error, error instanceof OciError ? undefined : digest);
      }
    }
    counts.newVersions += newVersions;
    await this.#store.notPatterns.remember(
      source.id,
      repository,
      newNotPatterns,
      now,
    );
    if (unresolved.length === 0 && notPatterns.size > 0) {
      await this.#store.notPatterns.forgetAllBut(
        source.id,
        repository,
        new Set(digests),
      );
    }
    if (!pattern) return undefined; // nothing but non-pattern manifests

    const present = new Map<string, number>();
    const keep = new Set(unresolved);
    for (const { tag, descriptor } of resolved) {
      const id = versionIds.get(descriptor.digest);
      if (id !== undefined) present.set(tag, id);
      // A tag whose version could not be stored this time stays as it was.
      else if (!notPatterns.has(descriptor.digest)) keep.add(tag);
    }
    const tagChanges = await this.#store.applyTags(
      pattern.id,
      present,
      now,
      dropBefore,
      keep,
    );
    counts.movedTags += tagChanges.moved;
    counts.missingTags += tagChanges.markedMissing;
    counts.droppedTags += tagChanges.dropped;

    const latestChanged = await this.#updateLatest(
      source,
      pattern.id,
      resolved,
      versionIds,
      now,
    );
    const revived = pattern.missingSince !== null;
    if (created) return 'added';
    const tagsChanged =
      tagChanges.added +
        tagChanges.moved +
        tagChanges.markedMissing +
        tagChanges.dropped >
      0;
    return newVersions > 0 || tagsChanged || latestChanged || revived
      ? 'updated'
      : undefined;
  }

  /**
   * Tag → descriptor. A repository seen before is HEADed tag by tag (its
   * digests are mostly known); one seen for the first time needs every
   * manifest, and a GET by tag answers with the digest too. A tag whose
   * manifest cannot be read is that tag's problem (`unresolved`: left as it
   * was); an unreachable registry fails the repository.
   */
  async #resolveTags(
    store: OciStore,
    repository: string,
    tags: string[],
    seenBefore: boolean,
    counts: SyncCounts,
    fail: (error: unknown, what?: string) => void,
  ) {
    const tagLimit = pLimit(HEAD_CONCURRENCY);
    const prefetched = new Map<string, FetchedManifest>();
    const unresolved: string[] = [];
    const results = await settleAll(
      tags.map(tag =>
        tagLimit(async () => {
          try {
            if (seenBefore) {
              return { tag, descriptor: await store.resolve(repository, tag) };
            }
            const fetched = await store.fetchManifest(repository, tag);
            counts.manifestsFetched++;
            prefetched.set(fetched.descriptor.digest, fetched);
            return { tag, descriptor: fetched.descriptor };
          } catch (error) {
            if (!isVersionError(error)) throw error;
            // A tag deleted since the listing is simply gone.
            if (error instanceof OciNotFoundError) return undefined;
            fail(error);
            unresolved.push(tag);
            return undefined;
          }
        }),
      ),
    );
    const resolved = results.filter(
      (r): r is { tag: string; descriptor: Descriptor } => r !== undefined,
    );
    return { resolved, prefetched, unresolved };
  }

  async #ensurePattern(
    source: SourceConfig,
    repository: string,
    signals: PatternSignals,
    kind: 'Katalog' | 'Motif',
    now: string,
  ) {
    const id = await this.#store.upsertPattern(
      {
        sourceId: source.id,
        registry: source.registry,
        repository,
        kind,
        name: signals.name ?? repository.split('/').pop()!,
        description: signals.description,
        author: signals.author,
        owner: ownerFor(this.#config.ownership, signals.author),
        tags: signals.tags,
      },
      now,
    );
    return (await this.#store.getPattern(id))!;
  }

  /** Latest = the highest version tag; the pattern's identity follows it. */
  async #updateLatest(
    source: SourceConfig,
    patternId: number,
    resolved: Array<{ tag: string; descriptor: Descriptor }>,
    versionIds: Map<string, number>,
    now: string,
  ): Promise<boolean> {
    const versions = await this.#store.getVersionsByIds([
      ...new Set(versionIds.values()),
    ]);
    const byDigest = new Map(versions.map(v => [v.digest, v]));
    const ordered = orderPatternVersions(
      resolved
        .filter(r => byDigest.has(r.descriptor.digest))
        .map(r => ({
          tag: r.tag,
          digest: r.descriptor.digest,
          created: byDigest.get(r.descriptor.digest)!.created ?? undefined,
        })),
    );
    const latest = ordered[0];
    const row = latest ? byDigest.get(latest.digest) : undefined;
    const pattern = (await this.#store.getPattern(patternId))!;
    if (row) {
      const signals = row.signals;
      await this.#store.upsertPattern(
        {
          sourceId: source.id,
          registry: source.registry,
          repository: pattern.repository,
          kind: pattern.kind,
          name: signals.name ?? pattern.name,
          description: signals.description,
          author: signals.author,
          owner: ownerFor(this.#config.ownership, signals.author),
          tags: signals.tags,
        },
        now,
      );
    }
    const changed = await this.#store.setLatest(
      patternId,
      row?.id ?? null,
      latest?.version ?? null,
    );
    if (changed) await this.#store.touchPattern(patternId, now);
    return changed;
  }

  async #readYaml(
    store: OciStore,
    repository: string,
    file: PatternFileEntry,
    now: string,
    counts: SyncCounts,
  ): Promise<string> {
    const cached = await this.#store.getBlob(file.digest);
    if (cached !== undefined) {
      counts.blobsReused++;
      return cached;
    }
    const bytes = await store.fetchBlob(repository, file, {
      maxBytes: this.#config.sync.maxYamlBytes,
    });
    counts.blobsFetched++;
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // A NUL is never YAML (the parser says so), and PostgreSQL cannot store it as text: not cached.
    if (!text.includes('\u0000'))
      await this.#store.putBlob(file.digest, text, now);
    return text;
  }

  /**
   * Re-evaluates the policy of every version of the source (time moves
   * deprecations on; imports may have changed) and writes only the results
   * that differ. Reads go by pages of patterns, not one query per pattern.
   */
  async #refreshPolicies(
    source: SourceConfig,
    only?: Awaited<ReturnType<PatternStore['getPattern']>>,
  ): Promise<string[]> {
    const now = this.#now();
    const changedRepositories = new Set<string>();
    const patterns = only ? [only] : await this.#patternsOf(source.id);
    for (let start = 0; start < patterns.length; start += POLICY_PAGE) {
      const page = patterns.slice(start, start + POLICY_PAGE);
      const byId = new Map(page.map(pattern => [pattern.id, pattern]));
      const versions = await this.#store.listVersionsOfPatterns([
        ...byId.keys(),
      ]);
      const importsByVersion = new Map<number, string[]>();
      for (const i of await this.#store.listImports(versions.map(v => v.id))) {
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
          this.#config.policy,
          now,
        );
        if (JSON.stringify(policy) === JSON.stringify(version.policy)) continue;
        if (
          (await this.#store.updatePolicy(version.id, policy)) &&
          version.id === pattern.latestVersionId
        ) {
          changedRepositories.add(pattern.repository);
        }
      }
    }
    return [...changedRepositories];
  }

  async #publish(
    source: SourceConfig,
    changed: Map<string, PatternChangedEvent['change']>,
  ) {
    if (!this.#events) return;
    for (const [repository, change] of changed) {
      const eventPayload: PatternChangedEvent = {
        source: source.id,
        repository,
        reference: `${source.registry}/${repository}`,
        change,
      };
      try {
        await this.#events.publish({
          topic: PATTERN_CHANGED_TOPIC,
          eventPayload,
        });
      } catch (error) {
        this.#logger.warn(
          `Could not publish ${PATTERN_CHANGED_TOPIC}: ${
            describe(error).message
          }`,
        );
      }
    }
  }
}
