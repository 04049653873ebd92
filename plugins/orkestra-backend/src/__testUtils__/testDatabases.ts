import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * SQLite, and the PostgreSQL cluster `scripts/test.sh` starts (its id and
 * connection string come from the environment). When the test command asks
 * for PostgreSQL (`ORKESTRA_REQUIRE_POSTGRES=1`) and it is not there, this
 * fails instead of silently testing SQLite alone.
 */
export function orkestraTestDatabases(): TestDatabases {
  const postgresId = (process.env.ORKESTRA_TEST_POSTGRES_ID ??
    'POSTGRES_15') as TestDatabaseId;
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', postgresId],
    disableDocker: true,
  });
  if (
    process.env.ORKESTRA_REQUIRE_POSTGRES === '1' &&
    !databases.supports(postgresId)
  ) {
    throw new Error(
      `${postgresId} was required but its connection string is not set`,
    );
  }
  return databases;
}

/** Where a test that starts its own backend processes gets PostgreSQL. */
export type PostgresServerPlan =
  /** The cluster `scripts/test.sh` started: `postgresql://user@host:port`. */
  | { connectionString: string }
  /** No cluster given, but the server binaries are here: start one (`startTestPostgres`). */
  | { startOwn: true };

function postgresBinariesInstalled(): boolean {
  if (process.env.ORKESTRA_PG_BINDIR) return true;
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .some(dir => dir && existsSync(join(dir, 'initdb')));
  if (onPath) return true;
  try {
    return readdirSync('/usr/lib/postgresql').some(version =>
      existsSync(join('/usr/lib/postgresql', version, 'bin', 'initdb')),
    );
  } catch {
    return false;
  }
}

/**
 * A whole PostgreSQL server, for tests whose backends connect by themselves
 * (e.g. several backend processes sharing one database): the cluster
 * `scripts/test.sh` started, else a throw-away one the test starts. When
 * neither is possible the test is skipped (undefined), unless the test
 * command asks for PostgreSQL (`ORKESTRA_REQUIRE_POSTGRES=1`): then this
 * throws, as {@link orkestraTestDatabases} does.
 */
export function orkestraTestPostgresServer(): PostgresServerPlan | undefined {
  const postgresId = process.env.ORKESTRA_TEST_POSTGRES_ID ?? 'POSTGRES_15';
  const connectionString =
    process.env[
      `BACKSTAGE_TEST_DATABASE_${postgresId.replace('_', '')}_CONNECTION_STRING`
    ];
  if (connectionString) return { connectionString };
  if (postgresBinariesInstalled()) return { startOwn: true };
  if (process.env.ORKESTRA_REQUIRE_POSTGRES === '1') {
    throw new Error(
      `${postgresId} was required but its connection string is not set, ` +
        'and no PostgreSQL server binaries were found to start one',
    );
  }
  return undefined;
}
