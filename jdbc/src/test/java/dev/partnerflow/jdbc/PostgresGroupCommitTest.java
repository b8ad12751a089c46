package dev.partnerflow.jdbc;

import dev.partnerflow.jdbc.internal.Dialect;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

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
    return schema.dataSource();
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
