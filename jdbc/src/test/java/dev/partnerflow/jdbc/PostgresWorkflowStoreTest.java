package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.store.WorkflowStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The workflow store contract on PostgreSQL: a fresh schema for the class (dropped after), emptied before each test. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresWorkflowStoreTest extends WorkflowStoreContract {
  private static TestDatabases.Schema schema;
  private static JdbcStores stores;

  @BeforeAll
  static void open() {
    schema = TestDatabases.postgresSchema();
    stores = JdbcStores.builder().url(schema.url()).poolSize(12).build();
  }

  @AfterAll
  static void drop() {
    if (stores != null) {
      stores.close();
    }
    if (schema != null) {
      schema.drop();
    }
  }

  @Override
  protected WorkflowStore newStore() {
    schema.truncate();
    return stores.workflows();
  }
}
