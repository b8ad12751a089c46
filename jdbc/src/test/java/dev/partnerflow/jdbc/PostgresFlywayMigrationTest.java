package dev.partnerflow.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link FlywayMigrationTest} on fresh PostgreSQL schemas. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresFlywayMigrationTest extends FlywayMigrationTest {
  @Override
  protected Database newDatabase() {
    TestDatabases.Schema schema = TestDatabases.postgresSchema();
    return new Database(schema.url(), schema::drop);
  }

  @Override
  protected String dialect() {
    return "postgresql";
  }
}
