import { Knex } from 'knex';
import { NamespaceCheck } from '../records';

/** A row of `orkestra_namespace_checks`. */
interface NamespaceCheckRow {
  source_id: string;
  namespace: string;
  index_digest: string;
  entries_json: string | null;
  checked_at: string;
}

/**
 * `orkestra_namespace_checks`: each namespace's index artifact digest at its
 * last full check, so a resync skips what the index says did not change.
 */
export class NamespaceCheckTable {
  constructor(private readonly knex: Knex) {}

  /** `namespace → check` of one source. */
  async listNamespaceChecks(
    sourceId: string,
  ): Promise<Map<string, NamespaceCheck>> {
    const rows = await this.knex<NamespaceCheckRow>(
      'orkestra_namespace_checks',
    ).where({ source_id: sourceId });
    return new Map(
      rows.map(row => [
        row.namespace,
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
    check: NamespaceCheck,
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
}
