import { Knex } from 'knex';
import { StoredTag } from '../records';

/** A row of `orkestra_tags`. */
interface TagRow {
  pattern_id: number;
  tag: string;
  version_id: number;
  updated_at: string;
  missing_since: string | null;
}

function toStoredTag(row: TagRow): StoredTag {
  return {
    patternId: row.pattern_id,
    tag: row.tag,
    versionId: row.version_id,
    updatedAt: row.updated_at,
    missingSince: row.missing_since,
  };
}

/** What one tag listing changed. */
export interface TagChanges {
  added: number;
  moved: number;
  markedMissing: number;
  dropped: number;
}

/** `orkestra_tags`: each tag of a pattern and the version it points at. */
export class TagTable {
  constructor(private readonly knex: Knex) {}

  async listTags(patternId: number): Promise<StoredTag[]> {
    const rows = await this.knex<TagRow>('orkestra_tags').where({
      pattern_id: patternId,
    });
    return rows.map(toStoredTag);
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
  ): Promise<TagChanges> {
    const existing = new Map(
      (await this.listTags(patternId)).map(t => [t.tag, t]),
    );
    const result = { added: 0, moved: 0, markedMissing: 0, dropped: 0 };
    await this.knex.transaction(async tx => {
      for (const [tag, versionId] of present) {
        const stored = existing.get(tag);
        if (!stored) {
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
        } else if (stored.versionId !== versionId || stored.missingSince) {
          await tx('orkestra_tags')
            .where({ pattern_id: patternId, tag })
            .update({
              version_id: versionId,
              updated_at: now,
              missing_since: null,
            });
          if (stored.versionId !== versionId) result.moved++;
        }
      }
      for (const [tag, stored] of existing) {
        if (present.has(tag) || keep.has(tag)) continue;
        if (!stored.missingSince) {
          await tx('orkestra_tags')
            .where({ pattern_id: patternId, tag })
            .update({ missing_since: now });
          result.markedMissing++;
        } else if (stored.missingSince < dropBefore) {
          await tx('orkestra_tags')
            .where({ pattern_id: patternId, tag })
            .delete();
          result.dropped++;
        }
      }
    });
    return result;
  }
}
