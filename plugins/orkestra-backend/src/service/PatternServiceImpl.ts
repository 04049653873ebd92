import { InputError, NotFoundError } from '@backstage/errors';
import {
  compareVersionTags,
  CrdSummary,
  deprecationState,
  evaluatePolicy,
  isAllowedReference,
  isFloatingTag,
  ListPatternsResponse,
  orderPatternVersions,
  PatternDependent,
  PatternEntityData,
  PatternEntityFeed,
  PatternFile,
  PatternImport,
  PatternQuery,
  PatternSignals,
  PatternSummary,
  PatternVersion,
  PatternVersionHeadline,
  PolicyResult,
  PolicyStatus,
  SourceStatus,
  SyncRun,
  UpgradePath,
  VersionProblem,
} from '@orkspace/backstage-plugin-orkestra-common';
import { isDigest } from '@orkspace/backstage-plugin-orkestra-node';
import { OrkestraConfig } from '../config/orkestraConfig';
import { toSourceSummary } from '@orkspace/backstage-plugin-orkestra-node';
import {
  PatternRow,
  PatternStore,
  VersionHeadlineRow,
  VersionRow,
} from '../store/PatternStore';
import { OpenSources } from '../sources/OpenSources';
import { SyncEngine } from '../sync/SyncEngine';
import { crdChanges } from './crdChanges';
import { FileContent, PatternService } from './types';

/** Largest file content the API serves. */
export const MAX_FILE_CONTENT_BYTES = 1024 * 1024;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

export function patternId(
  pattern: Pick<PatternRow, 'source_id' | 'repository'>,
): string {
  return `${pattern.source_id}:${pattern.repository}`;
}

function splitId(id: string): { sourceId: string; repository: string } {
  const cut = id.indexOf(':');
  if (cut <= 0)
    throw new InputError(
      `invalid pattern id "${id.slice(
        0,
        200,
      )}": expected <source>:<repository>`,
    );
  return { sourceId: id.slice(0, cut), repository: id.slice(cut + 1) };
}

function encodeCursor(afterId: number): string {
  return Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
}

/** Largest row id a cursor may name: ids are 32-bit integer columns. */
const MAX_CURSOR_ID = 2_147_483_647;

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const after = value?.after;
    if (Number.isSafeInteger(after) && after >= 1 && after <= MAX_CURSOR_ID) {
      return after;
    }
  } catch {
    // fall through
  }
  throw new InputError(
    'Invalid cursor: expected a cursor from a previous page',
  );
}

interface VersionView {
  row: VersionRow;
  version: PatternVersion;
}

/** The read model behind the HTTP API, built from the store. */
export class PatternServiceImpl implements PatternService {
  readonly #store: PatternStore;
  readonly #engine: SyncEngine;
  readonly #sources: OpenSources;
  readonly #config: OrkestraConfig;
  readonly #now: () => Date;

  constructor(options: {
    store: PatternStore;
    engine: SyncEngine;
    /** The opened sources, shared with the sync; opened from `config` when absent. */
    sources?: OpenSources;
    config: OrkestraConfig;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#engine = options.engine;
    this.#sources =
      options.sources ?? new OpenSources({ sources: options.config.sources });
    this.#config = options.config;
    this.#now = options.now ?? (() => new Date());
  }

  async listPatterns(query: PatternQuery): Promise<ListPatternsResponse> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new InputError(`limit must be from 1 to ${MAX_LIMIT}`);
    }
    const page = await this.#store.listPatterns(
      {
        kind: query.kind,
        simulate: query.simulate,
        e2e: query.e2e,
        deprecated: query.deprecated,
        policyStatus: query.policy,
        importsBehind: query.importsBehind,
        owner: query.owner,
        source: query.source,
        text: query.q,
      },
      { afterId: decodeCursor(query.cursor), limit },
    );
    const items = await this.#summaries(page.rows);
    return {
      items,
      totalCount: page.totalCount,
      ...(page.hasMore
        ? { nextCursor: encodeCursor(page.rows[page.rows.length - 1].id) }
        : {}),
    };
  }

  async getPattern(id: string): Promise<PatternSummary> {
    const [summary] = await this.#summaries([await this.#pattern(id)]);
    return summary;
  }

  async listVersions(id: string): Promise<PatternVersion[]> {
    return (await this.#versions(await this.#pattern(id))).map(v => v.version);
  }

  async getVersion(id: string, version: string): Promise<PatternVersion> {
    return (await this.#version(await this.#pattern(id), version)).version;
  }

  async listFiles(id: string, version: string): Promise<PatternFile[]> {
    const { row } = await this.#version(await this.#pattern(id), version);
    return (await this.#store.listFiles(row.id)).map(f => ({
      name: f.name,
      mediaType: f.media_type,
      size: Number(f.size),
      digest: f.digest,
    }));
  }

  async getFileContent(
    id: string,
    version: string,
    file: string,
  ): Promise<FileContent> {
    const pattern = await this.#pattern(id);
    const { row } = await this.#version(pattern, version);
    const entry = (await this.#store.listFiles(row.id)).find(
      f => f.name === file,
    );
    if (!entry) throw new NotFoundError(`${id} ${version} has no file ${file}`);
    const size = Number(entry.size);
    const base = { name: entry.name, mediaType: entry.media_type, size };
    if (size > MAX_FILE_CONTENT_BYTES)
      return { ...base, content: new Uint8Array(), truncated: true };
    const cached = await this.#store.getBlob(entry.digest);
    if (cached !== undefined)
      return {
        ...base,
        content: new TextEncoder().encode(cached),
        truncated: false,
      };
    const store = await this.#sources.storeFor(pattern.source_id);
    const content = await store.fetchBlob(
      pattern.repository,
      { mediaType: entry.media_type, digest: entry.digest, size },
      { maxBytes: MAX_FILE_CONTENT_BYTES },
    );
    return { ...base, content, truncated: false };
  }

  async listDependencies(
    id: string,
    version?: string,
  ): Promise<PatternImport[]> {
    const pattern = await this.#pattern(id);
    const row = version
      ? (await this.#version(pattern, version)).row
      : await this.#latestRow(pattern);
    if (!row) return [];
    const imports = await this.#store.listImports([row.id]);
    const targets = new Map(
      (
        await this.#store.getPatternsByIds(
          imports.flatMap(i =>
            i.target_pattern_id ? [i.target_pattern_id] : [],
          ),
        )
      ).map(p => [p.id, p]),
    );
    return imports.map(i => {
      const reference =
        i.registry && i.repository
          ? `${i.registry}/${i.repository}`
          : undefined;
      const target = i.target_pattern_id
        ? targets.get(i.target_pattern_id)
        : undefined;
      const latest = target?.latest_tag ?? undefined;
      return {
        type: i.type,
        raw: i.raw,
        ...(reference ? { reference } : {}),
        ...(i.tag ? { tag: i.tag } : {}),
        ...(i.digest ? { digest: i.digest } : {}),
        ...(i.crd ? { crd: i.crd } : {}),
        ...(target ? { patternId: patternId(target) } : {}),
        ...(latest ? { latestVersion: latest } : {}),
        ...(target && latest && i.tag
          ? { behindLatest: isBehind(i.tag, latest) }
          : {}),
        allowed: reference
          ? isAllowedReference(reference, this.#config.policy.allowedRegistries)
          : true,
      };
    });
  }

  async listDependents(id: string): Promise<PatternDependent[]> {
    const pattern = await this.#pattern(id);
    const imports = await this.#store.listImportsOf(pattern.id);
    const versions = new Map(
      (
        await this.#store.getVersionsByIds([
          ...new Set(imports.map(i => i.version_id)),
        ])
      ).map(v => [v.id, v]),
    );
    const importers = new Map(
      (
        await this.#store.getPatternsByIds([
          ...new Set([...versions.values()].map(v => v.pattern_id)),
        ])
      ).map(p => [p.id, p]),
    );
    const dependents: PatternDependent[] = [];
    const seen = new Set<string>();
    for (const imported of imports) {
      const version = versions.get(imported.version_id);
      const importer = version ? importers.get(version.pattern_id) : undefined;
      // The importer's current (latest) version is what matters for "behind".
      if (
        !version ||
        !importer ||
        importer.latest_version_id !== version.id ||
        importer.missing_since
      )
        continue;
      const key = `${importer.id}:${imported.tag ?? imported.digest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      dependents.push({
        patternId: patternId(importer),
        name: importer.name,
        kind: importer.kind,
        version: importer.latest_tag ?? version.version ?? version.digest,
        ...(imported.tag ? { importedVersion: imported.tag } : {}),
        behindLatest:
          imported.tag !== null &&
          pattern.latest_tag !== null &&
          isBehind(imported.tag, pattern.latest_tag),
      });
    }
    return dependents.sort((a, b) => a.patternId.localeCompare(b.patternId));
  }

  async getUpgradePath(id: string, version: string): Promise<UpgradePath> {
    const pattern = await this.#pattern(id);
    const from = await this.#version(pattern, version);
    const newer = (await this.#versions(pattern))
      .filter(v => !v.version.floatingOnly && !v.version.untagged)
      .filter(
        v => compareVersionTags(v.version.version, from.version.version) > 0,
      )
      .sort((a, b) => compareVersionTags(a.version.version, b.version.version));
    let previous = from.version.crds;
    const steps = newer.map(v => {
      const step = {
        version: v.version.version,
        digest: v.version.digest,
        ...(v.version.created ? { created: v.version.created } : {}),
        headline: headline(v.version),
        crdChanges: crdChanges(previous, v.version.crds),
      };
      previous = v.version.crds;
      return step;
    });
    const migratedTo = from.version.signals.deprecation?.migratedTo;
    return {
      from: { version: from.version.version, digest: from.version.digest },
      ...(pattern.latest_tag ? { latest: pattern.latest_tag } : {}),
      steps,
      ...(migratedTo ? { migratedTo } : {}),
    };
  }

  async getPolicy(id: string, version: string): Promise<PolicyResult> {
    return (await this.#version(await this.#pattern(id), version)).version
      .policy;
  }

  async listSources(): Promise<SourceStatus[]> {
    return Promise.all(
      this.#config.sources.map(async source => {
        // A source's health is that of its last full run, not of someone's one-repository resync.
        const [lastSync] = await this.#store.listSyncRuns(source.id, 1, {
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
    if (!this.#config.sources.some(s => s.id === sourceId))
      throw new NotFoundError(`no source ${sourceId}`);
    return this.#store.listSyncRuns(sourceId, limit);
  }

  async recordGateRun(run: {
    reference: string;
    gate: 'simulate' | 'e2e';
    status: string;
    startedAt: string;
    finishedAt?: string;
    taskId?: string;
    detail?: Record<string, unknown>;
  }): Promise<number> {
    return this.#store.recordGateRun(run);
  }

  async resyncRepository(
    sourceId: string,
    repository: string,
  ): Promise<SyncRun> {
    if (!this.#config.sources.some(s => s.id === sourceId))
      throw new NotFoundError(`no source ${sourceId}`);
    const result = await this.#engine.syncRepository(sourceId, repository);
    const run = await this.#store.getSyncRun(result.runId);
    if (!run) throw new NotFoundError(`sync run ${result.runId} vanished`);
    return run;
  }

  async resync(id: string): Promise<SyncRun> {
    const pattern = await this.#pattern(id);
    const result = await this.#engine.syncRepository(
      pattern.source_id,
      pattern.repository,
    );
    const run = await this.#store.getSyncRun(result.runId);
    if (!run) throw new NotFoundError(`sync run ${result.runId} vanished`);
    return run;
  }

  async entityFeed(options: {
    cursor?: string;
    limit?: number;
    source?: string;
    repository?: string;
  }): Promise<PatternEntityFeed> {
    const limit = Math.min(options.limit ?? 500, 1000);
    // A missing pattern keeps its entity until it is dropped after the grace
    // period: a repository that is back in time loses nothing in the catalog.
    const page = await this.#store.listPatterns(
      {
        source: options.source,
        repository: options.repository,
        includeMissing: true,
      },
      { afterId: decodeCursor(options.cursor), limit },
    );
    const summaries = await this.#summaries(page.rows);
    const latestIds = page.rows.flatMap(r =>
      r.latest_version_id !== null ? [r.latest_version_id] : [],
    );
    const latest = new Map(
      (await this.#store.getVersionsByIds(latestIds)).map(v => [v.id, v]),
    );
    const imports = await this.#store.listImports(latestIds);
    const targets = new Map(
      (
        await this.#store.getPatternsByIds([
          ...new Set(
            imports.flatMap(i =>
              i.target_pattern_id ? [i.target_pattern_id] : [],
            ),
          ),
        ])
      ).map(p => [p.id, p]),
    );
    // One query per page, not one per pattern.
    const crdDefinitions = await this.#store.fileContents(
      latestIds,
      'crd.yaml',
    );
    const items: PatternEntityData[] = page.rows.map((row, index) => {
      const version =
        row.latest_version_id !== null
          ? latest.get(row.latest_version_id)
          : undefined;
      const signals = version
        ? (JSON.parse(version.signals_json) as PatternSignals)
        : undefined;
      const dependsOn = [
        ...new Set(
          imports
            .filter(
              i =>
                i.version_id === row.latest_version_id && i.target_pattern_id,
            )
            .map(i => targets.get(i.target_pattern_id!))
            .filter((p): p is PatternRow => p !== undefined)
            .map(p => `${p.registry}/${p.repository}`),
        ),
      ];
      return {
        ...summaries[index],
        dependsOn,
        crds: version ? (JSON.parse(version.crds_json) as CrdSummary[]) : [],
        ...(version && crdDefinitions.has(version.id)
          ? { crdDefinition: crdDefinitions.get(version.id) }
          : {}),
        ...(signals ? { signals } : {}),
        ...(signals?.license ? { license: signals.license } : {}),
      };
    });
    return {
      items,
      ...(page.hasMore
        ? { nextCursor: encodeCursor(page.rows[page.rows.length - 1].id) }
        : {}),
    };
  }

  // Building blocks

  async #latestRow(pattern: PatternRow): Promise<VersionRow | undefined> {
    if (pattern.latest_version_id === null) return undefined;
    return (await this.#store.getVersionsByIds([pattern.latest_version_id]))[0];
  }

  async #pattern(id: string): Promise<PatternRow> {
    const { sourceId, repository } = splitId(id);
    const row = await this.#store.getPatternByRepository(sourceId, repository);
    if (!row) throw new NotFoundError(`no pattern ${id}`);
    return row;
  }

  async #summaries(rows: PatternRow[]): Promise<PatternSummary[]> {
    const latestIds = rows.flatMap(r =>
      r.latest_version_id !== null ? [r.latest_version_id] : [],
    );
    const latest = new Map(
      (await this.#store.getVersionHeadlines(latestIds)).map(v => [v.id, v]),
    );
    const counts = await this.#store.countVersions(rows.map(r => r.id));
    return rows.map(row => {
      const version =
        row.latest_version_id !== null
          ? latest.get(row.latest_version_id)
          : undefined;
      return {
        id: patternId(row),
        source: row.source_id,
        registry: row.registry,
        repository: row.repository,
        reference: `${row.registry}/${row.repository}`,
        kind: row.kind,
        name: row.name,
        ...(row.description ? { description: row.description } : {}),
        ...(row.author ? { author: row.author } : {}),
        owner: row.owner,
        tags: JSON.parse(row.tags_json),
        ...(version ? { latest: this.#headline(version, row.latest_tag) } : {}),
        versionCount: counts.get(row.id) ?? 0,
        ...(row.missing_since ? { missingSince: row.missing_since } : {}),
        updatedAt: row.updated_at,
      };
    });
  }

  /** Every version, newest first: tagged versions in version order, then untagged ones. */
  async #versions(pattern: PatternRow): Promise<VersionView[]> {
    const rows = await this.#store.listVersions(pattern.id);
    const tags = (await this.#store.listTags(pattern.id)).filter(
      t => !t.missing_since,
    );
    const byId = new Map(rows.map(r => [r.id, r]));
    const ordered = orderPatternVersions(
      tags
        .filter(t => byId.has(t.version_id))
        .map(t => ({
          tag: t.tag,
          digest: byId.get(t.version_id)!.digest,
          created: byId.get(t.version_id)!.created ?? undefined,
        })),
    );
    const byDigest = new Map(rows.map(r => [r.digest, r]));
    const views = ordered.map(v => ({
      row: byDigest.get(v.digest)!,
      version: this.#view(byDigest.get(v.digest)!, v.tags),
    }));
    const tagged = new Set(ordered.map(v => v.digest));
    const untagged = rows
      .filter(r => !tagged.has(r.digest))
      .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''))
      .map(row => ({ row, version: this.#view(row, []) }));
    return [...views, ...untagged];
  }

  async #version(pattern: PatternRow, version: string): Promise<VersionView> {
    const views = await this.#versions(pattern);
    const found = isDigest(version)
      ? views.find(v => v.row.digest === version)
      : views.find(v => v.version.tags.includes(version));
    if (!found)
      throw new NotFoundError(
        `${patternId(pattern)} has no version ${version}`,
      );
    return found;
  }

  /**
   * The headline of `#view(row, [tag])`, without parsing the version's CRDs,
   * problems and policy reasons: `policy_status` is the status of
   * `policy_json`, both are written together.
   */
  #headline(
    row: VersionHeadlineRow,
    tag: string | null,
  ): PatternVersionHeadline {
    const signals = JSON.parse(row.signals_json) as PatternSignals;
    const policyStatus =
      (row.policy_status as PolicyStatus | null) ??
      evaluatePolicy({ reference: '', signals }, {}, this.#now()).status;
    return headline({
      version: tag || (row.version ?? row.digest),
      digest: row.digest,
      ...(row.created ? { created: row.created } : {}),
      signals,
      deprecationState: deprecationState(signals.deprecation, this.#now())
        .state,
      ...(row.maturity ? { maturity: row.maturity } : {}),
      policy: { status: policyStatus },
    });
  }

  #view(row: VersionRow, tags: string[]): PatternVersion {
    const signals = JSON.parse(row.signals_json) as PatternSignals;
    const ordered = [...tags]
      .filter(Boolean)
      .sort((a, b) => compareVersionTags(b, a));
    const name = ordered[0] ?? row.version ?? row.digest;
    const policy: PolicyResult = row.policy_json
      ? JSON.parse(row.policy_json)
      : evaluatePolicy({ reference: '', signals }, {}, this.#now());
    return {
      digest: row.digest,
      version: name,
      tags: ordered,
      floatingOnly: ordered.length > 0 && isFloatingTag(ordered[0]),
      untagged: ordered.length === 0,
      ...(row.created ? { created: row.created } : {}),
      mediaType: row.media_type,
      size: row.manifest_size,
      signals,
      ...(row.maturity ? { maturity: row.maturity } : {}),
      deprecationState: deprecationState(signals.deprecation, this.#now())
        .state,
      policy,
      crds: JSON.parse(row.crds_json) as CrdSummary[],
      problems: JSON.parse(row.problems_json) as VersionProblem[],
      firstSeenAt: row.first_seen_at,
    };
  }
}

/**
 * An import at a version tag older than the latest. A floating tag
 * (`latest`, `main`) follows the latest and is never behind, as in the
 * `importsBehind` filter.
 */
function isBehind(importedTag: string, latestTag: string): boolean {
  return (
    !isFloatingTag(importedTag) &&
    compareVersionTags(importedTag, latestTag) < 0
  );
}

function headline(
  version: Pick<
    PatternVersion,
    | 'version'
    | 'digest'
    | 'created'
    | 'signals'
    | 'deprecationState'
    | 'maturity'
  > & { policy: Pick<PolicyResult, 'status'> },
): PatternVersionHeadline {
  return {
    version: version.version,
    digest: version.digest,
    ...(version.created ? { created: version.created } : {}),
    simulate: version.signals.simulate.state,
    e2e: version.signals.e2e.state,
    deprecated: version.signals.deprecation !== undefined,
    deprecationState: version.deprecationState,
    ...(version.maturity ? { maturity: version.maturity } : {}),
    policyStatus: version.policy.status,
  };
}
