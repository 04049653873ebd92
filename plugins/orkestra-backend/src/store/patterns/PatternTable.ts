import { Knex } from 'knex';
import { BATCH, selectInBatches } from '../knexHelpers';
import {
  PatternFilter,
  PatternIdentity,
  PatternPageRequest,
  StoredOwnerRollup,
  StoredPattern,
} from '../records';
import { countPatterns } from './countPatterns';
import { listPatterns, PatternPage } from './listPatterns';
import { ownerRollup } from './ownerRollup';
import { PatternRow, toStoredPattern } from './patternRow';

/** `orkestra_patterns`: one row per repository of a source. */
export class PatternTable {
  constructor(private readonly knex: Knex) {}

  async getPatternByRepository(
    sourceId: string,
    repository: string,
  ): Promise<StoredPattern | undefined> {
    const row = await this.rowByRepository(sourceId, repository);
    return row && toStoredPattern(row);
  }

  async getPattern(id: number): Promise<StoredPattern | undefined> {
    const row = await this.knex<PatternRow>('orkestra_patterns')
      .where({ id })
      .first();
    return row && toStoredPattern(row);
  }

  async getPatternsByIds(ids: number[]): Promise<StoredPattern[]> {
    const rows = await selectInBatches(ids, batch =>
      this.knex<PatternRow>('orkestra_patterns').whereIn('id', batch),
    );
    return rows.map(toStoredPattern);
  }

  listPatterns(
    filter: PatternFilter,
    page: PatternPageRequest,
  ): Promise<PatternPage> {
    return listPatterns(this.knex, filter, page);
  }

  /** How many patterns match each filter, in one query (each as `listPatterns` counts it). */
  countPatterns<K extends string>(
    filters: Record<K, PatternFilter>,
  ): Promise<Record<K, number>> {
    return countPatterns(this.knex, filters);
  }

  /** Per owner of current patterns, how many are healthy, forced, deprecated, behind, failing policy. */
  ownerRollup(
    filter: { kind?: 'Katalog' | 'Motif' } = {},
  ): Promise<StoredOwnerRollup[]> {
    return ownerRollup(this.knex, filter);
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
    const existing = await this.rowByRepository(
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
    return (await this.rowByRepository(pattern.sourceId, pattern.repository))!
      .id;
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

  /** Deletes patterns with their versions, tags, files and imports; imports of them lose their target. */
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

  /** Not `#private`: a test blinds it once to play two racing runs. */
  private rowByRepository(
    sourceId: string,
    repository: string,
  ): Promise<PatternRow | undefined> {
    return this.knex<PatternRow>('orkestra_patterns')
      .where({ source_id: sourceId, repository })
      .first();
  }
}
