package dev.partnerflow.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Remembered active sets on PostgreSQL: the check rides in the run's {@code INSERT ... ON CONFLICT DO NOTHING}. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresRememberedActiveSetTest extends RememberedActiveSetTest {
  private TestDatabases.Schema schema;

  @Override
  protected DataSource database() {
    if (schema == null) {
      schema = TestDatabases.postgresSchema();
    }
    return schema.dataSource();
  }

  @Override
  protected void dropDatabase() {
    schema.drop();
  }
}
