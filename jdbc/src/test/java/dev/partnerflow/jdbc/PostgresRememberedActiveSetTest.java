package dev.partnerflow.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** Remembered active sets on PostgreSQL: the check rides in the run's {@code INSERT ... ON CONFLICT DO NOTHING}. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresRememberedActiveSetTest extends RememberedActiveSetTest {
  private TestDatabases.Schema schema;

  @Override
  protected DataSource database() {
    if (schema == null) {
      schema = TestDatabases.postgresSchema();
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(schema.url());
    return pg;
  }

  @Override
  protected void dropDatabase() {
    schema.drop();
  }
}
