package dev.partnerflow.jdbc;

import dev.partnerflow.core.engine.EngineStores;
import dev.partnerflow.core.engine.EngineRuntimeTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine suite {@link EngineRuntimeTest} on H2: a fresh in-memory database for every store a test opens. */
class H2EngineRuntimeTest extends EngineRuntimeTest {
  @RegisterExtension
  static final JdbcEngineStores STORES = JdbcEngineStores.h2();

  @Override
  protected EngineStores stores() {
    return STORES;
  }
}
