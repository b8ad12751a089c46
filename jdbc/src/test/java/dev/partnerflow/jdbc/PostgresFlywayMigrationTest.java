package dev.partnerflow.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link FlywayMigrationTest} on a fresh PostgreSQL schema. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresFlywayMigrationTest extends FlywayMigrationTest {
  private TestDatabases.Schema schema;
  private TestDatabases.Schema counting;

  @Override
  protected String newDatabase() {
    schema = TestDatabases.postgresSchema();
    return schema.url();
  }

  @Override
  protected String dialect() {
    return "postgresql";
  }

  @Override
  protected void dropDatabase() {
    schema.drop();
  }

  @Override
  protected String newDatabaseForCounting() {
    counting = TestDatabases.postgresSchema();
    return counting.url();
  }

  @Override
  protected void dropCountingDatabase() {
    counting.drop();
  }
}
