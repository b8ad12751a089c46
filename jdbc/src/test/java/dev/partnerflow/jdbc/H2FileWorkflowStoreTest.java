package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.store.WorkflowStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The workflow store contract on an H2 file in a temporary directory, a fresh file per test. */
class H2FileWorkflowStoreTest extends WorkflowStoreContract {
  @TempDir
  Path dir;
  private final List<JdbcStores> opened = new ArrayList<>();

  @Override
  protected WorkflowStore newStore() {
    JdbcStores stores = JdbcStores.builder().url(TestDatabases.h2File(dir.resolve("db" + opened.size()))).build();
    opened.add(stores);
    return stores.workflows();
  }

  @AfterEach
  void close() {
    opened.forEach(JdbcStores::close);
  }
}
