import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { GateRunTable } from './gateRuns/GateRunTable';
import { ImportTable } from './imports/ImportTable';
import { migrateWithRetry } from './migrate';
import { NamespaceCheckTable } from './namespaceChecks/NamespaceCheckTable';
import { NotPatternStore } from './notPatterns/NotPatternStore';
import { PatternTable } from './patterns/PatternTable';
import { RepositorySyncTable } from './repositorySyncs/RepositorySyncTable';
import { SyncRunTable } from './syncRuns/SyncRunTable';
import { TagTable } from './tags/TagTable';
import { FileTable } from './versions/FileTable';
import { VersionTable } from './versions/VersionTable';

export type * from './records';
export type { NewGateRun } from './gateRuns/GateRunTable';
export type { PatternPage } from './patterns/listPatterns';

/**
 * The Orkestra store on knex: SQLite by default, PostgreSQL in production.
 * The plugin owns its migrations and honours `migrations.skip`.
 *
 * One object for the service and the sync, made of one table family per
 * folder: the families' methods are lent to it in the constructor. Rows stay
 * inside `store/`: every method answers records with their JSON columns
 * parsed (see `records.ts`).
 */
export class PatternStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<PatternStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithRetry(knex);
    }
    return new PatternStore(knex);
  }

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
  /** The latest sync of each repository (used as itself). */
  readonly repositorySyncs: RepositorySyncTable;

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
    this.repositorySyncs = new RepositorySyncTable(knex);
    for (const table of [
      this.syncRuns,
      this.namespaceChecks,
      this.patterns,
      this.versions,
      this.files,
      this.tags,
      this.imports,
      this.gateRuns,
    ]) {
      lendMethods(this, table);
    }
  }
}

/** The public members of a table family. */
type Lent<T> = { [K in keyof T]: T[K] };

/** The methods {@link PatternStore} lends from its tables (`notPatterns` is used as itself). */
export interface PatternStore
  extends Lent<SyncRunTable>,
    Lent<NamespaceCheckTable>,
    Lent<PatternTable>,
    Lent<VersionTable>,
    Lent<FileTable>,
    Lent<TagTable>,
    Lent<ImportTable>,
    Lent<GateRunTable> {}

/** Puts every method of `table`'s class on `store`, bound to `table`. */
function lendMethods(store: object, table: object): void {
  const prototype = Object.getPrototypeOf(table);
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(store, name, {
      value: prototype[name].bind(table),
      writable: true,
      enumerable: false,
    });
  }
}
