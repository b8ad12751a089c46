package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.RunStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The run store contract on a fresh in-memory H2 database per test. */
class H2MemRunStoreTest extends RunStoreContract {
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
