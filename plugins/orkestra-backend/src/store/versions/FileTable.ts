import { PatternFile } from '@orkspace/backstage-plugin-orkestra-common';
import { Knex } from 'knex';
import { selectInBatches } from '../knexHelpers';

/** A row of `orkestra_files`. */
interface FileRow {
  version_id: number;
  position: number;
  name: string;
  media_type: string;
  size: number | string;
  digest: string;
}

/**
 * `orkestra_files`, the layers of each version in manifest order, and
 * `orkestra_blobs`, the YAML layers the sync read (once per digest).
 */
export class FileTable {
  constructor(private readonly knex: Knex) {}

  async listFiles(versionId: number): Promise<PatternFile[]> {
    const rows = await this.knex<FileRow>('orkestra_files')
      .where({ version_id: versionId })
      .orderBy('position');
    return rows.map(row => ({
      name: row.name,
      mediaType: row.media_type,
      // A bigint column: PostgreSQL answers a string.
      size: Number(row.size),
      digest: row.digest,
    }));
  }

  /** The blob contents of one named file of each version, in batches: `versionId → content`. */
  async fileContents(
    versionIds: number[],
    name: string,
  ): Promise<Map<number, string>> {
    const rows = await selectInBatches(versionIds, batch =>
      this.knex('orkestra_files as f')
        .join('orkestra_blobs as b', 'b.digest', 'f.digest')
        .whereIn('f.version_id', batch)
        .where('f.name', name)
        .select('f.version_id', 'b.content'),
    );
    return new Map(
      rows.map(row => [row.version_id as number, row.content as string]),
    );
  }

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
}
