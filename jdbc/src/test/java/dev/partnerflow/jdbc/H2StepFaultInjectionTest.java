package dev.partnerflow.jdbc;

import dev.partnerflow.core.engine.EngineStores;
import dev.partnerflow.core.engine.StepFaultInjectionTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine suite {@link StepFaultInjectionTest} on H2: a fresh in-memory database for every store a test opens. */
class H2StepFaultInjectionTest extends StepFaultInjectionTest {
  @RegisterExtension
  static final JdbcEngineStores STORES = JdbcEngineStores.h2();

  @Override
  protected EngineStores stores() {
    return STORES;
  }
}
