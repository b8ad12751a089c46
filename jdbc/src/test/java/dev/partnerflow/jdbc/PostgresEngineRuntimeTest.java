package dev.partnerflow.jdbc;

import dev.partnerflow.core.engine.EngineStores;
import dev.partnerflow.core.engine.EngineRuntimeTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine suite {@link EngineRuntimeTest} on PostgreSQL: schemas for the class, emptied for every test, dropped after. */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresEngineRuntimeTest extends EngineRuntimeTest {
  @RegisterExtension
  static final JdbcEngineStores STORES = JdbcEngineStores.postgres();

  @Override
  protected EngineStores stores() {
    return STORES;
  }
}
