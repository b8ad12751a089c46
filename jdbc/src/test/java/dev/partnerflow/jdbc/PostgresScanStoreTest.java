package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.ScanStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scan and occurrence contract on PostgreSQL (SKIP LOCKED claims): a fresh schema, emptied per test. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresScanStoreTest extends ScanStoreContract {
  private static TestDatabases.Schema schema;
  private static JdbcStores stores;

  @BeforeAll
  static void open() {
    schema = TestDatabases.postgresSchema();
    stores = JdbcStores.builder().url(schema.url()).poolSize(8).build();
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
