package dev.partnerflow.jdbc;

import dev.partnerflow.core.engine.EngineStores;
import dev.partnerflow.core.engine.EngineHoldsUpTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine suite {@link EngineHoldsUpTest} on H2: a fresh in-memory database for every store a test opens. */
class H2EngineHoldsUpTest extends EngineHoldsUpTest {
  @RegisterExtension
  static final JdbcEngineStores STORES = JdbcEngineStores.h2();

  @Override
  protected EngineStores stores() {
    return STORES;
  }
}
