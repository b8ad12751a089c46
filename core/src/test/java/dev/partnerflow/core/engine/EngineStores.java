package dev.partnerflow.core.engine;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where the engine suites get their stores: in memory in core; the jdbc module's subclasses of the suites return
 * H2 and PostgreSQL stores here, so that every engine scenario also runs on the durable stores. The fixture owns
 * what it opens and closes it after the test (an engine never closes stores it was given).
 */
public interface EngineStores {
  EngineStores IN_MEMORY = clock -> StoreProvider.Stores.of(WorkflowStore.inMemory(), RunStore.inMemory());

  /** Fresh, empty stores for one engine on {@code clock}; each call in a test gets stores of its own. */
  StoreProvider.Stores open(Clock clock);

  /**
   * The data of {@code stores} through new store instances, as an engine restarted on the same database sees it.
   * In memory there is nothing else to restart on: the same stores.
   */
  default StoreProvider.Stores reopen(StoreProvider.Stores stores, Clock clock) {
    return stores;
  }

  /** A builder on {@code clock} and fresh stores from {@link #open}. */
  default WorkflowEngine.Builder builder(Clock clock) {
    return builder(clock, open(clock));
  }

  static WorkflowEngine.Builder builder(Clock clock, StoreProvider.Stores stores) {
    return WorkflowEngine.builder().clock(clock).stores(stores.workflows(), stores.runs());
  }

  /** A {@link TestWorkflowEngine} on fresh stores from {@link #open}; {@code configure} may set other stores. */
  default TestWorkflowEngine testEngine(Consumer<WorkflowEngine.Builder> configure) {
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    return testEngine(clock, open(clock), configure);
  }

  static TestWorkflowEngine testEngine(SettableClock clock, StoreProvider.Stores stores,
      Consumer<WorkflowEngine.Builder> configure) {
    return TestWorkflowEngine.create(clock, b -> configure.accept(b.stores(stores.workflows(), stores.runs())));
  }
}
