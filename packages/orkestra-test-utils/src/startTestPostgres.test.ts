import { Knex, knex as createKnex } from 'knex';
import { startTestPostgres, TestPostgres } from './startTestPostgres';

describe('startTestPostgres', () => {
  let postgres: TestPostgres;
  let db: Knex;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    db = createKnex({ client: 'pg', connection: postgres.connectionString });
  }, 90_000);

  afterAll(async () => {
    await db?.destroy();
    await postgres?.stop();
  });

  it('serves a real PostgreSQL server on loopback', async () => {
    expect(postgres.host).toBe('127.0.0.1');
    const { rows } = await db.raw('select version() as version');
    expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
  });

  it('lets a test create databases and tables', async () => {
    await db.raw('create database orkestra_helper_check');
    const other = createKnex({
      client: 'pg',
      connection: {
        ...db.client.config.connection,
        database: 'orkestra_helper_check',
      },
    });
    try {
      await other.schema.createTable('patterns', t => t.text('name').primary());
      await other('patterns').insert({ name: 'postgres' });
      expect(await other('patterns').pluck('name')).toEqual(['postgres']);
    } finally {
      await other.destroy();
    }
  });
});
