package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.store.WorkflowStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The workflow store contract on a fresh in-memory H2 database per test. */
class H2MemWorkflowStoreTest extends WorkflowStoreContract {
  private final List<JdbcStores> opened = new ArrayList<>();

  @Override
  protected WorkflowStore newStore() {
    JdbcStores stores = JdbcStores.builder().url(TestDatabases.h2Mem()).build();
    opened.add(stores);
    return stores.workflows();
  }

  @AfterEach
  void close() {
    opened.forEach(JdbcStores::close);
  }
}
