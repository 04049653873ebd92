import { boundedMessage } from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';

const REASON_BYTES = 1024;
const CHUNK = 200;

/**
 * Manifests of a source's repositories that are not patterns (container
 * images, Helm charts, indexes, ...), by digest: a digest remembered here is
 * never fetched again. A digest is immutable, so what it was it stays.
 */
export class NotPatternStore {
  constructor(private readonly knex: Knex) {}

  /** The remembered digests of one repository. */
  async digestsOf(sourceId: string, repository: string): Promise<Set<string>> {
    const rows = await this.knex('orkestra_not_patterns')
      .where({ source_id: sourceId, repository })
      .select('digest');
    return new Set(rows.map(row => row.digest as string));
  }

  async remember(
    sourceId: string,
    repository: string,
    entries: Array<{ digest: string; reason: string }>,
    now: string,
  ): Promise<void> {
    const rows = entries.map(entry => ({
      source_id: sourceId,
      repository,
      digest: entry.digest,
      reason: boundedMessage(entry.reason, REASON_BYTES),
      first_seen_at: now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.knex('orkestra_not_patterns')
        .insert(rows.slice(i, i + CHUNK))
        .onConflict(['source_id', 'repository', 'digest'])
        .ignore();
    }
  }

  /** Forgets digests no tag of the repository points at any more. */
  async forgetAllBut(
    sourceId: string,
    repository: string,
    keep: Set<string>,
  ): Promise<void> {
    const known = await this.digestsOf(sourceId, repository);
    const gone = [...known].filter(digest => !keep.has(digest));
    for (let i = 0; i < gone.length; i += CHUNK) {
      await this.knex('orkestra_not_patterns')
        .where({ source_id: sourceId, repository })
        .whereIn('digest', gone.slice(i, i + CHUNK))
        .delete();
    }
  }
}
