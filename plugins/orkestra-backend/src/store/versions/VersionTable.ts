import {
  deprecationState,
  PolicyResult,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';
import { insertedId, insertInChunks, selectInBatches } from '../knexHelpers';
import { NewVersion, StoredVersion, StoredVersionHeadline } from '../records';
import {
  HEADLINE_COLUMNS,
  toStoredVersion,
  toStoredVersionHeadline,
  VersionRow,
} from './versionRow';

/** The end-of-life day (`timeline.to`) of a deprecated version, when valid. */
function endOfLifeDay(version: NewVersion): string | null {
  const { deprecation } = version.signals;
  // The day does not depend on the date deprecationState is asked at.
  return deprecation
    ? deprecationState(deprecation, new Date(0)).endOfLife ?? null
    : null;
}

/** `orkestra_versions`: a pattern's manifests by digest, with the files and imports each version has. */
export class VersionTable {
  constructor(private readonly knex: Knex) {}

  async listVersions(patternId: number): Promise<StoredVersion[]> {
    const rows = await this.knex<VersionRow>('orkestra_versions')
      .where({ pattern_id: patternId })
      .orderBy('id', 'asc');
    return rows.map(toStoredVersion);
  }

  /** The versions of several patterns, for work over a whole source. */
  async listVersionsOfPatterns(patternIds: number[]): Promise<StoredVersion[]> {
    const rows = await selectInBatches(patternIds, batch =>
      this.knex<VersionRow>('orkestra_versions')
        .whereIn('pattern_id', batch)
        .orderBy('id', 'asc'),
    );
    return rows.map(toStoredVersion);
  }

  async getVersionsByIds(ids: number[]): Promise<StoredVersion[]> {
    const rows = await selectInBatches(ids, batch =>
      this.knex<VersionRow>('orkestra_versions').whereIn('id', batch),
    );
    return rows.map(toStoredVersion);
  }

  /** Versions by id, with only the columns of their headlines: for lists. */
  async getVersionHeadlines(ids: number[]): Promise<StoredVersionHeadline[]> {
    const rows = await selectInBatches(ids, batch =>
      this.knex<VersionRow>('orkestra_versions')
        .whereIn('id', batch)
        .select(...HEADLINE_COLUMNS),
    );
    return rows.map(toStoredVersionHeadline);
  }

  /** Number of versions of each pattern. */
  async countVersions(patternIds: number[]): Promise<Map<number, number>> {
    const rows = await selectInBatches(patternIds, batch =>
      this.knex('orkestra_versions')
        .whereIn('pattern_id', batch)
        .groupBy('pattern_id')
        .select('pattern_id')
        .count<{ pattern_id: number; count: string | number }[]>({
          count: 'id',
        }),
    );
    return new Map(rows.map(row => [row.pattern_id, Number(row.count)]));
  }

  async versionIdsByDigest(
    patternId: number,
    digests: string[],
  ): Promise<Map<string, number>> {
    const rows = await selectInBatches(digests, batch =>
      this.knex('orkestra_versions')
        .where({ pattern_id: patternId })
        .whereIn('digest', batch)
        .select('id', 'digest'),
    );
    return new Map(rows.map(row => [row.digest as string, row.id as number]));
  }

  /** Stores a version with its files and imports; a digest stored before keeps its row. Returns its id. */
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
          end_of_life: endOfLifeDay(version),
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
      const id = insertedId(inserted[0]);
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
      await insertInChunks(tx, 'orkestra_files', files);
      await insertInChunks(tx, 'orkestra_imports', imports);
      return id;
    });
  }

  /** Writes a version's policy when it differs; returns whether it did. */
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
}
