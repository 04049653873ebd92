import { Knex } from 'knex';
import { selectInBatches } from '../knexHelpers';
import { StoredImport } from '../records';

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
