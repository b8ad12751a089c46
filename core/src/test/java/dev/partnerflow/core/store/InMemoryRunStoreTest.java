package dev.partnerflow.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.store.internal.InMemoryRunStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRunStoreTest extends RunStoreContract {
  @Override
  protected RunStore newStore() {
    return new InMemoryRunStore(InMemoryRunStore.DEFAULT_MAX_FINISHED_RUNS);
  }

  @Test
  void finished_runs_beyond_the_cap_are_forgotten_oldest_first_with_their_event_dedupe() {
    store = new InMemoryRunStore(2);
    createQueued("run-open", T0);
    for (String id : List.of("run-1", "run-2", "run-3")) {
      createQueued(id, T0);
      RunRecord running = claimed(id, WORKER_A, T0);
      RunRecord done = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);
      assertThat(store.save(done, List.of(), WORKER_A, true, null)).isTrue();
    }

    assertThat(store.find(ORG, "run-1")).isEmpty();
    assertThat(store.find(ORG, "run-2")).isPresent();
    assertThat(store.find(ORG, "run-3")).isPresent();
    assertThat(store.find(ORG, "run-open")).isPresent();
    // the forgotten run's event no longer dedupes
    assertThat(store.createIfAbsent(queued("run-1-again", ORG, WF, "evt-run-1", minutes(2))).created()).isTrue();
  }

  @Test
  void cancelled_runs_count_towards_the_cap() {
    store = new InMemoryRunStore(1);
    createQueued("run-1", T0);
    createQueued("run-2", T0);

    assertThat(store.cancelAll(ORG, WF, minutes(1), "workflow deleted")).isEqualTo(2);

    assertThat(store.list(ORG, WF, RunQuery.all()).total()).isEqualTo(1);
  }

  @Test
  void the_cap_must_be_positive() {
    assertThatThrownBy(() -> new InMemoryRunStore(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
