package dev.partnerflow.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.store.internal.InMemoryRunStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRunStoreTest extends RunStoreContract {
  @Override
  protected RunStore newStore() {
    return new InMemoryRunStore(InMemoryRunStore.DEFAULT_MAX_FINISHED_RUNS, RunStore.DEFAULT_DEDUPE_WINDOW);
  }

  @Test
  void finished_runs_beyond_the_cap_are_forgotten_oldest_first_but_their_events_still_dedupe_for_the_window() {
    store = new InMemoryRunStore(2, Duration.ofDays(30));
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
    // the forgotten run's event still starts nothing new: dedupe does not depend on run retention
    CreateResult again = store.createIfAbsent(queued("run-1-again", ORG, WF, "evt-run-1", minutes(2)));
    assertThat(again.created()).isFalse();
    assertThat(again.runId()).isEqualTo("run-1");
    assertThat(again.run()).isNull();
    assertThat(store.find(ORG, "run-1-again")).isEmpty();
    // once the window has passed since the run was created, the event id may start a run again
    Duration window = Duration.ofDays(30);
    assertThat(store.createIfAbsent(queued("run-1-later", ORG, WF, "evt-run-1", T0.plus(window).plusSeconds(61)))
        .created()).isTrue();
  }

  @Test
  void cancelled_runs_count_towards_the_cap() {
    store = new InMemoryRunStore(1, Duration.ofDays(30));
    createQueued("run-1", T0);
    createQueued("run-2", T0);

    assertThat(store.cancelAll(ORG, WF, minutes(1), "workflow deleted")).isEqualTo(2);

    assertThat(store.list(ORG, WF, RunQuery.all()).total()).isEqualTo(1);
  }

  @Test
  void the_default_store_keeps_dedupe_for_thirty_days_even_after_ten_thousand_newer_runs_finished() {
    store = RunStore.inMemory();
    createQueued("first", T0);
    RunRecord done = claimed("first", WORKER_A, T0).next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);
    assertThat(store.save(done, List.of(), WORKER_A, true, null)).isTrue();
    for (int i = 0; i < RunStore.DEFAULT_MAX_FINISHED_RUNS + 5; i++) {
      String id = "later-" + i;
      createQueued(id, minutes(2));
      RunRecord finished = claimed(id, WORKER_A, minutes(2))
          .next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(3), null);
      store.save(finished, List.of(), WORKER_A, true, null);
    }
    assertThat(store.find(ORG, "first")).isEmpty();
    assertThat(store.createIfAbsent(queued("first-again", ORG, WF, "evt-first", T0.plus(Duration.ofDays(29))))
        .created()).isFalse();
  }

  @Test
  void the_cap_must_be_positive() {
    assertThatThrownBy(() -> new InMemoryRunStore(0, Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
  }
}
