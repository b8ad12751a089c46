package dev.partnerflow.core.store.internal;

import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreConfig;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowStore;
import java.util.Optional;

/** Handles {@code memory:} (fresh in-memory stores per engine). */
public final class MemoryStoreProvider implements StoreProvider {
  public static final String URL = "memory:";

  @Override
  public Optional<Stores> open(StoreConfig config) {
    if (config.url().isEmpty() || !config.url().get().startsWith(URL)) {
      return Optional.empty();
    }
    return Optional.of(Stores.of(WorkflowStore.inMemory(), RunStore.inMemory()));
  }
}
