package dev.partnerflow.core.store;

class InMemoryScanStoreTest extends ScanStoreContract {
  @Override
  protected RunStore newStore() {
    return RunStore.inMemory();
  }
}
