import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

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
