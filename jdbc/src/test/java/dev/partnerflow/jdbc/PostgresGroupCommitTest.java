package dev.partnerflow.jdbc;

import dev.partnerflow.jdbc.internal.Dialect;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Group commit on PostgreSQL, where a save is one statement (the fenced update feeding the attempts' insert):
 * batched per number of attempts inside a group, auto-committed when alone. A fresh schema per test.
 */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresGroupCommitTest extends GroupCommitTest {
  private TestDatabases.Schema schema;

  @Override
  protected DataSource database() {
    schema = TestDatabases.postgresSchema();
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(schema.url());
    return pg;
  }

  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  protected void dropDatabase() {
    schema.drop();
  }
}
