package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.RunStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run store contract on PostgreSQL: a fresh schema for the class (dropped after), emptied before each test. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresRunStoreTest extends RunStoreContract {
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
  protected RunStore newStore() {
    schema.truncate();
    return stores.runs();
  }
}
