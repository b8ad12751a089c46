package dev.partnerflow.core.store;

import dev.partnerflow.core.store.internal.InMemoryWorkflowStore;

class InMemoryWorkflowStoreTest extends WorkflowStoreContract {
  @Override
  protected WorkflowStore newStore() {
    return new InMemoryWorkflowStore();
  }
}
