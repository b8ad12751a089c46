package dev.partnerflow.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run store's scheduled-scan rows and occurrence records: claimed like runs (lease, fencing by version), one
 * claimer per due scan, occurrences recorded once. Store implementations extend it as they extend
 * {@link RunStoreContract}.
 */
public abstract class ScanStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(5);

  protected abstract RunStore newStore();

  protected RunStore store;

  @BeforeEach
  void open() {
    store = newStore();
  }

  @Test
  void a_scheduled_scan_is_due_at_its_time_and_claimed_once() {
    store.scheduleScan("acme", T0.plusSeconds(60));

    assertThat(store.claimDueScans(T0, 10, "a", T0.plus(LEASE))).isEmpty();
    assertThat(store.dueScanTimes(T0.plusSeconds(60), 10)).containsExactly(T0.plusSeconds(60));
    List<ScanClaim> claimed = store.claimDueScans(T0.plusSeconds(60), 10, "a", T0.plus(LEASE));
    assertThat(claimed).singleElement().satisfies(c -> {
      assertThat(c.organizationId()).isEqualTo("acme");
      assertThat(c.dueAt()).isEqualTo(T0.plusSeconds(60));
    });
    assertThat(store.claimDueScans(T0.plusSeconds(61), 10, "b", T0.plus(LEASE))).isEmpty();
    // while claimed, it is due again when the lease ends
    assertThat(store.dueScanTimes(T0.plus(LEASE), 10)).containsExactly(T0.plus(LEASE));
  }

  @Test
  void finishing_stores_the_next_due_time_and_only_the_holder_may_finish_or_extend() {
    store.scheduleScan("acme", T0);
    ScanClaim c = store.claimDueScans(T0, 10, "a", T0.plus(LEASE)).get(0);

    assertThat(store.finishScan("acme", c.version(), "b", T0.plus(Duration.ofDays(1)))).isFalse();
    assertThat(store.extendScanLease("acme", c.version(), "b", T0.plus(LEASE.multipliedBy(2)))).isFalse();
    assertThat(store.extendScanLease("acme", c.version(), "a", T0.plus(LEASE.multipliedBy(2)))).isTrue();
    assertThat(store.finishScan("acme", c.version(), "a", T0.plus(Duration.ofDays(1)))).isTrue();
    assertThat(store.finishScan("acme", c.version(), "a", T0.plus(Duration.ofDays(1)))).isFalse();

    assertThat(store.dueScanTimes(T0.plus(Duration.ofDays(2)), 10)).containsExactly(T0.plus(Duration.ofDays(1)));
    assertThat(store.claimDueScans(T0.plus(LEASE.multipliedBy(3)), 10, "a", T0.plus(Duration.ofHours(1))))
        .isEmpty();
  }

  @Test
  void an_expired_scan_lease_is_taken_over_and_fences_the_old_holder() {
    store.scheduleScan("acme", T0);
    ScanClaim first = store.claimDueScans(T0, 10, "a", T0.plus(LEASE)).get(0);

    ScanClaim second = store.claimDueScans(T0.plus(LEASE), 10, "b", T0.plus(LEASE.multipliedBy(2))).get(0);

    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(store.extendScanLease("acme", first.version(), "a", T0.plus(LEASE.multipliedBy(3)))).isFalse();
    assertThat(store.finishScan("acme", first.version(), "a", T0.plus(Duration.ofDays(1)))).isFalse();
    assertThat(store.finishScan("acme", second.version(), "b", T0.plus(Duration.ofDays(1)))).isTrue();
  }

  @Test
  void scheduling_moves_a_due_time_earlier_never_later() {
    store.scheduleScan("acme", T0.plus(Duration.ofDays(1)));
    store.scheduleScan("acme", T0);
    store.scheduleScan("acme", T0.plus(Duration.ofDays(2)));

    assertThat(store.dueScanTimes(T0.plus(Duration.ofDays(3)), 10)).containsExactly(T0);
  }

  @Test
  void occurrences_are_recorded_once_per_workflow() {
    assertThat(store.recordOccurrence("acme", "wf-1", "p-1:inactive:x", T0)).isTrue();
    assertThat(store.recordOccurrence("acme", "wf-1", "p-1:inactive:x", T0)).isFalse();
    assertThat(store.recordOccurrence("acme", "wf-2", "p-1:inactive:x", T0)).isTrue();

    assertThat(store.occurrences("acme", "wf-1", List.of("p-1:inactive:x", "p-2:inactive:x")))
        .containsExactly("p-1:inactive:x");
    assertThat(store.occurrences("globex", "wf-1", List.of("p-1:inactive:x"))).isEmpty();
    assertThat(store.occurrences("acme", "wf-1", List.of())).isEmpty();
  }

  @Test
  void many_keys_are_looked_up_at_once() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      keys.add("p-" + i);
      if (i % 3 == 0) {
        store.recordOccurrence("acme", "wf-1", "p-" + i, T0);
      }
    }
    assertThat(store.occurrences("acme", "wf-1", keys)).hasSize(400);
  }

  @Test
  void concurrent_claimers_take_each_due_scan_once() throws Exception {
    for (int i = 0; i < 20; i++) {
      store.scheduleScan("org-" + i, T0);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<ScanClaim>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String owner = "w-" + t;
        results.add(pool.submit(() -> {
          go.await();
          List<ScanClaim> mine = new ArrayList<>();
          for (int round = 0; round < 10; round++) {
            mine.addAll(store.claimDueScans(T0, 3, owner, T0.plus(LEASE)));
          }
          return mine;
        }));
      }
      go.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<ScanClaim>> f : results) {
        f.get(60, TimeUnit.SECONDS).forEach(c -> all.add(c.organizationId()));
      }
      assertThat(all).hasSize(20).doesNotHaveDuplicates();
      assertThat(Set.copyOf(all)).hasSize(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
