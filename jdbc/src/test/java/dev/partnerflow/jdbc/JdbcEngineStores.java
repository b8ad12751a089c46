package dev.partnerflow.jdbc;

import dev.partnerflow.core.engine.EngineStores;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.testing.SettableClock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The core engine suites' stores on a real database, for their subclasses here; register it as a static
 * {@code @RegisterExtension} field and return it from {@code stores()}. Every {@link #open} gets an empty database:
 * H2 a fresh in-memory one; PostgreSQL a schema of its own, created the first time a test of the class needs that
 * many, emptied when a later test opens it again and dropped after the class. Whatever a test opened is closed
 * after it.
 */
abstract class JdbcEngineStores implements EngineStores, AfterEachCallback, AfterAllCallback {
  private final List<JdbcStores> opened = new ArrayList<>();
  private final Map<StoreProvider.Stores, String> urls = new IdentityHashMap<>();

  static JdbcEngineStores h2() {
    return new JdbcEngineStores() {
      @Override
      String emptyDatabase() {
        return TestDatabases.h2Mem();
      }
    };
  }

  static JdbcEngineStores postgres() {
    return new Postgres();
  }

  /** The URL of an empty database for the next {@link #open} of this test. */
  abstract String emptyDatabase();

  @Override
  public synchronized StoreProvider.Stores open(Clock clock) {
    return connect(emptyDatabase(), clock);
  }

  /** New stores (a new pool) on the database of {@code stores}, which stay open until the test ends. */
  @Override
  public synchronized StoreProvider.Stores reopen(StoreProvider.Stores stores, Clock clock) {
    String url = urls.get(stores);
    if (url == null) {
      throw new IllegalArgumentException("these stores were not opened by this fixture: " + stores);
    }
    return connect(url, clock);
  }

  private StoreProvider.Stores connect(String url, Clock clock) {
    JdbcStores.Builder builder = JdbcStores.builder().url(url).clock(clock);
    if (clock instanceof SettableClock) {
      // Tests on a manual clock move it past due times and leases. Leases judged by the database's clock (main's
      // coming default on PostgreSQL) would not expire when the engine's clock moves, so these keep leases on the
      // engine clock; engines on the system clock get the store's default.
      builder.databaseLeaseClock(false);
    }
    JdbcStores stores = builder.build();
    opened.add(stores);
    urls.put(stores, url);
    return stores;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    opened.forEach(JdbcStores::close);
    opened.clear();
    urls.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {}

  private static final class Postgres extends JdbcEngineStores {
    private final List<TestDatabases.Schema> schemas = new ArrayList<>();
    private int used;

    @Override
    String emptyDatabase() {
      if (used == schemas.size()) {
        // a new schema is empty: its tables are made when the stores open it
        schemas.add(TestDatabases.postgresSchema());
        return schemas.get(used++).url();
      }
      TestDatabases.Schema schema = schemas.get(used++);
      schema.truncate();
      return schema.url();
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
      super.afterEach(context);
      used = 0;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
      schemas.forEach(TestDatabases.Schema::drop);
      schemas.clear();
    }
  }
}
