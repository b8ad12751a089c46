package dev.partnerflow.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two migrations racing on a fresh PostgreSQL schema apply the scripts once (advisory lock taken first). */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresMigrationTest {
  @Test
  void two_migrations_racing_on_postgresql_apply_the_scripts_once() throws Exception {
    for (int round = 0; round < 3; round++) {
      TestDatabases.Schema schema = TestDatabases.postgresSchema();
      try (JdbcStores stores = JdbcStores.builder().url(schema.url()).migrate(false).build()) {
        MigrationAndProviderTest.migrationsRacingFromTwoThreadsApplyOnce(stores.dataSource());
      } finally {
        schema.drop();
      }
    }
  }
}
