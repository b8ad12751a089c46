package dev.partnerflow.core.store;

import java.util.Optional;

/**
 * Opens stores from a URL such as {@code memory:} or {@code jdbc:postgresql://db/partnerflow}. Found with
 * ServiceLoader ({@code META-INF/services/dev.partnerflow.core.store.StoreProvider}) when the engine builder is
 * given a store URL instead of store instances.
 *
 * <p>Stability: public SPI, implemented by store modules.
 *
 * @since 0.1
 */
public interface StoreProvider {
  /** Both stores for the URL, or empty when this provider does not handle it. */
  Optional<Stores> open(String url);

  /** Higher wins when several providers handle the same URL. */
  default int priority() {
    return 0;
  }

  /**
   * A pair of stores opened together.
   *
   * @param workflows the workflow store
   * @param runs the run store
   */
  record Stores(WorkflowStore workflows, RunStore runs) {}
}
