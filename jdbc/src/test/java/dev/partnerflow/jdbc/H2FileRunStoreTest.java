package dev.partnerflow.jdbc;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.RunStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The run store contract on an H2 file in a temporary directory, a fresh file per test. */
class H2FileRunStoreTest extends RunStoreContract {
  @TempDir
  Path dir;
  private final List<JdbcStores> opened = new ArrayList<>();

  @Override
  protected RunStore newStore() {
    JdbcStores stores = JdbcStores.builder().url(TestDatabases.h2File(dir.resolve("db" + opened.size()))).build();
    opened.add(stores);
    return stores.runs();
  }

  @AfterEach
  void close() {
    opened.forEach(JdbcStores::close);
  }
}
