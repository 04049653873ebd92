import { Knex } from 'knex';
import { selectInBatches } from '../knexHelpers';
import { deprecatedImportsQuery } from '../patterns/latestVersionConditions';
import { StoredDeprecatedImport, StoredImport } from '../records';

/** A row of `orkestra_imports`. */
interface ImportRow {
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

/** A row of {@link ImportTable.listDeprecatedImports}' query. */
interface DeprecatedImportRow {
  version_id: number;
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  target_id: number;
  target_source_id: string;
  target_repository: string;
  imported_version: string | null;
  imported_digest: string;
  signals_json: string;
}

function toStoredImport(row: ImportRow): StoredImport {
  return {
    id: row.id,
    versionId: row.version_id,
    type: row.type,
    raw: row.raw,
    registry: row.registry,
    repository: row.repository,
    tag: row.tag,
    digest: row.digest,
    crd: row.crd,
    targetPatternId: row.target_pattern_id,
  };
}

/** `orkestra_imports`: what each version imports, and the known pattern it names. */
export class ImportTable {
  constructor(private readonly knex: Knex) {}

  async listImports(versionIds: number[]): Promise<StoredImport[]> {
    const rows = await selectInBatches(versionIds, batch =>
      this.knex<ImportRow>('orkestra_imports').whereIn('version_id', batch),
    );
    return rows.map(toStoredImport);
  }

  /** Imports whose target is the given pattern (reverse dependencies). */
  async listImportsOf(patternId: number): Promise<StoredImport[]> {
    const rows = await this.knex<ImportRow>('orkestra_imports').where({
      target_pattern_id: patternId,
    });
    return rows.map(toStoredImport);
  }

  /**
   * The imports of `versionIds` that name a deprecated known version (by
   * digest, else by tag), with the imported pattern and version: one query
   * per {@link BATCH} versions.
   */
  async listDeprecatedImports(
    versionIds: number[],
  ): Promise<StoredDeprecatedImport[]> {
    const rows: DeprecatedImportRow[] = await selectInBatches(
      versionIds,
      batch =>
        deprecatedImportsQuery(this.knex)
          .whereIn('di.version_id', batch)
          .orderBy('di.id', 'asc')
          .select(
            'di.version_id',
            'di.registry',
            'di.repository',
            'di.tag',
            'di.digest',
            'dt.id as target_id',
            'dt.source_id as target_source_id',
            'dt.repository as target_repository',
            'dv.version as imported_version',
            'dv.digest as imported_digest',
            'dv.signals_json',
          ),
    );
    return rows.map(row => ({
      versionId: row.version_id,
      reference: `${row.registry}/${row.repository}${
        row.digest ? `@${row.digest}` : `:${row.tag}`
      }`,
      registry: row.registry,
      repository: row.repository,
      tag: row.tag,
      digest: row.digest,
      target: {
        id: row.target_id,
        sourceId: row.target_source_id,
        repository: row.target_repository,
      },
      importedVersion: row.imported_version,
      importedDigest: row.imported_digest,
      signals: JSON.parse(row.signals_json),
    }));
  }

  /** Ids of the patterns with a version that imports one of `patternIds` (resolved targets). */
  async importerPatternIds(patternIds: number[]): Promise<number[]> {
    const rows: Array<{ pattern_id: number }> = await selectInBatches(
      patternIds,
      batch =>
        this.knex('orkestra_imports as i')
          .join('orkestra_versions as v', 'v.id', 'i.version_id')
          .whereIn('i.target_pattern_id', batch)
          .distinct('v.pattern_id'),
    );
    return [...new Set(rows.map(row => row.pattern_id))];
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
    const patternsQuery = this.knex('orkestra_patterns').select(
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
    const patterns: Array<{
      id: number;
      registry: string;
      repository: string;
    }> = await patternsQuery;
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
}
