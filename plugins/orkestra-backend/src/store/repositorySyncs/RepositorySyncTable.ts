import {
  boundedMessage,
  RepositorySyncProblem,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';

const TABLE = 'orkestra_repository_syncs';

/** A row of `orkestra_repository_syncs`. */
interface RepositorySyncRow {
  source_id: string;
  repository: string;
  run_id: number;
  finished_at: string;
  status: 'succeeded' | 'failed';
  code: string | null;
  message: string | null;
}

/** How one repository's sync in a run ended: with an error, or without. */
export interface RepositorySyncOutcome {
  sourceId: string;
  repository: string;
  runId: number;
  finishedAt: string;
  error?: { code?: string; message: string };
}

/** The patterns whose failing entries a page of summaries shows. */
export type PatternRepository = { sourceId: string; repository: string };

/** A page's failing entries, looked up by pattern. */
export interface SyncProblems {
  of(pattern: PatternRepository): RepositorySyncProblem | undefined;
  /** `{ syncProblem }` of a summary, or nothing when the pattern has none. */
  fieldsOf(pattern: PatternRepository): {
    syncProblem?: RepositorySyncProblem;
  };
}

const keyOf = (sourceId: string, repository: string) =>
  `${sourceId}\u0000${repository}`;

function toProblem(row: RepositorySyncRow): RepositorySyncProblem {
  return {
    source: row.source_id,
    repository: row.repository,
    at: row.finished_at,
    runId: Number(row.run_id),
    ...(row.code ? { code: row.code } : {}),
    message: row.message ?? '',
  };
}

/**
 * Restricts a listing of `orkestra_patterns as p` to patterns whose
 * repository failed its latest sync (`failing`), or to the others.
 */
export function whereSyncFailing(
  query: Knex.QueryBuilder,
  failing: boolean,
): void {
  const failed = (sub: Knex.QueryBuilder) =>
    sub
      .select('rs.repository')
      .from(`${TABLE} as rs`)
      .whereRaw('rs.source_id = p.source_id')
      .whereRaw('rs.repository = p.repository')
      .where('rs.status', 'failed');
  if (failing) query.whereExists(failed);
  else query.whereNotExists(failed);
}

/**
 * `orkestra_repository_syncs`: the latest sync of each repository, whichever
 * run did it. Every run writes the repositories it synced; a full run
 * forgets the repositories its source no longer has.
 */
export class RepositorySyncTable {
  constructor(private readonly knex: Knex) {}

  /** Replaces the repository's entry: a failure with its error, a success without one. */
  async record(outcome: RepositorySyncOutcome): Promise<void> {
    const { error } = outcome;
    const row: RepositorySyncRow = {
      source_id: outcome.sourceId,
      repository: outcome.repository,
      run_id: outcome.runId,
      finished_at: outcome.finishedAt,
      status: error ? 'failed' : 'succeeded',
      code: error?.code ? error.code.slice(0, 64) : null,
      message: error ? boundedMessage(error.message) : null,
    };
    await this.knex(TABLE)
      .insert(row)
      .onConflict(['source_id', 'repository'])
      .merge();
  }

  /**
   * Deletes the entries of the source's repositories not in `keep` that
   * finished before `finishedBefore` (a resync of a repository the run could
   * not know of yet keeps its entry). Returns how many went.
   */
  async forgetAllBut(
    sourceId: string,
    keep: ReadonlySet<string>,
    finishedBefore: string,
  ): Promise<number> {
    const rows: Array<Pick<RepositorySyncRow, 'repository'>> = await this.knex(
      TABLE,
    )
      .where({ source_id: sourceId })
      .where('finished_at', '<', finishedBefore)
      .select('repository');
    const gone = rows.map(r => r.repository).filter(r => !keep.has(r));
    let deleted = 0;
    for (let at = 0; at < gone.length; at += 500) {
      deleted += await this.knex(TABLE)
        .where({ source_id: sourceId })
        .whereIn('repository', gone.slice(at, at + 500))
        .delete();
    }
    return deleted;
  }

  /** The source's failing repositories, newest first, and how many there are. */
  async listFailing(
    sourceId: string,
    limit: number,
  ): Promise<{ items: RepositorySyncProblem[]; count: number }> {
    const failing = () =>
      this.knex<RepositorySyncRow>(TABLE).where({
        source_id: sourceId,
        status: 'failed',
      });
    const rows = await failing()
      .select('*')
      .orderBy([
        { column: 'finished_at', order: 'desc' },
        { column: 'repository', order: 'asc' },
      ])
      .limit(limit);
    const [{ count }] = await failing().count<{ count: string | number }[]>({
      count: '*',
    });
    return { items: rows.map(toProblem), count: Number(count) };
  }

  /** The failing entries of `patterns`' repositories, in one query. */
  async problemsOf(
    patterns: readonly PatternRepository[],
  ): Promise<SyncProblems> {
    const repositories = [...new Set(patterns.map(p => p.repository))];
    const found = new Map<string, RepositorySyncProblem>();
    for (let at = 0; at < repositories.length; at += 500) {
      const rows: RepositorySyncRow[] = await this.knex(TABLE)
        .where({ status: 'failed' })
        .whereIn('repository', repositories.slice(at, at + 500))
        .select('*');
      for (const row of rows)
        found.set(keyOf(row.source_id, row.repository), toProblem(row));
    }
    const of = (p: PatternRepository) =>
      found.get(keyOf(p.sourceId, p.repository));
    return {
      of,
      fieldsOf: p => {
        const syncProblem = of(p);
        return syncProblem ? { syncProblem } : {};
      },
    };
  }
}
