import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_DIR = resolvePackagePath(
  '@orkspace/backstage-plugin-orkestra-backend',
  'migrations',
);

/**
 * Replicas that start together race on knex's migration tables ("already
 * locked", "relation already exists"). Once the other replica is done, a
 * retry finds nothing left to do.
 */
export async function migrateWithRetry(
  knex: Knex,
  attempts = 10,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve =>
        setTimeout(resolve, 100 * attempt + Math.random() * 200),
      );
    }
  }
}
