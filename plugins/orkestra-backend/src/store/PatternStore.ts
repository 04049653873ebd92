import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CrdSummary,
  PatternSignals,
  boundedMessage,
  PolicyResult,
  SyncRun,
  TEXT_LIMITS,
  VersionProblem,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';
import { NotPatternStore } from './NotPatternStore';

const MIGRATIONS_DIR = resolvePackagePath(
  '@orkspace/backstage-plugin-orkestra-backend',
  'migrations',
);

export interface PatternRow {
  id: number;
  source_id: string;
  registry: string;
  repository: string;
  kind: 'Katalog' | 'Motif';
  name: string;
  description: string | null;
  author: string | null;
  owner: string;
  tags_json: string;
  latest_version_id: number | null;
  latest_tag: string | null;
  first_seen_at: string;
  updated_at: string;
  missing_since: string | null;
}

export interface VersionRow {
  id: number;
  pattern_id: number;
  digest: string;
  media_type: string;
  manifest_size: number;
  version: string | null;
  created: string | null;
  signals_json: string;
  simulate_state: string;
  e2e_state: string;
  deprecated: boolean | number;
  maturity: string | null;
  crds_json: string;
  policy_status: string | null;
  policy_json: string | null;
  problems_json: string;
  first_seen_at: string;
}

/** The columns of a version its headline needs (see `getVersionHeadlines`). */
export type VersionHeadlineRow = Pick<
  VersionRow,
  | 'id'
  | 'digest'
  | 'version'
  | 'created'
  | 'signals_json'
  | 'maturity'
  | 'policy_status'
>;

export interface TagRow {
  pattern_id: number;
  tag: string;
  version_id: number;
  updated_at: string;
  missing_since: string | null;
}

export interface FileRow {
  version_id: number;
  position: number;
  name: string;
  media_type: string;
  size: number | string;
  digest: string;
}

export interface ImportRow {
  id: number;
  version_id: number;
  type: 'motif' | 'profile' | 'registry';
  raw: string;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  crd: string | null;
  target_pattern_id: number | null;
}

/** A version as the sync engine records it. */
export interface NewVersion {
  digest: string;
  mediaType: string;
  manifestSize: number;
  version?: string;
  created?: string;
  signals: PatternSignals;
  maturity?: string;
  crds: CrdSummary[];
  problems: VersionProblem[];
  files: Array<{
    name: string;
    mediaType: string;
    size: number;
    digest: string;
  }>;
  imports: Array<Omit<ImportRow, 'id' | 'version_id' | 'target_pattern_id'>>;
}

export interface PatternIdentity {
  sourceId: string;
  registry: string;
  repository: string;
  kind: 'Katalog' | 'Motif';
  name: string;
  description?: string;
  author?: string;
  owner: string;
  tags: string[];
}

export interface PatternFilter {
  kind?: 'Katalog' | 'Motif';
  /** Latest version's simulate or e2e state. */
  simulate?: string;
  e2e?: string;
  deprecated?: boolean;
  policyStatus?: string;
  owner?: string;
  source?: string;
  /** Case-insensitive text in name, repository, description, author. */
  text?: string;
  /** Exactly this repository. */
  repository?: string;
  /**
   * The latest version imports a known pattern at a version tag other than
   * that pattern's latest (its highest) version tag: an importer that is
   * behind. Floating tags (`latest`, `main`) are never behind.
   */
  importsBehind?: boolean;
  includeMissing?: boolean;
}

const BATCH = 500;
/** Rows per insert statement: 100 rows × 9 columns stays far below every bind limit. */
const INSERT_CHUNK = 100;

/**
 * At most {@link TEXT_LIMITS.errorsPerRun} errors, each with a bounded
 * message; the run's `errors` count keeps the total.
 */
function boundedErrors(errors: SyncRun['errors']): SyncRun['errors'] {
  return errors.slice(0, TEXT_LIMITS.errorsPerRun).map(e => ({
    ...(e.repository ? { repository: e.repository.slice(0, 255) } : {}),
    ...(e.code ? { code: e.code.slice(0, 64) } : {}),
    message: boundedMessage(e.message),
  }));
}

/**
 * Replicas that start together race on knex's migration tables ("already
 * locked", "relation already exists"). Once the other replica is done, a
 * retry finds nothing left to do.
 */
async function migrateWithRetry(knex: Knex, attempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve =>
        setTimeout(resolve, 100 * attempt + Math.random() * 200),
      );
    }
  }
}

/**
 * The Orkestra store on knex: SQLite by default, PostgreSQL in production.
 * The plugin owns its migrations and honours `migrations.skip`.
 */
export class PatternStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<PatternStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithRetry(knex);
    }
    return new PatternStore(knex);
  }

  /** Manifests that are not patterns, remembered by digest. */
  readonly notPatterns: NotPatternStore;

  constructor(readonly knex: Knex) {
    this.notPatterns = new NotPatternStore(knex);
  }

  // Sources and sync runs

  async upsertSource(source: {
    id: string;
    type: string;
    target: string;
    registry: string;
  }): Promise<void> {
    await this.knex('orkestra_sources')
      .insert(source)
      .onConflict('id')
      .merge(['type', 'target', 'registry']);
  }

  /**
   * Starts a run over the whole source, or over one `repository` of it. Only
   * a run over the whole source says how the source is doing.
   */
  async startSyncRun(
    sourceId: string,
    trigger: string,
    now: string,
    repository?: string,
  ): Promise<number> {
    const [row] = await this.knex('orkestra_sync_runs')
      .insert({
        source_id: sourceId,
        trigger,
        started_at: now,
        status: 'running',
        repository: repository ?? null,
      })
      .returning('id');
    if (repository === undefined) {
      await this.knex('orkestra_sources')
        .where({ id: sourceId })
        .update({ last_sync_started_at: now, last_sync_status: 'running' });
    }
    return typeof row === 'object' ? row.id : row;
  }

  // Namespace checks (the index artifact digest at the last full check)

  async listNamespaceChecks(sourceId: string): Promise<
    Map<
      string,
      {
        indexDigest: string;
        entries: Record<string, string>;
        checkedAt: string;
      }
    >
  > {
    const rows = await this.knex('orkestra_namespace_checks').where({
      source_id: sourceId,
    });
    return new Map(
      rows.map(row => [
        row.namespace as string,
        {
          indexDigest: row.index_digest,
          entries: JSON.parse(row.entries_json ?? '{}'),
          checkedAt: row.checked_at,
        },
      ]),
    );
  }

  async recordNamespaceCheck(
    sourceId: string,
    namespace: string,
    check: {
      indexDigest: string;
      /** Index entry name to its JSON. */
      entries: Record<string, string>;
      /** When every repository of the namespace was last checked. */
      checkedAt: string;
    },
  ): Promise<void> {
    await this.knex('orkestra_namespace_checks')
      .insert({
        source_id: sourceId,
        namespace,
        index_digest: check.indexDigest,
        entries_json: JSON.stringify(check.entries),
        checked_at: check.checkedAt,
      })
      .onConflict(['source_id', 'namespace'])
      .merge(['index_digest', 'entries_json', 'checked_at']);
  }

  /**
   * Marks runs of a source that are still `running` but were abandoned (their
   * backend stopped mid-run) as failed, so the history does not show them
   * running forever. Returns how many were marked.
   */
  async abandonSyncRuns(
    sourceId: string,
    options: { trigger?: string; startedBefore: string; now: string },
  ): Promise<number> {
    const query = this.knex('orkestra_sync_runs')
      .where({ source_id: sourceId, status: 'running' })
      .where('started_at', '<=', options.startedBefore);
    if (options.trigger) query.where('trigger', options.trigger);
    return query.update({
      status: 'failed',
      finished_at: options.now,
      errors_json: JSON.stringify([
        {
          code: 'ABANDONED',
          message:
            'abandoned: the backend stopped before this run finished; a later run picked up its work',
        },
      ]),
    });
  }

  async finishSyncRun(
    runId: number,
    result: {
      status: SyncRun['status'];
      finishedAt: string;
      counts: Record<string, number>;
      errors: SyncRun['errors'];
    },
  ): Promise<void> {
    const run = await this.knex('orkestra_sync_runs')
      .where({ id: runId })
      .first();
    await this.knex('orkestra_sync_runs')
      .where({ id: runId })
      .update({
        status: result.status,
        finished_at: result.finishedAt,
        counts_json: JSON.stringify(result.counts),
        errors_json: JSON.stringify(boundedErrors(result.errors)),
      });
    if (run && run.repository === null) {
      await this.knex('orkestra_sources').where({ id: run.source_id }).update({
        last_sync_finished_at: result.finishedAt,
        last_sync_status: result.status,
      });
    }
  }

  /** The newest runs of a source; with `fullOnly`, runs over the whole source alone. */
  async listSyncRuns(
    sourceId: string,
    limit = 20,
    options: { fullOnly?: boolean } = {},
  ): Promise<SyncRun[]> {
    return this.listSyncRunsWhere(
      options.fullOnly
        ? { source_id: sourceId, repository: null }
        : { source_id: sourceId },
      limit,
    );
  }

  // Patterns

  async getPatternByRepository(
    sourceId: string,
    repository: string,
  ): Promise<PatternRow | undefined> {
    return this.knex<PatternRow>('orkestra_patterns')
      .where({ source_id: sourceId, repository })
      .first();
  }

  async getPattern(id: number): Promise<PatternRow | undefined> {
    return this.knex<PatternRow>('orkestra_patterns').where({ id }).first();
  }

  /** Creates or updates a pattern's identity; clears `missing_since`. Returns its id. */
  async upsertPattern(pattern: PatternIdentity, now: string): Promise<number> {
    const values = {
      registry: pattern.registry,
      kind: pattern.kind,
      name: pattern.name,
      description: pattern.description ?? null,
      author: pattern.author ?? null,
      owner: pattern.owner,
      tags_json: JSON.stringify(pattern.tags),
      missing_since: null,
    };
    const existing = await this.getPatternByRepository(
      pattern.sourceId,
      pattern.repository,
    );
    if (existing) {
      const changed =
        existing.registry !== values.registry ||
        existing.kind !== values.kind ||
        existing.name !== values.name ||
        existing.description !== values.description ||
        existing.author !== values.author ||
        existing.owner !== values.owner ||
        existing.tags_json !== values.tags_json ||
        existing.missing_since !== null;
      if (changed) {
        await this.knex('orkestra_patterns')
          .where({ id: existing.id })
          .update({ ...values, updated_at: now });
      }
      return existing.id;
    }
    // A scheduled and an on-demand run may meet here: the second insert is a no-op.
    await this.knex('orkestra_patterns')
      .insert({
        ...values,
        source_id: pattern.sourceId,
        repository: pattern.repository,
        first_seen_at: now,
        updated_at: now,
      })
      .onConflict(['source_id', 'repository'])
      .ignore();
    return (await this.getPatternByRepository(
      pattern.sourceId,
      pattern.repository,
    ))!.id;
  }

  async touchPattern(id: number, now: string): Promise<void> {
    await this.knex('orkestra_patterns')
      .where({ id })
      .update({ updated_at: now });
  }

  async setLatest(
    patternId: number,
    versionId: number | null,
    tag: string | null,
  ): Promise<boolean> {
    const changed = await this.knex('orkestra_patterns')
      .where({ id: patternId })
      .andWhere(q =>
        q
          .whereNot({ latest_version_id: versionId ?? -1 })
          .orWhereNull('latest_version_id')
          .orWhereNot({ latest_tag: tag ?? '' })
          .orWhereNull('latest_tag'),
      )
      .update({ latest_version_id: versionId, latest_tag: tag });
    return changed > 0;
  }

  /**
   * Marks the source's patterns not in `present` as missing (from `now`), and
   * drops those missing since before `dropBefore`. Only call after a complete
   * listing of the source: a failed or partial listing must not get here.
   */
  async markMissingPatterns(
    sourceId: string,
    present: string[],
    now: string,
    dropBefore: string,
  ): Promise<{ markedMissing: number; dropped: number }> {
    const presentSet = new Set(present);
    const rows = await this.knex<PatternRow>('orkestra_patterns')
      .where({ source_id: sourceId })
      .select('id', 'repository', 'missing_since');
    const absent = rows.filter(r => !presentSet.has(r.repository));
    const toMark = absent.filter(r => !r.missing_since).map(r => r.id);
    const toDrop = absent
      .filter(r => r.missing_since && r.missing_since < dropBefore)
      .map(r => r.id);
    for (let i = 0; i < toMark.length; i += BATCH) {
      await this.knex('orkestra_patterns')
        .whereIn('id', toMark.slice(i, i + BATCH))
        .update({ missing_since: now, updated_at: now });
    }
    for (let i = 0; i < toDrop.length; i += BATCH) {
      await this.deletePatterns(toDrop.slice(i, i + BATCH));
    }
    return { markedMissing: toMark.length, dropped: toDrop.length };
  }

  async deletePatterns(ids: number[]): Promise<void> {
    if (!ids.length) return;
    await this.knex.transaction(async tx => {
      const versionIds = tx('orkestra_versions')
        .whereIn('pattern_id', ids)
        .select('id');
      await tx('orkestra_imports').whereIn('version_id', versionIds).delete();
      await tx('orkestra_files').whereIn('version_id', versionIds).delete();
      await tx('orkestra_tags').whereIn('pattern_id', ids).delete();
      await tx('orkestra_imports')
        .whereIn('target_pattern_id', ids)
        .update({ target_pattern_id: null });
      await tx('orkestra_versions').whereIn('pattern_id', ids).delete();
      await tx('orkestra_patterns').whereIn('id', ids).delete();
    });
  }

  async listPatterns(
    filter: PatternFilter,
    page: { afterId?: number; limit: number },
  ) {
    const query = this.knex<PatternRow>('orkestra_patterns as p');
    // Join the latest version only to filter on it: every page counts its
    // matches, and counting over the join was most of an unfiltered list
    // request's time (about 1.5 of 3 ms at 5,000 patterns on SQLite).
    if (
      filter.simulate ||
      filter.e2e ||
      filter.deprecated !== undefined ||
      filter.policyStatus
    ) {
      query.leftJoin('orkestra_versions as v', 'v.id', 'p.latest_version_id');
    }
    if (!filter.includeMissing) query.whereNull('p.missing_since');
    if (filter.kind) query.where('p.kind', filter.kind);
    if (filter.owner) query.where('p.owner', filter.owner);
    if (filter.source) query.where('p.source_id', filter.source);
    if (filter.repository) query.where('p.repository', filter.repository);
    if (filter.simulate) query.where('v.simulate_state', filter.simulate);
    if (filter.e2e) query.where('v.e2e_state', filter.e2e);
    if (filter.deprecated !== undefined)
      query.where('v.deprecated', filter.deprecated);
    if (filter.policyStatus)
      query.where('v.policy_status', filter.policyStatus);
    if (filter.importsBehind !== undefined) {
      const behind = this.knex('orkestra_imports as i')
        .join('orkestra_patterns as t', join =>
          join
            .on('t.registry', 'i.registry')
            .andOn('t.repository', 'i.repository'),
        )
        .whereRaw('i.version_id = p.latest_version_id')
        .whereNull('t.missing_since')
        .whereNotNull('t.latest_tag')
        .whereRaw('i.tag <> t.latest_tag')
        // A version tag starts with a digit, or with v and a digit.
        .whereRaw(
          "(substr(i.tag, 1, 1) between '0' and '9' or (lower(substr(i.tag, 1, 1)) = 'v' and substr(i.tag, 2, 1) between '0' and '9'))",
        )
        .select(this.knex.raw('1'));
      if (filter.importsBehind) query.whereExists(behind);
      else query.whereNotExists(behind);
    }
    if (filter.text) {
      const like = `%${filter.text
        .toLowerCase()
        .replace(/[\\%_]/g, c => `\\${c}`)}%`;
      query.where(q =>
        q
          .whereRaw("lower(p.name) like ? escape '\\'", [like])
          .orWhereRaw("lower(p.repository) like ? escape '\\'", [like])
          .orWhereRaw("lower(coalesce(p.description, '')) like ? escape '\\'", [
            like,
          ])
          .orWhereRaw("lower(coalesce(p.author, '')) like ? escape '\\'", [
            like,
          ]),
      );
    }
    const total = await query
      .clone()
      .count<{ count: string | number }[]>({ count: '*' });
    if (page.afterId !== undefined) query.where('p.id', '>', page.afterId);
    const rows: PatternRow[] = await query
      .select('p.*')
      .orderBy('p.id', 'asc')
      .limit(page.limit + 1);
    return {
      rows: rows.slice(0, page.limit),
      hasMore: rows.length > page.limit,
      totalCount: Number(total[0]?.count ?? 0),
    };
  }

  async getSyncRun(id: number): Promise<SyncRun | undefined> {
    return (await this.listSyncRunsWhere({ id }, 1))[0];
  }

  private async listSyncRunsWhere(
    where: Record<string, unknown>,
    limit: number,
  ): Promise<SyncRun[]> {
    const rows = await this.knex('orkestra_sync_runs')
      .where(where)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      id: row.id,
      source: row.source_id,
      trigger: row.trigger,
      ...(row.repository ? { repository: row.repository } : {}),
      startedAt: row.started_at,
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      status: row.status,
      counts: JSON.parse(row.counts_json),
      errors: JSON.parse(row.errors_json),
    }));
  }

  /** Number of versions of each pattern. */
  async countVersions(patternIds: number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (let i = 0; i < patternIds.length; i += BATCH) {
      const rows = await this.knex('orkestra_versions')
        .whereIn('pattern_id', patternIds.slice(i, i + BATCH))
        .groupBy('pattern_id')
        .select('pattern_id')
        .count<{ pattern_id: number; count: string | number }[]>({
          count: 'id',
        });
      for (const row of rows) counts.set(row.pattern_id, Number(row.count));
    }
    return counts;
  }

  async getPatternsByIds(ids: number[]): Promise<PatternRow[]> {
    const rows: PatternRow[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      rows.push(
        ...(await this.knex<PatternRow>('orkestra_patterns').whereIn(
          'id',
          ids.slice(i, i + BATCH),
        )),
      );
    }
    return rows;
  }

  // Versions, tags, files, imports

  async listVersions(patternId: number): Promise<VersionRow[]> {
    return this.knex<VersionRow>('orkestra_versions')
      .where({ pattern_id: patternId })
      .orderBy('id', 'asc');
  }

  /** The versions of several patterns, for work over a whole source. */
  async listVersionsOfPatterns(patternIds: number[]): Promise<VersionRow[]> {
    const rows: VersionRow[] = [];
    for (let i = 0; i < patternIds.length; i += BATCH) {
      rows.push(
        ...(await this.knex<VersionRow>('orkestra_versions')
          .whereIn('pattern_id', patternIds.slice(i, i + BATCH))
          .orderBy('id', 'asc')),
      );
    }
    return rows;
  }

  async getVersionsByIds(ids: number[]): Promise<VersionRow[]> {
    const rows: VersionRow[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      rows.push(
        ...(await this.knex<VersionRow>('orkestra_versions').whereIn(
          'id',
          ids.slice(i, i + BATCH),
        )),
      );
    }
    return rows;
  }

  /** Versions by id, with only the columns of their headlines: for lists. */
  async getVersionHeadlines(ids: number[]): Promise<VersionHeadlineRow[]> {
    const rows: VersionHeadlineRow[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      rows.push(
        ...(await this.knex<VersionRow>('orkestra_versions')
          .whereIn('id', ids.slice(i, i + BATCH))
          .select(
            'id',
            'digest',
            'version',
            'created',
            'signals_json',
            'maturity',
            'policy_status',
          )),
      );
    }
    return rows;
  }

  async versionIdsByDigest(
    patternId: number,
    digests: string[],
  ): Promise<Map<string, number>> {
    const map = new Map<string, number>();
    for (let i = 0; i < digests.length; i += BATCH) {
      const rows = await this.knex('orkestra_versions')
        .where({ pattern_id: patternId })
        .whereIn('digest', digests.slice(i, i + BATCH))
        .select('id', 'digest');
      for (const row of rows) map.set(row.digest, row.id);
    }
    return map;
  }

  async insertVersion(
    patternId: number,
    version: NewVersion,
    now: string,
  ): Promise<number> {
    return this.knex.transaction(async tx => {
      const inserted = await tx('orkestra_versions')
        .insert({
          pattern_id: patternId,
          digest: version.digest,
          media_type: version.mediaType,
          manifest_size: version.manifestSize,
          version: version.version ?? null,
          created: version.created ?? null,
          signals_json: JSON.stringify(version.signals),
          simulate_state: version.signals.simulate.state,
          e2e_state: version.signals.e2e.state,
          deprecated: version.signals.deprecation !== undefined,
          maturity: version.maturity ?? null,
          crds_json: JSON.stringify(version.crds),
          problems_json: JSON.stringify(version.problems),
          first_seen_at: now,
        })
        // Another run stored this digest first: its row, files and imports stand.
        .onConflict(['pattern_id', 'digest'])
        .ignore()
        .returning('id');
      if (inserted.length === 0) {
        const existing = await tx('orkestra_versions')
          .where({ pattern_id: patternId, digest: version.digest })
          .first('id');
        return existing.id as number;
      }
      const [row] = inserted;
      const id: number = typeof row === 'object' ? row.id : row;
      const files = version.files.map((f, position) => ({
        version_id: id,
        position,
        name: f.name,
        media_type: f.mediaType,
        size: f.size,
        digest: f.digest,
      }));
      const imports = version.imports.map(i => ({ ...i, version_id: id }));
      // In chunks: SQLite and PostgreSQL cap the bound values of one statement.
      for (let i = 0; i < files.length; i += INSERT_CHUNK)
        await tx('orkestra_files').insert(files.slice(i, i + INSERT_CHUNK));
      for (let i = 0; i < imports.length; i += INSERT_CHUNK)
        await tx('orkestra_imports').insert(imports.slice(i, i + INSERT_CHUNK));
      return id;
    });
  }

  async listTags(patternId: number): Promise<TagRow[]> {
    return this.knex<TagRow>('orkestra_tags').where({ pattern_id: patternId });
  }

  /**
   * Applies a complete tag listing: present tags point at their versions
   * (moved tags follow), absent tags are marked missing, and tags missing
   * since before `dropBefore` are dropped; tags in `keep` (listed, but their
   * version could not be read this time) stay as they are. Returns what changed.
   */
  async applyTags(
    patternId: number,
    present: Map<string, number>,
    now: string,
    dropBefore: string,
    keep: ReadonlySet<string> = new Set(),
  ): Promise<{
    added: number;
    moved: number;
    markedMissing: number;
    dropped: number;
  }> {
    const existing = new Map(
      (await this.listTags(patternId)).map(t => [t.tag, t]),
    );
    const result = { added: 0, moved: 0, markedMissing: 0, dropped: 0 };
    await this.knex.transaction(async tx => {
      for (const [tag, versionId] of present) {
        const row = existing.get(tag);
        if (!row) {
          await tx('orkestra_tags')
            .insert({
              pattern_id: patternId,
              tag,
              version_id: versionId,
              updated_at: now,
            })
            .onConflict(['pattern_id', 'tag'])
            .merge(['version_id', 'updated_at', 'missing_since']);
          result.added++;
        } else if (row.version_id !== versionId || row.missing_since) {
          await tx('orkestra_tags')
            .where({ pattern_id: patternId, tag })
            .update({
              version_id: versionId,
              updated_at: now,
              missing_since: null,
            });
          if (row.version_id !== versionId) result.moved++;
        }
      }
      for (const [tag, row] of existing) {
        if (present.has(tag) || keep.has(tag)) continue;
        if (!row.missing_since) {
          await tx('orkestra_tags')
            .where({ pattern_id: patternId, tag })
            .update({ missing_since: now });
          result.markedMissing++;
        } else if (row.missing_since < dropBefore) {
          await tx('orkestra_tags')
            .where({ pattern_id: patternId, tag })
            .delete();
          result.dropped++;
        }
      }
    });
    return result;
  }

  async listFiles(versionId: number): Promise<FileRow[]> {
    return this.knex<FileRow>('orkestra_files')
      .where({ version_id: versionId })
      .orderBy('position');
  }

  /** The blob contents of one named file of each version, in batches: `versionId → content`. */
  async fileContents(
    versionIds: number[],
    name: string,
  ): Promise<Map<number, string>> {
    const contents = new Map<number, string>();
    for (let i = 0; i < versionIds.length; i += BATCH) {
      const rows = await this.knex('orkestra_files as f')
        .join('orkestra_blobs as b', 'b.digest', 'f.digest')
        .whereIn('f.version_id', versionIds.slice(i, i + BATCH))
        .where('f.name', name)
        .select('f.version_id', 'b.content');
      for (const row of rows) contents.set(row.version_id, row.content);
    }
    return contents;
  }

  async listImports(versionIds: number[]): Promise<ImportRow[]> {
    const rows: ImportRow[] = [];
    for (let i = 0; i < versionIds.length; i += BATCH) {
      rows.push(
        ...(await this.knex<ImportRow>('orkestra_imports').whereIn(
          'version_id',
          versionIds.slice(i, i + BATCH),
        )),
      );
    }
    return rows;
  }

  /** Imports whose target is the given pattern (reverse dependencies). */
  async listImportsOf(patternId: number): Promise<ImportRow[]> {
    return this.knex<ImportRow>('orkestra_imports').where({
      target_pattern_id: patternId,
    });
  }

  /**
   * Points every import at the known pattern with its registry and
   * repository. With `only`, just the imports of that pattern's versions and
   * the imports that name it (what a one-repository run can have changed).
   */
  async resolveImportTargets(only?: {
    patternId: number;
    registry: string;
    repository: string;
  }): Promise<number> {
    const patternsQuery = this.knex<PatternRow>('orkestra_patterns').select(
      'id',
      'registry',
      'repository',
    );
    const importsQuery = this.knex<ImportRow>('orkestra_imports')
      .whereNotNull('repository')
      .select('id', 'registry', 'repository', 'target_pattern_id');
    if (only) {
      importsQuery.where(q =>
        q
          .where({ registry: only.registry, repository: only.repository })
          .orWhereIn(
            'version_id',
            this.knex('orkestra_versions')
              .where({ pattern_id: only.patternId })
              .select('id'),
          ),
      );
    }
    const imports = await importsQuery;
    if (only) {
      const names = [...new Set(imports.map(i => i.repository!))];
      patternsQuery.whereIn('repository', names.length ? names : ['']);
    }
    const patterns = await patternsQuery;
    const byReference = new Map(
      patterns.map(p => [`${p.registry}/${p.repository}`, p.id]),
    );
    let changed = 0;
    for (const row of imports) {
      const target =
        byReference.get(`${row.registry}/${row.repository}`) ?? null;
      if (target !== row.target_pattern_id) {
        await this.knex('orkestra_imports')
          .where({ id: row.id })
          .update({ target_pattern_id: target });
        changed++;
      }
    }
    return changed;
  }

  async updatePolicy(
    versionId: number,
    policy: PolicyResult,
  ): Promise<boolean> {
    const json = JSON.stringify(policy);
    const changed = await this.knex('orkestra_versions')
      .where({ id: versionId })
      .andWhere(q =>
        q.whereNot({ policy_json: json }).orWhereNull('policy_json'),
      )
      .update({ policy_status: policy.status, policy_json: json });
    return changed > 0;
  }

  // Blobs (the YAML layers the sync reads, once per digest)

  async getBlob(digest: string): Promise<string | undefined> {
    const row = await this.knex('orkestra_blobs').where({ digest }).first();
    return row?.content;
  }

  async putBlob(digest: string, content: string, now: string): Promise<void> {
    await this.knex('orkestra_blobs')
      .insert({ digest, content, fetched_at: now })
      .onConflict('digest')
      .ignore();
  }

  // Gate runs (scaffolder module)

  async recordGateRun(run: {
    taskId?: string;
    reference: string;
    gate: string;
    status: string;
    startedAt: string;
    finishedAt?: string;
    detail?: Record<string, unknown>;
  }): Promise<number> {
    const [row] = await this.knex('orkestra_gate_runs')
      .insert({
        task_id: run.taskId ?? null,
        reference: run.reference,
        gate: run.gate,
        status: run.status,
        started_at: run.startedAt,
        finished_at: run.finishedAt ?? null,
        detail_json: JSON.stringify(run.detail ?? {}),
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }
}
