import {
  boundedMessage,
  SyncRun,
  TEXT_LIMITS,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';
import { insertedId } from '../knexHelpers';

/** A row of `orkestra_sync_runs`. */
interface SyncRunRow {
  id: number;
  source_id: string;
  trigger: string;
  repository: string | null;
  started_at: string;
  finished_at: string | null;
  status: SyncRun['status'];
  counts_json: string;
  errors_json: string;
}

function toSyncRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    source: row.source_id,
    trigger: row.trigger,
    ...(row.repository ? { repository: row.repository } : {}),
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    status: row.status,
    counts: JSON.parse(row.counts_json),
    errors: JSON.parse(row.errors_json),
  };
}

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
 * `orkestra_sources` and their `orkestra_sync_runs`. Only a run over the
 * whole source (no `repository`) says how the source is doing.
 */
export class SyncRunTable {
  constructor(private readonly knex: Knex) {}

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

  /** Starts a run over the whole source, or over one `repository` of it. */
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
    return insertedId(row);
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
    const run = await this.knex<SyncRunRow>('orkestra_sync_runs')
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
    return this.#listWhere(
      options.fullOnly
        ? { source_id: sourceId, repository: null }
        : { source_id: sourceId },
      limit,
    );
  }

  async getSyncRun(id: number): Promise<SyncRun | undefined> {
    return (await this.#listWhere({ id }, 1))[0];
  }

  async #listWhere(
    where: Partial<SyncRunRow>,
    limit: number,
  ): Promise<SyncRun[]> {
    const rows = await this.knex<SyncRunRow>('orkestra_sync_runs')
      .where(where)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toSyncRun);
  }
}
