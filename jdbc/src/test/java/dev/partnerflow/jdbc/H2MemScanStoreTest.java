package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.ScanStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The scan and occurrence contract on a fresh in-memory H2 database per test. */
class H2MemScanStoreTest extends ScanStoreContract {
  private final List<JdbcStores> opened = new ArrayList<>();

  @Override
  protected RunStore newStore() {
    JdbcStores stores = JdbcStores.builder().url(TestDatabases.h2Mem()).build();
    opened.add(stores);
    return stores.runs();
  }

  @AfterEach
  void close() {
    opened.forEach(JdbcStores::close);
  }
}
