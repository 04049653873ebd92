import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { GateRunTable } from './gateRuns/GateRunTable';
import { ImportTable } from './imports/ImportTable';
import { migrateWithRetry } from './migrate';
import { NamespaceCheckTable } from './namespaceChecks/NamespaceCheckTable';
import { NotPatternStore } from './notPatterns/NotPatternStore';
import { PatternTable } from './patterns/PatternTable';
import { SyncRunTable } from './syncRuns/SyncRunTable';
import { TagTable } from './tags/TagTable';
import { FileTable } from './versions/FileTable';
import { VersionTable } from './versions/VersionTable';

export type * from './records';
export type { PatternPage } from './patterns/listPatterns';
export type { TagChanges } from './tags/TagTable';
export type { NewGateRun } from './gateRuns/GateRunTable';

/** One object per table family; {@link PatternStore} lends their methods. */
class StoreTables {
  readonly syncRuns: SyncRunTable;
  readonly namespaceChecks: NamespaceCheckTable;
  readonly patterns: PatternTable;
  readonly versions: VersionTable;
  readonly files: FileTable;
  readonly tags: TagTable;
  readonly imports: ImportTable;
  readonly gateRuns: GateRunTable;
  /** Manifests that are not patterns, remembered by digest. */
  readonly notPatterns: NotPatternStore;

  constructor(readonly knex: Knex) {
    this.syncRuns = new SyncRunTable(knex);
    this.namespaceChecks = new NamespaceCheckTable(knex);
    this.patterns = new PatternTable(knex);
    this.versions = new VersionTable(knex);
    this.files = new FileTable(knex);
    this.tags = new TagTable(knex);
    this.imports = new ImportTable(knex);
    this.gateRuns = new GateRunTable(knex);
    this.notPatterns = new NotPatternStore(knex);
  }
}

/**
 * The Orkestra store on knex: SQLite by default, PostgreSQL in production.
 * The plugin owns its migrations and honours `migrations.skip`.
 *
 * One object for the service and the sync, made of one table family per
 * folder; its methods are theirs. Rows stay inside `store/`: every method
 * answers records with their JSON columns parsed (see `records.ts`).
 */
export class PatternStore extends StoreTables {
  static async create(options: {
    database: DatabaseService;
  }): Promise<PatternStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithRetry(knex);
    }
    return new PatternStore(knex);
  }

  // Sources and sync runs
  readonly upsertSource = bound(this.syncRuns, 'upsertSource');
  readonly startSyncRun = bound(this.syncRuns, 'startSyncRun');
  readonly abandonSyncRuns = bound(this.syncRuns, 'abandonSyncRuns');
  readonly finishSyncRun = bound(this.syncRuns, 'finishSyncRun');
  readonly listSyncRuns = bound(this.syncRuns, 'listSyncRuns');
  readonly getSyncRun = bound(this.syncRuns, 'getSyncRun');

  // Namespace checks
  readonly listNamespaceChecks = bound(
    this.namespaceChecks,
    'listNamespaceChecks',
  );
  readonly recordNamespaceCheck = bound(
    this.namespaceChecks,
    'recordNamespaceCheck',
  );

  // Patterns
  readonly getPatternByRepository = bound(
    this.patterns,
    'getPatternByRepository',
  );
  readonly getPattern = bound(this.patterns, 'getPattern');
  readonly getPatternsByIds = bound(this.patterns, 'getPatternsByIds');
  readonly listPatterns = bound(this.patterns, 'listPatterns');
  readonly upsertPattern = bound(this.patterns, 'upsertPattern');
  readonly touchPattern = bound(this.patterns, 'touchPattern');
  readonly setLatest = bound(this.patterns, 'setLatest');
  readonly markMissingPatterns = bound(this.patterns, 'markMissingPatterns');
  readonly deletePatterns = bound(this.patterns, 'deletePatterns');

  // Versions, their files and the YAML blobs
  readonly listVersions = bound(this.versions, 'listVersions');
  readonly listVersionsOfPatterns = bound(
    this.versions,
    'listVersionsOfPatterns',
  );
  readonly getVersionsByIds = bound(this.versions, 'getVersionsByIds');
  readonly getVersionHeadlines = bound(this.versions, 'getVersionHeadlines');
  readonly countVersions = bound(this.versions, 'countVersions');
  readonly versionIdsByDigest = bound(this.versions, 'versionIdsByDigest');
  readonly insertVersion = bound(this.versions, 'insertVersion');
  readonly updatePolicy = bound(this.versions, 'updatePolicy');
  readonly listFiles = bound(this.files, 'listFiles');
  readonly fileContents = bound(this.files, 'fileContents');
  readonly getBlob = bound(this.files, 'getBlob');
  readonly putBlob = bound(this.files, 'putBlob');

  // Tags
  readonly listTags = bound(this.tags, 'listTags');
  readonly applyTags = bound(this.tags, 'applyTags');

  // Imports
  readonly listImports = bound(this.imports, 'listImports');
  readonly listImportsOf = bound(this.imports, 'listImportsOf');
  readonly resolveImportTargets = bound(this.imports, 'resolveImportTargets');

  // Gate runs (scaffolder module)
  readonly recordGateRun = bound(this.gateRuns, 'recordGateRun');
}

/** `table[method]`, bound to its table. */
function bound<T, K extends keyof T>(
  table: T,
  method: K,
): T[K] extends (...args: infer A) => infer R ? (...args: A) => R : never {
  const fn = table[method] as unknown as (...args: unknown[]) => unknown;
  return fn.bind(table) as any;
}
