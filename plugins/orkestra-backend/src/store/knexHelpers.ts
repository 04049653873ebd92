import { Knex } from 'knex';

/** Ids per `where in` list: far below every database's bind limit. */
export const BATCH = 500;
/** Rows per insert statement: 100 rows × 9 columns stays far below every bind limit. */
export const INSERT_CHUNK = 100;

/** Runs `select` over `keys` in batches of {@link BATCH} and concatenates the rows. */
export async function selectInBatches<K, R>(
  keys: readonly K[],
  select: (batch: K[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    rows.push(...(await select(keys.slice(i, i + BATCH))));
  }
  return rows;
}

/** Inserts `rows` in statements of {@link INSERT_CHUNK} rows. */
export async function insertInChunks(
  knex: Knex | Knex.Transaction,
  table: string,
  rows: readonly object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await knex(table).insert(rows.slice(i, i + INSERT_CHUNK));
}

/** The id `insert ... returning('id')` answers: an object on PostgreSQL, a number on SQLite. */
export function insertedId(row: number | { id: number }): number {
  return typeof row === 'object' ? row.id : row;
}

/** Whether `knex` talks to PostgreSQL (else SQLite). */
export function isPostgres(knex: Knex): boolean {
  return knex.client.dialect === 'postgresql';
}
