package dev.partnerflow.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepError;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RunStore} must have: event dedupe, leases, fenced saves, the due index, listings,
 * cancellation and the minutes-saved sum. A store implementation checks itself by extending this class (shipped in
 * the core test-jar) and returning a fresh, empty store from {@link #newStore()}.
 *
 * <p>All times are fixed instants; nothing waits on the wall clock.
 */
public abstract class RunStoreContract {
  protected static final String ORG = "acme";
  protected static final String OTHER_ORG = "globex";
  protected static final String WF = "wf-welcome";
  protected static final String OTHER_WF = "wf-deals";
  protected static final String WORKER_A = "worker-a";
  protected static final String WORKER_B = "worker-b";
  protected static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(5);

  /** A fresh store with no runs, called once per test. */
  protected abstract RunStore newStore();

  protected RunStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  protected static Instant at(Duration offset) {
    return T0.plus(offset);
  }

  protected static Instant minutes(long n) {
    return T0.plus(Duration.ofMinutes(n));
  }

  protected static Event event(String org, String eventId, Instant occurredAt) {
    return new Event(eventId, org, "partner_created", occurredAt,
        Map.of("partner", Map.of("id", "p-1", "name", "Globex")));
  }

  /** A new run as the engine creates it: queued, version 1, its trigger step due at {@code createdAt}. */
  protected static RunRecord queued(String runId, String org, String workflowId, String eventId,
      Instant createdAt) {
    return new RunRecord(runId, org, workflowId, 1, event(org, eventId, createdAt), false, RunStatus.QUEUED,
        List.of(PendingStep.now("trigger", createdAt)), Map.of(), createdAt, createdAt, null, null, 1);
  }

  protected static RunRecord queued(String runId, Instant createdAt) {
    return queued(runId, ORG, WF, "evt-" + runId, createdAt);
  }

  /** A queued run whose first step is due at {@code dueAt}. */
  protected static RunRecord queuedDueAt(String runId, Instant createdAt, Instant dueAt) {
    return new RunRecord(runId, ORG, WF, 1, event(ORG, "evt-" + runId, createdAt), false, RunStatus.QUEUED,
        List.of(new PendingStep("trigger", 1, dueAt, false)), Map.of(), createdAt, createdAt, null, null, 1);
  }

  protected RunRecord createQueued(String runId, Instant createdAt) {
    RunRecord run = queued(runId, createdAt);
    assertThat(store.createIfAbsent(run).created()).isTrue();
    return run;
  }

  protected RunRecord claimed(String runId, String owner, Instant now) {
    return store.claim(runId, owner, now, now.plus(LEASE)).orElseThrow();
  }

  /** Creates a run, claims it at T0 and parks it (released) until {@code wakeAt}, as a delay node does. */
  protected RunRecord createWaiting(String runId, Instant wakeAt) {
    createQueued(runId, T0);
    RunRecord running = claimed(runId, WORKER_A, T0);
    RunRecord waiting = running.next(RunStatus.WAITING, List.of(new PendingStep("wait", 1, wakeAt, true)),
        running.outputs(), T0, null);
    assertThat(store.save(waiting, List.of(), WORKER_A, true, null)).isTrue();
    return waiting;
  }

  /** Claims the run and saves it as finished with the given final status. */
  protected RunRecord finish(String runId, RunStatus status, Instant now) {
    RunRecord running = claimed(runId, WORKER_A, now);
    RunRecord done = running.next(status, List.of(), running.outputs(), now,
        status == RunStatus.SUCCEEDED ? null : "boom");
    assertThat(store.save(done, List.of(), WORKER_A, true, null)).isTrue();
    return done;
  }

  protected static StepAttempt attempt(String runId, String nodeId, int n, StepStatus status, Instant finishedAt,
      boolean dryRun, int minutesSaved) {
    return new StepAttempt(runId, nodeId, "send_email", n, status, Map.of("subject", "Hi"),
        Map.of("messageId", "m-" + nodeId + "-" + n), finishedAt.minusSeconds(1), finishedAt, null,
        status == StepStatus.SUCCEEDED ? Optional.empty()
            : Optional.of(new StepError("StepFailedException", "smtp down", true)),
        dryRun, minutesSaved);
  }

  protected static StepAttempt succeeded(String runId, String nodeId, Instant finishedAt, int minutesSaved) {
    return attempt(runId, nodeId, 1, StepStatus.SUCCEEDED, finishedAt, false, minutesSaved);
  }

  private static List<String> ids(List<RunRecord> runs) {
    return runs.stream().map(RunRecord::id).toList();
  }

  private RunStatus statusOf(String runId) {
    return store.find(ORG, runId).orElseThrow().status();
  }

  /** Runs {@code task} on {@code threads} threads released together by a start gate; returns every result. */
  protected static <T> List<T> race(int threads, IndexedTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<T> call = () -> {
          ready.countDown();
          start.await();
          return task.run(index);
        };
        futures.add(pool.submit(call));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).as("all threads at the start gate").isTrue();
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A task of {@link #race}, given its thread's index. */
  @FunctionalInterface
  protected interface IndexedTask<T> {
    T run(int index) throws Exception;
  }

  // ---- createIfAbsent and find ---------------------------------------------------------------------------------

  @Test
  void create_if_absent_creates_a_new_run() {
    RunRecord run = queued("run-1", T0);

    CreateResult result = store.createIfAbsent(run);

    assertThat(result.created()).isTrue();
    assertThat(result.run()).isEqualTo(run);
    assertThat(store.find(ORG, "run-1")).contains(run);
  }

  @Test
  void create_if_absent_returns_existing_run_for_same_event() {
    RunRecord first = queued("run-1", ORG, WF, "evt-1", T0);
    RunRecord duplicate = queued("run-2", ORG, WF, "evt-1", minutes(1));
    store.createIfAbsent(first);

    CreateResult result = store.createIfAbsent(duplicate);

    assertThat(result.created()).isFalse();
    assertThat(result.run()).isEqualTo(first);
    assertThat(store.find(ORG, "run-2")).isEmpty();
    assertThat(ids(store.list(ORG, WF, RunQuery.all()).items())).containsExactly("run-1");
  }

  @Test
  void create_claimed_creates_the_run_already_leased_to_the_creator() {
    CreateResult result = store.createClaimed(queued("run-1", T0), WORKER_A, T0, T0.plus(LEASE));

    assertThat(result.created()).isTrue();
    assertThat(result.run().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.find(ORG, "run-1")).contains(result.run());
    assertThat(store.claim("run-1", WORKER_B, minutes(1), minutes(1).plus(LEASE))).isEmpty();
    assertThat(store.claimDue(minutes(1), 10, WORKER_B, minutes(1).plus(LEASE))).isEmpty();
    RunRecord done = result.run().next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);
    assertThat(store.save(done, List.of(), WORKER_A, true, null)).isTrue();
  }

  @Test
  void create_claimed_returns_the_existing_run_unclaimed_for_the_same_event() {
    store.createIfAbsent(queued("run-1", ORG, WF, "evt-1", T0));

    CreateResult result = store.createClaimed(queued("run-2", ORG, WF, "evt-1", T0), WORKER_A, T0, T0.plus(LEASE));

    assertThat(result.created()).isFalse();
    assertThat(result.run().id()).isEqualTo("run-1");
    assertThat(result.run().status()).isEqualTo(RunStatus.QUEUED);
    assertThat(store.find(ORG, "run-2")).isEmpty();
  }

  @Test
  void claimed_run_whose_lease_expires_is_handed_to_another_worker() {
    store.createClaimed(queued("run-1", T0), WORKER_A, T0, T0.plus(LEASE));

    List<RunRecord> due = store.claimDue(T0.plus(LEASE).plusSeconds(1), 10, WORKER_B,
        T0.plus(LEASE).plusSeconds(1).plus(LEASE));

    assertThat(due).extracting(RunRecord::id).containsExactly("run-1");
  }

  @Test
  void create_if_absent_returns_the_current_state_of_the_existing_run() {
    store.createIfAbsent(queued("run-1", ORG, WF, "evt-1", T0));
    RunRecord running = claimed("run-1", WORKER_A, minutes(1));

    CreateResult result = store.createIfAbsent(queued("run-2", ORG, WF, "evt-1", minutes(2)));

    assertThat(result.created()).isFalse();
    assertThat(result.run()).isEqualTo(running);
  }

  @Test
  void create_if_absent_for_same_event_on_another_workflow_creates_a_second_run() {
    store.createIfAbsent(queued("run-1", ORG, WF, "evt-1", T0));

    CreateResult result = store.createIfAbsent(queued("run-2", ORG, OTHER_WF, "evt-1", T0));

    assertThat(result.created()).isTrue();
    assertThat(result.run().id()).isEqualTo("run-2");
    assertThat(store.find(ORG, "run-1")).isPresent();
    assertThat(store.find(ORG, "run-2")).isPresent();
  }

  @Test
  void create_if_absent_for_same_workflow_and_event_ids_in_another_organization_creates_a_separate_run() {
    // workflow ids are unique only within an organization, and event ids are the host's ids
    store.createIfAbsent(queued("run-1", ORG, WF, "evt-1", T0));

    CreateResult result = store.createIfAbsent(queued("run-2", OTHER_ORG, WF, "evt-1", T0));

    assertThat(result.created()).isTrue();
    assertThat(result.run().organizationId()).isEqualTo(OTHER_ORG);
    assertThat(store.find(OTHER_ORG, "run-2")).isPresent();
  }

  @Test
  void find_is_scoped_by_organization() {
    RunRecord run = createQueued("run-1", T0);

    assertThat(store.find(ORG, "run-1")).contains(run);
    assertThat(store.find(OTHER_ORG, "run-1")).isEmpty();
    assertThat(store.find(ORG, "nope")).isEmpty();
  }

  // ---- claim ---------------------------------------------------------------------------------------------------

  @Test
  void claim_raises_the_version_and_sets_running() {
    RunRecord run = createQueued("run-1", T0);

    RunRecord claimed = store.claim("run-1", WORKER_A, minutes(1), minutes(1).plus(LEASE)).orElseThrow();

    assertThat(claimed.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(claimed.version()).isEqualTo(run.version() + 1);
    assertThat(claimed.updatedAt()).isEqualTo(minutes(1));
    assertThat(claimed.pending()).isEqualTo(run.pending());
    assertThat(claimed.createdAt()).isEqualTo(run.createdAt());
    assertThat(store.find(ORG, "run-1")).contains(claimed);
  }

  @Test
  void claim_by_another_owner_before_the_lease_expires_fails() {
    createQueued("run-1", T0);
    RunRecord claimed = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();

    assertThat(store.claim("run-1", WORKER_B, minutes(4), minutes(9))).isEmpty();

    assertThat(store.find(ORG, "run-1")).contains(claimed);
  }

  @Test
  void claim_by_another_owner_after_the_lease_expired_succeeds() {
    createQueued("run-1", T0);
    RunRecord first = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();

    Optional<RunRecord> second = store.claim("run-1", WORKER_B, minutes(6), minutes(11));

    assertThat(second).isPresent();
    assertThat(second.get().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(second.get().version()).isEqualTo(first.version() + 1);
  }

  @Test
  void final_runs_cannot_be_claimed() {
    createQueued("run-ok", T0);
    createQueued("run-failed", T0);
    createQueued("run-cancelled", T0);
    finish("run-ok", RunStatus.SUCCEEDED, T0);
    finish("run-failed", RunStatus.FAILED, T0);
    finish("run-cancelled", RunStatus.CANCELLED, T0);

    assertThat(store.claim("run-ok", WORKER_B, minutes(10), minutes(15))).isEmpty();
    assertThat(store.claim("run-failed", WORKER_B, minutes(10), minutes(15))).isEmpty();
    assertThat(store.claim("run-cancelled", WORKER_B, minutes(10), minutes(15))).isEmpty();
    assertThat(statusOf("run-ok")).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void claim_of_an_unknown_run_is_empty() {
    assertThat(store.claim("nope", WORKER_A, T0, minutes(5))).isEmpty();
  }

  @Test
  void concurrent_claims_of_one_run_give_it_to_exactly_one_owner() throws Exception {
    createQueued("run-1", T0);

    List<Optional<RunRecord>> results =
        race(8, i -> store.claim("run-1", "worker-" + i, T0, minutes(5)));

    assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    assertThat(store.find(ORG, "run-1").orElseThrow().version()).isEqualTo(2);
  }

  // ---- save (fenced) -------------------------------------------------------------------------------------------

  @Test
  void save_by_the_lease_holder_stores_the_next_version_and_appends_attempts() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    StepAttempt trigger = succeeded("run-1", "trigger", minutes(1), 0);
    // outputs are the succeeded attempts' outputs (a durable store rebuilds them from its attempt rows)
    RunRecord next = running.next(RunStatus.RUNNING, List.of(PendingStep.now("welcome", minutes(1))),
        Map.of("trigger", trigger.output()), minutes(1), null);

    boolean saved = store.save(next, List.of(trigger), WORKER_A, false, minutes(6));

    assertThat(saved).isTrue();
    assertThat(store.find(ORG, "run-1")).contains(next);
    assertThat(next.version()).isEqualTo(running.version() + 1);
    assertThat(store.attempts(ORG, "run-1")).containsExactly(trigger);
  }

  @Test
  void save_by_a_non_owner_is_refused_and_writes_nothing() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    RunRecord next = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);

    boolean saved = store.save(next, List.of(succeeded("run-1", "trigger", minutes(1), 5)), WORKER_B, true, null);

    assertThat(saved).isFalse();
    assertThat(store.find(ORG, "run-1")).contains(running);
    assertThat(store.attempts(ORG, "run-1")).isEmpty();
    assertThat(store.minutesSaved(ORG, WF, T0)).isZero();
  }

  @Test
  void save_on_a_stale_version_is_refused_and_writes_nothing() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    StepAttempt firstAttempt = succeeded("run-1", "trigger", minutes(1), 0);
    RunRecord first = running.next(RunStatus.RUNNING, running.pending(), Map.of("trigger", firstAttempt.output()),
        minutes(1), null);
    assertThat(store.save(first, List.of(firstAttempt), WORKER_A, false, minutes(6))).isTrue();

    // written again on top of the version that was already replaced
    RunRecord stale = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(2), null);
    boolean saved = store.save(stale, List.of(succeeded("run-1", "welcome", minutes(2), 5)), WORKER_A, true, null);

    assertThat(saved).isFalse();
    assertThat(store.find(ORG, "run-1")).contains(first);
    assertThat(store.attempts(ORG, "run-1")).containsExactly(firstAttempt);
    assertThat(store.minutesSaved(ORG, WF, T0)).isZero();
  }

  @Test
  void save_that_skips_a_version_is_refused() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    RunRecord skipping = running.next(RunStatus.RUNNING, running.pending(), Map.of(), minutes(1), null)
        .next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);

    assertThat(store.save(skipping, List.of(), WORKER_A, true, null)).isFalse();

    assertThat(store.find(ORG, "run-1")).contains(running);
  }

  @Test
  void save_by_a_worker_whose_lease_was_taken_over_is_refused() {
    createQueued("run-1", T0);
    RunRecord byA = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();
    RunRecord byB = store.claim("run-1", WORKER_B, minutes(6), minutes(11)).orElseThrow();
    RunRecord lateWrite = byA.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(7), null);

    boolean saved = store.save(lateWrite, List.of(succeeded("run-1", "trigger", minutes(7), 5)), WORKER_A, true,
        null);

    assertThat(saved).isFalse();
    assertThat(store.find(ORG, "run-1")).contains(byB);
    assertThat(store.attempts(ORG, "run-1")).isEmpty();
    RunRecord next = byB.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(8), null);
    assertThat(store.save(next, List.of(), WORKER_B, true, null)).isTrue();
  }

  @Test
  void save_of_an_unknown_run_is_refused() {
    RunRecord ghost = queued("ghost", T0).next(RunStatus.RUNNING, List.of(), Map.of(), T0, null);

    assertThat(store.save(ghost, List.of(), WORKER_A, true, null)).isFalse();
    assertThat(store.find(ORG, "ghost")).isEmpty();
  }

  @Test
  void save_with_release_lets_another_owner_claim_immediately() {
    createQueued("run-1", T0);
    RunRecord running = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();
    RunRecord queuedAgain = running.next(RunStatus.QUEUED, List.of(PendingStep.now("welcome", minutes(1))),
        Map.of(), minutes(1), null);
    assertThat(store.save(queuedAgain, List.of(), WORKER_A, true, null)).isTrue();

    Optional<RunRecord> byB = store.claim("run-1", WORKER_B, minutes(1), minutes(6));

    assertThat(byB).isPresent();
    assertThat(byB.get().version()).isEqualTo(queuedAgain.version() + 1);
  }

  @Test
  void save_without_release_extends_the_lease() {
    createQueued("run-1", T0);
    RunRecord running = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();
    RunRecord next = running.next(RunStatus.RUNNING, running.pending(), Map.of(), minutes(4), null);
    assertThat(store.save(next, List.of(), WORKER_A, false, minutes(10))).isTrue();

    assertThat(store.claim("run-1", WORKER_B, minutes(7), minutes(12))).isEmpty();
    assertThat(store.claimDue(minutes(7), 10, WORKER_B, minutes(12))).isEmpty();
    assertThat(store.claim("run-1", WORKER_B, minutes(11), minutes(16))).isPresent();
  }

  @Test
  void saves_under_the_lease_keep_the_run_from_other_workers_until_the_extended_lease_ends() {
    createQueued("run-1", T0);
    RunRecord running = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();
    RunRecord step1 = running.next(RunStatus.RUNNING, running.pending(), Map.of(), minutes(1), null);
    assertThat(store.save(step1, List.of(succeeded("run-1", "hello", minutes(1), 0)), WORKER_A, false, minutes(6)))
        .isTrue();
    RunRecord step2 = step1.next(RunStatus.RUNNING, step1.pending(), Map.of(), minutes(2), null);
    assertThat(store.save(step2, List.of(), WORKER_A, false, minutes(7))).isTrue();

    // past the claim's lease (minute 5), inside the one the last save extended to (minute 7)
    assertThat(store.claimDue(at(Duration.ofSeconds(390)), 10, WORKER_B, minutes(12))).isEmpty();
    assertThat(store.countDue(at(Duration.ofSeconds(390)))).isZero();
    assertThat(store.claim("run-1", WORKER_B, at(Duration.ofSeconds(390)), minutes(12))).isEmpty();

    List<RunRecord> taken = store.claimDue(minutes(7), 10, WORKER_B, minutes(12));
    assertThat(ids(taken)).containsExactly("run-1");
    assertThat(taken.get(0).version()).isEqualTo(step2.version() + 1);
  }

  // ---- claimDue and dueTimers ----------------------------------------------------------------------------------

  @Test
  void claim_due_returns_due_queued_and_waiting_runs_in_wake_up_order() {
    store.createIfAbsent(queuedDueAt("run-q2", T0, minutes(20)));
    createWaiting("run-w1", minutes(10));
    store.createIfAbsent(queuedDueAt("run-q3", T0, minutes(30)));
    createWaiting("run-w2", minutes(15));

    List<RunRecord> claimed = store.claimDue(minutes(30), 10, WORKER_B, minutes(35));

    assertThat(ids(claimed)).containsExactly("run-w1", "run-w2", "run-q2", "run-q3");
    assertThat(claimed).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.RUNNING));
    assertThat(claimed).allSatisfy(r -> assertThat(store.find(ORG, r.id())).contains(r));
    assertThat(store.claimDue(minutes(30), 10, WORKER_A, minutes(35))).isEmpty();
  }

  @Test
  void claim_due_raises_versions_like_claim() {
    RunRecord waiting = createWaiting("run-1", minutes(10));

    List<RunRecord> claimed = store.claimDue(minutes(10), 10, WORKER_B, minutes(15));

    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).version()).isEqualTo(waiting.version() + 1);
    assertThat(claimed.get(0).pending()).isEqualTo(waiting.pending());
  }

  @Test
  void claim_due_includes_runs_due_exactly_now_and_skips_runs_not_yet_due() {
    createWaiting("run-now", minutes(10));
    createWaiting("run-later", minutes(11));

    List<RunRecord> claimed = store.claimDue(minutes(10), 10, WORKER_B, minutes(15));

    assertThat(ids(claimed)).containsExactly("run-now");
    assertThat(statusOf("run-later")).isEqualTo(RunStatus.WAITING);
    assertThat(store.claimDue(minutes(9), 10, WORKER_A, minutes(15))).isEmpty();
  }

  @Test
  void claim_due_respects_the_limit_oldest_due_first() {
    for (int i = 5; i >= 1; i--) {
      store.createIfAbsent(queuedDueAt("run-" + i, T0, minutes(i)));
    }

    List<RunRecord> first = store.claimDue(minutes(10), 2, WORKER_A, minutes(15));
    List<RunRecord> second = store.claimDue(minutes(10), 2, WORKER_B, minutes(15));
    List<RunRecord> third = store.claimDue(minutes(10), 2, "worker-c", minutes(15));

    assertThat(ids(first)).containsExactly("run-1", "run-2");
    assertThat(ids(second)).containsExactly("run-3", "run-4");
    assertThat(ids(third)).containsExactly("run-5");
  }

  @Test
  void claim_due_skips_runs_leased_by_another_owner() {
    createQueued("run-1", T0);
    RunRecord running = store.claim("run-1", WORKER_A, T0, minutes(30)).orElseThrow();
    // the holder parks the run but keeps its lease
    RunRecord waiting = running.next(RunStatus.WAITING, List.of(new PendingStep("wait", 1, minutes(10), true)),
        Map.of(), T0, null);
    assertThat(store.save(waiting, List.of(), WORKER_A, false, minutes(30))).isTrue();
    createWaiting("run-2", minutes(10));

    List<RunRecord> claimed = store.claimDue(minutes(15), 10, WORKER_B, minutes(60));

    assertThat(ids(claimed)).containsExactly("run-2");
    assertThat(store.find(ORG, "run-1")).contains(waiting);
    assertThat(ids(store.claimDue(minutes(31), 10, WORKER_B, minutes(36)))).containsExactly("run-1");
  }

  @Test
  void claim_due_picks_up_running_runs_whose_lease_expired() {
    createQueued("run-1", T0);
    RunRecord byA = store.claim("run-1", WORKER_A, T0, minutes(5)).orElseThrow();

    assertThat(store.claimDue(minutes(4), 10, WORKER_B, minutes(9))).isEmpty();
    List<RunRecord> claimed = store.claimDue(minutes(6), 10, WORKER_B, minutes(11));

    assertThat(ids(claimed)).containsExactly("run-1");
    assertThat(claimed.get(0).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(claimed.get(0).version()).isEqualTo(byA.version() + 1);
    RunRecord lateWrite = byA.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(7), null);
    assertThat(store.save(lateWrite, List.of(), WORKER_A, true, null)).isFalse();
  }

  @Test
  void claim_due_never_returns_final_runs() {
    createQueued("run-1", T0);
    finish("run-1", RunStatus.SUCCEEDED, T0);
    createQueued("run-2", T0);
    store.cancelAll(ORG, WF, T0, "workflow deleted");

    assertThat(store.claimDue(minutes(60), 10, WORKER_B, minutes(65))).isEmpty();
  }

  @Test
  void due_timers_lists_wake_up_times_earliest_first_without_claiming() {
    createWaiting("run-3", minutes(30));
    createWaiting("run-1", minutes(10));
    createWaiting("run-2", minutes(20));

    assertThat(store.dueTimers(minutes(20), 10)).containsExactly(minutes(10), minutes(20));
    assertThat(store.dueTimers(minutes(60), 2)).containsExactly(minutes(10), minutes(20));
    assertThat(store.dueTimers(minutes(5), 10)).isEmpty();

    assertThat(statusOf("run-1")).isEqualTo(RunStatus.WAITING);
    assertThat(statusOf("run-2")).isEqualTo(RunStatus.WAITING);
    assertThat(ids(store.claimDue(minutes(20), 10, WORKER_B, minutes(25)))).containsExactly("run-1", "run-2");
    assertThat(store.dueTimers(minutes(60), 10)).doesNotContain(minutes(10), minutes(20)).contains(minutes(30));
  }

  @Test
  void count_due_counts_what_claim_due_would_claim_now() {
    store.createIfAbsent(queuedDueAt("run-q1", T0, minutes(0)));
    store.createIfAbsent(queuedDueAt("run-q2", T0, minutes(20)));
    createWaiting("run-w1", minutes(10));
    createQueued("run-r1", T0);
    claimed("run-r1", WORKER_A, T0); // lease until minute 5
    createQueued("run-r2", T0);
    claimed("run-r2", WORKER_A, T0);
    assertThat(store.heartbeat(WORKER_A, List.of("run-r2"), minutes(30))).isEmpty(); // lease until minute 30
    createQueued("run-done", T0);
    finish("run-done", RunStatus.SUCCEEDED, T0);

    assertThat(store.countDue(T0)).isEqualTo(1); // run-q1; run-r1 and run-r2 are leased
    assertThat(store.countDue(minutes(5))).isEqualTo(2); // + run-r1, whose lease expired
    assertThat(store.countDue(minutes(10))).isEqualTo(3); // + run-w1, its delay over
    assertThat(store.countDue(minutes(20))).isEqualTo(4); // + run-q2; run-r2's lease was extended
    assertThat(store.countDue(minutes(30))).isEqualTo(5); // + run-r2; never the finished run

    List<RunRecord> taken = store.claimDue(minutes(20), 10, WORKER_B, minutes(25));
    assertThat(taken).hasSize(4);
    assertThat(store.countDue(minutes(20))).isZero();
  }

  @Test
  void count_due_is_zero_for_an_empty_store() {
    assertThat(store.countDue(minutes(60))).isZero();
  }

  @Test
  void concurrent_claim_due_never_hands_one_run_to_two_owners() throws Exception {
    int runs = 40;
    for (int i = 0; i < runs; i++) {
      store.createIfAbsent(queuedDueAt(String.format("run-%02d", i), T0, at(Duration.ofSeconds(i))));
    }

    List<List<RunRecord>> results = race(8, i -> store.claimDue(minutes(10), 3, "worker-" + i, minutes(15)));

    List<String> claimed = new ArrayList<>();
    results.forEach(list -> claimed.addAll(ids(list)));
    assertThat(claimed).doesNotHaveDuplicates();
    assertThat(results).allSatisfy(list -> assertThat(list).hasSizeLessThanOrEqualTo(3));
    Set<String> all = new HashSet<>(claimed);
    all.addAll(ids(store.claimDue(minutes(10), runs, "worker-late", minutes(15))));
    assertThat(all).hasSize(runs);
    for (String id : all) {
      assertThat(store.find(ORG, id).orElseThrow().version()).isEqualTo(2);
    }
  }

  // ---- attempts ------------------------------------------------------------------------------------------------

  @Test
  void attempts_are_appended_in_order_and_scoped_by_organization() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    StepAttempt a1 = succeeded("run-1", "trigger", minutes(1), 0);
    StepAttempt a2 = attempt("run-1", "welcome", 1, StepStatus.RETRYING, minutes(2), false, 0);
    RunRecord waiting = running.next(RunStatus.WAITING, List.of(new PendingStep("welcome", 2, minutes(3), false)),
        Map.of(), minutes(2), null);
    assertThat(store.save(waiting, List.of(a1, a2), WORKER_A, true, null)).isTrue();
    RunRecord again = store.claimDue(minutes(3), 1, WORKER_B, minutes(8)).get(0);
    StepAttempt a3 = attempt("run-1", "welcome", 2, StepStatus.SUCCEEDED, minutes(4), false, 5);
    RunRecord done = again.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(4), null);
    assertThat(store.save(done, List.of(a3), WORKER_B, true, null)).isTrue();

    assertThat(store.attempts(ORG, "run-1")).containsExactly(a1, a2, a3);
    assertThat(store.attempts(OTHER_ORG, "run-1")).isEmpty();
    assertThat(store.attempts(ORG, "nope")).isEmpty();
  }

  @Test
  void a_run_without_attempts_has_an_empty_attempt_list() {
    createQueued("run-1", T0);

    assertThat(store.attempts(ORG, "run-1")).isEmpty();
  }

  // ---- list ----------------------------------------------------------------------------------------------------

  @Test
  void list_returns_runs_of_the_workflow_newest_first() {
    createQueued("run-1", T0);
    createQueued("run-3", minutes(2));
    createQueued("run-2", minutes(1));
    store.createIfAbsent(queued("run-other-wf", ORG, OTHER_WF, "evt-x", minutes(3)));
    store.createIfAbsent(queued("run-other-org", OTHER_ORG, WF, "evt-y", minutes(4)));

    Page<RunRecord> page = store.list(ORG, WF, RunQuery.all());

    assertThat(ids(page.items())).containsExactly("run-3", "run-2", "run-1");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.hasNext()).isFalse();
    assertThat(ids(store.list(OTHER_ORG, WF, RunQuery.all()).items())).containsExactly("run-other-org");
    assertThat(store.list(OTHER_ORG, OTHER_WF, RunQuery.all()).items()).isEmpty();
  }

  @Test
  void list_filters_by_status() {
    createQueued("run-ok", T0);
    createQueued("run-failed", minutes(1));
    createQueued("run-queued", minutes(2));
    createQueued("run-ok-2", minutes(3));
    finish("run-ok", RunStatus.SUCCEEDED, minutes(5));
    finish("run-failed", RunStatus.FAILED, minutes(5));
    finish("run-ok-2", RunStatus.SUCCEEDED, minutes(5));

    Page<RunRecord> succeeded = store.list(ORG, WF, RunQuery.all().withStatuses(Set.of(RunStatus.SUCCEEDED)));
    Page<RunRecord> notOk = store.list(ORG, WF,
        RunQuery.all().withStatuses(Set.of(RunStatus.FAILED, RunStatus.QUEUED)));

    assertThat(ids(succeeded.items())).containsExactly("run-ok-2", "run-ok");
    assertThat(succeeded.total()).isEqualTo(2);
    assertThat(ids(notOk.items())).containsExactly("run-queued", "run-failed");
  }

  @Test
  void list_filters_by_creation_time_window_from_inclusive_to_exclusive() {
    for (int i = 0; i < 5; i++) {
      createQueued("run-" + i, minutes(i * 10));
    }

    assertThat(ids(store.list(ORG, WF, RunQuery.all().between(minutes(10), minutes(30))).items()))
        .containsExactly("run-2", "run-1");
    assertThat(ids(store.list(ORG, WF, RunQuery.all().between(minutes(20), null)).items()))
        .containsExactly("run-4", "run-3", "run-2");
    assertThat(ids(store.list(ORG, WF, RunQuery.all().between(null, minutes(20))).items()))
        .containsExactly("run-1", "run-0");
    assertThat(store.list(ORG, WF, RunQuery.all().between(minutes(11), minutes(19))).total()).isZero();
  }

  @Test
  void list_pages_with_totals_and_has_next() {
    for (int i = 0; i < 5; i++) {
      createQueued("run-" + i, minutes(i));
    }

    Page<RunRecord> first = store.list(ORG, WF, RunQuery.all().withPage(0, 2));
    Page<RunRecord> second = store.list(ORG, WF, RunQuery.all().withPage(1, 2));
    Page<RunRecord> last = store.list(ORG, WF, RunQuery.all().withPage(2, 2));

    assertThat(ids(first.items())).containsExactly("run-4", "run-3");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.hasNext()).isTrue();
    assertThat(ids(second.items())).containsExactly("run-2", "run-1");
    assertThat(second.hasNext()).isTrue();
    assertThat(ids(last.items())).containsExactly("run-0");
    assertThat(last.total()).isEqualTo(5);
    assertThat(last.hasNext()).isFalse();
  }

  @Test
  void list_combines_status_window_and_page() {
    for (int i = 0; i < 6; i++) {
      createQueued("run-" + i, minutes(i));
    }
    finish("run-1", RunStatus.FAILED, minutes(10));
    finish("run-3", RunStatus.FAILED, minutes(10));
    finish("run-5", RunStatus.FAILED, minutes(10));

    Page<RunRecord> page = store.list(ORG, WF, RunQuery.all().withStatuses(Set.of(RunStatus.FAILED))
        .between(minutes(1), minutes(5)).withPage(0, 1));

    assertThat(ids(page.items())).containsExactly("run-3");
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.hasNext()).isTrue();
  }

  // ---- cancelAll -----------------------------------------------------------------------------------------------

  @Test
  void cancel_all_cancels_queued_waiting_and_running_runs_and_leaves_final_ones() {
    createQueued("run-queued", T0);
    createWaiting("run-waiting", minutes(60));
    createQueued("run-running", T0);
    RunRecord running = store.claim("run-running", WORKER_B, minutes(1), minutes(6)).orElseThrow();
    createQueued("run-done", T0);
    RunRecord done = finish("run-done", RunStatus.SUCCEEDED, minutes(1));
    RunRecord otherWorkflow = queued("run-other-wf", ORG, OTHER_WF, "evt-x", T0);
    store.createIfAbsent(otherWorkflow);

    int cancelled = store.cancelAll(ORG, WF, minutes(2), "workflow deleted");

    assertThat(cancelled).isEqualTo(3);
    for (String id : List.of("run-queued", "run-waiting", "run-running")) {
      RunRecord r = store.find(ORG, id).orElseThrow();
      assertThat(r.status()).as(id).isEqualTo(RunStatus.CANCELLED);
      assertThat(r.error()).as(id).isEqualTo("workflow deleted");
      assertThat(r.finishedAt()).as(id).isEqualTo(minutes(2));
    }
    assertThat(store.find(ORG, "run-done")).contains(done);
    assertThat(store.find(ORG, "run-other-wf")).contains(otherWorkflow);

    RunRecord lateWrite = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(3), null);
    assertThat(store.save(lateWrite, List.of(succeeded("run-running", "welcome", minutes(3), 5)), WORKER_B, true,
        null)).isFalse();
    assertThat(statusOf("run-running")).isEqualTo(RunStatus.CANCELLED);
    assertThat(store.attempts(ORG, "run-running")).isEmpty();
    assertThat(store.claimDue(minutes(120), 10, WORKER_A, minutes(125))).extracting(RunRecord::id)
        .containsExactly("run-other-wf");
    assertThat(store.claim("run-queued", WORKER_A, minutes(120), minutes(125))).isEmpty();
  }

  @Test
  void cancel_all_with_nothing_to_cancel_returns_0() {
    createQueued("run-1", T0);
    finish("run-1", RunStatus.SUCCEEDED, T0);

    assertThat(store.cancelAll(ORG, WF, minutes(1), "workflow deleted")).isZero();
    assertThat(store.cancelAll(ORG, "nope", minutes(1), "workflow deleted")).isZero();
    assertThat(statusOf("run-1")).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void cancel_all_is_scoped_by_organization() {
    RunRecord run = createQueued("run-1", T0);

    assertThat(store.cancelAll(OTHER_ORG, WF, minutes(1), "workflow deleted")).isZero();

    assertThat(store.find(ORG, "run-1")).contains(run);
  }

  // ---- minutesSaved --------------------------------------------------------------------------------------------

  @Test
  void minutes_saved_sums_successful_non_dry_run_attempts_finished_since() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    List<StepAttempt> attempts = List.of(
        succeeded("run-1", "before", minutes(-60), 3),
        succeeded("run-1", "counted", minutes(10), 5),
        succeeded("run-1", "counted-too", minutes(20), 2),
        attempt("run-1", "dry-run", 1, StepStatus.SUCCEEDED, minutes(10), true, 7),
        attempt("run-1", "retrying", 1, StepStatus.RETRYING, minutes(10), false, 11),
        attempt("run-1", "failed", 1, StepStatus.FAILED, minutes(10), false, 13),
        succeeded("run-1", "nothing-saved", minutes(10), 0));
    RunRecord done = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(20), null);
    assertThat(store.save(done, attempts, WORKER_A, true, null)).isTrue();

    assertThat(store.minutesSaved(ORG, WF, T0)).isEqualTo(7);
    assertThat(store.minutesSaved(ORG, WF, minutes(-120))).isEqualTo(10);
    assertThat(store.minutesSaved(ORG, WF, minutes(10))).isEqualTo(7);
    assertThat(store.minutesSaved(ORG, WF, minutes(11))).isEqualTo(2);
    assertThat(store.minutesSaved(ORG, WF, minutes(21))).isZero();
  }

  @Test
  void minutes_saved_adds_up_over_runs_and_is_scoped_by_organization_and_workflow() {
    for (String id : List.of("run-1", "run-2")) {
      createQueued(id, T0);
      RunRecord running = claimed(id, WORKER_A, T0);
      RunRecord done = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);
      assertThat(store.save(done, List.of(succeeded(id, "welcome", minutes(1), 4)), WORKER_A, true, null))
          .isTrue();
    }

    assertThat(store.minutesSaved(ORG, WF, T0)).isEqualTo(8);
    assertThat(store.minutesSaved(OTHER_ORG, WF, T0)).isZero();
    assertThat(store.minutesSaved(ORG, OTHER_WF, T0)).isZero();
  }

  @Test
  void minutes_saved_counts_an_attempt_finished_at_or_after_since_within_the_same_minute() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    RunRecord done = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);
    assertThat(store.save(done, List.of(succeeded("run-1", "welcome", at(Duration.ofSeconds(45)), 5)), WORKER_A,
        true, null)).isTrue();

    assertThat(store.minutesSaved(ORG, WF, at(Duration.ofSeconds(30)))).isEqualTo(5);
    assertThat(store.minutesSaved(ORG, WF, at(Duration.ofSeconds(45)))).isEqualTo(5);
  }

  @Test
  void minutes_saved_ignores_an_attempt_finished_before_the_minute_of_since() {
    createQueued("run-1", T0);
    RunRecord running = claimed("run-1", WORKER_A, T0);
    RunRecord done = running.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null);
    assertThat(store.save(done, List.of(succeeded("run-1", "welcome", T0, 5)), WORKER_A, true, null)).isTrue();

    // the SPI lets stores round since down to the whole minute: T0 + 0.5 s still counts T0's attempt
    assertThat(store.minutesSaved(ORG, WF, T0.plusMillis(500))).isEqualTo(5);
    assertThat(store.minutesSaved(ORG, WF, T0.plusSeconds(60))).isZero();
  }

  // ---- concurrency ---------------------------------------------------------------------------------------------

  @Test
  void concurrent_create_if_absent_for_the_same_event_creates_exactly_one_run() throws Exception {
    List<CreateResult> results =
        race(8, i -> store.createIfAbsent(queued("run-" + i, ORG, WF, "evt-1", T0)));

    List<CreateResult> created = results.stream().filter(CreateResult::created).toList();
    assertThat(created).hasSize(1);
    String winner = created.get(0).run().id();
    assertThat(ids(store.list(ORG, WF, RunQuery.all()).items())).containsExactly(winner);
    assertThat(store.find(ORG, winner)).isPresent();
  }

  @Test
  void concurrent_create_if_absent_hands_every_caller_the_stored_run() throws Exception {
    for (int round = 0; round < 200; round++) {
      String eventId = "evt-" + round;
      String prefix = "r" + round + "-";
      List<CreateResult> results =
          race(8, i -> store.createIfAbsent(queued(prefix + i, ORG, WF, eventId, T0)));

      List<String> created = results.stream().filter(CreateResult::created).map(r -> r.run().id()).toList();
      assertThat(created).as("round %d", round).hasSize(1);
      assertThat(results).as("round %d", round)
          .allSatisfy(r -> assertThat(r.run().id()).isEqualTo(created.get(0)));
      assertThat(store.find(ORG, created.get(0))).as("round %d", round).isPresent();
    }
  }

  // ---- reshaped for durable stores: batch create, leases, heartbeat, release, aggregates, types --------------

  @Test
  void create_runs_creates_the_runs_of_one_event_together_claiming_only_as_many_as_asked() {
    List<RunRecord> starts = List.of(queued("r-1", ORG, WF, "evt-9", T0), queued("r-2", ORG, OTHER_WF, "evt-9", T0),
        queued("r-3", ORG, "wf-third", "evt-9", T0));

    List<CreateResult> results = store.createRuns(starts, 2, WORKER_A, T0, T0.plus(LEASE));

    assertThat(results).allMatch(CreateResult::created);
    assertThat(results).extracting(r -> r.run().status())
        .containsExactly(RunStatus.RUNNING, RunStatus.RUNNING, RunStatus.QUEUED);
    // the same event again starts nothing, and hands back the runs it started
    List<CreateResult> again = store.createRuns(List.of(queued("r-4", ORG, WF, "evt-9", minutes(1))), 1, WORKER_B,
        minutes(1), minutes(1).plus(LEASE));
    assertThat(again).singleElement().satisfies(r -> {
      assertThat(r.created()).isFalse();
      assertThat(r.runId()).isEqualTo("r-1");
    });
    assertThat(store.claimDue(minutes(1), 10, WORKER_B, minutes(1).plus(LEASE))).extracting(RunRecord::id)
        .containsExactly("r-3");
  }

  @Test
  void create_runs_creates_a_waiting_run_waiting_and_claims_the_queued_ones_only() {
    Instant wake = T0.plus(Duration.ofDays(7));
    RunRecord waiting = new RunRecord("r-wait", ORG, WF, 1, event(ORG, "evt-7", T0), false, RunStatus.WAITING,
        List.of(new PendingStep("wait", 1, wake, true)), Map.of(), T0, T0, null, null, 1);
    List<RunRecord> starts = List.of(waiting, queued("r-now", ORG, OTHER_WF, "evt-7", T0));

    List<CreateResult> results = store.createRuns(starts, 2, WORKER_A, T0, T0.plus(LEASE));

    assertThat(results).allMatch(CreateResult::created);
    assertThat(results).extracting(r -> r.run().status()).containsExactly(RunStatus.WAITING, RunStatus.RUNNING);
    RunRecord stored = store.find(ORG, "r-wait").orElseThrow();
    assertThat(stored.status()).isEqualTo(RunStatus.WAITING);
    assertThat(stored.pending()).containsExactly(new PendingStep("wait", 1, wake, true));
    assertThat(store.claimDue(wake.minusSeconds(1), 10, WORKER_B, wake.plus(LEASE))).extracting(RunRecord::id)
        .doesNotContain("r-wait");
    assertThat(store.claimDue(wake, 10, WORKER_B, wake.plus(LEASE))).extracting(RunRecord::id)
        .containsExactly("r-wait");
  }

  @Test
  void claim_due_never_claims_more_than_the_free_slots_it_is_given() {
    for (int i = 0; i < 5; i++) {
      createQueued("run-" + i, T0);
    }
    assertThat(store.claimDue(minutes(1), 2, WORKER_A, minutes(1).plus(LEASE))).hasSize(2);
    assertThat(store.claimDue(minutes(1), 0, WORKER_A, minutes(1).plus(LEASE))).isEmpty();
    assertThat(store.claimDue(minutes(1), 10, WORKER_B, minutes(1).plus(LEASE))).hasSize(3);
  }

  @Test
  void heartbeat_extends_held_leases_and_names_the_ones_lost() {
    createQueued("mine", T0);
    createQueued("taken", T0);
    claimed("mine", WORKER_A, T0);
    claimed("taken", WORKER_A, T0);
    assertThat(store.heartbeat(WORKER_A, List.of("mine"), T0.plus(LEASE).plus(LEASE))).isEmpty();
    // the lease of 'taken' was not extended: it expires and another worker claims it
    assertThat(store.claimDue(T0.plus(LEASE).plusSeconds(1), 10, WORKER_B, T0.plus(LEASE).plus(LEASE)))
        .extracting(RunRecord::id).containsExactly("taken");

    Set<String> lost = store.heartbeat(WORKER_A, List.of("mine", "taken", "gone"), T0.plus(LEASE).plus(LEASE));

    assertThat(lost).containsExactlyInAnyOrder("taken", "gone");
    // 'mine' was extended before its lease ran out, so nobody can claim it now
    assertThat(store.claimDue(T0.plus(LEASE).plusSeconds(2), 10, WORKER_B, T0.plus(LEASE).plus(LEASE))).isEmpty();
  }

  @Test
  void a_worker_that_lost_its_lease_can_neither_extend_nor_save_nor_release() {
    createQueued("run-1", T0);
    RunRecord mine = claimed("run-1", WORKER_A, T0);
    RunRecord theirs = store.claimDue(T0.plus(LEASE).plusSeconds(1), 10, WORKER_B, T0.plus(LEASE).plus(LEASE))
        .get(0);

    assertThat(store.extendLease("run-1", mine.version(), WORKER_A, T0.plus(LEASE).plus(LEASE))).isFalse();
    assertThat(store.save(mine.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(6), null), List.of(),
        WORKER_A, true, null)).isFalse();
    assertThat(store.release("run-1", mine.version(), WORKER_A, minutes(6))).isFalse();
    assertThat(store.extendLease("run-1", theirs.version(), WORKER_B, T0.plus(LEASE).plus(LEASE))).isTrue();
  }

  @Test
  void release_gives_a_claimed_run_back_due_at_once_and_fences_out_the_old_holder() {
    createQueued("run-1", T0);
    RunRecord mine = claimed("run-1", WORKER_A, T0);

    assertThat(store.release("run-1", mine.version(), WORKER_A, minutes(1))).isTrue();

    assertThat(store.find(ORG, "run-1")).get().extracting(RunRecord::status).isEqualTo(RunStatus.QUEUED);
    assertThat(store.save(mine.next(RunStatus.SUCCEEDED, List.of(), Map.of(), minutes(1), null), List.of(),
        WORKER_A, true, null)).isFalse();
    assertThat(store.claimDue(minutes(1), 10, WORKER_B, minutes(1).plus(LEASE))).extracting(RunRecord::id)
        .containsExactly("run-1");
  }

  @Test
  void minutes_saved_of_several_workflows_comes_in_one_answer_with_zero_for_the_rest() {
    assertThat(store.minutesSaved(ORG, List.of(WF, OTHER_WF), T0)).containsEntry(WF, 0L).containsEntry(OTHER_WF, 0L);
  }

  @Test
  void event_data_keeps_its_json_types_and_instants_keep_microseconds() {
    Instant micros = Instant.parse("2026-01-05T09:00:00.123456Z");
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("int", 42);
    data.put("long", 9_007_199_254_740_993L);
    data.put("decimal", new java.math.BigDecimal("120000.50"));
    data.put("bool", true);
    data.put("none", null);
    data.put("date", "2026-12-01");
    data.put("nested", Map.of("list", List.of(1, "two", Map.of("three", 3.5))));
    RunRecord run = new RunRecord("typed", ORG, WF, 1, new Event("evt-typed", ORG,
        "partner_created", micros, data), false, RunStatus.QUEUED, List.of(PendingStep.now("trigger", micros)),
        Map.of(), micros, micros, null, null, 1);
    store.createIfAbsent(run);

    RunRecord read = store.find(ORG, "typed").orElseThrow();
    Map<String, Object> back = read.event().data();
    assertThat(((Number) back.get("int")).intValue()).isEqualTo(42);
    assertThat(((Number) back.get("long")).longValue()).isEqualTo(9_007_199_254_740_993L);
    assertThat(new java.math.BigDecimal(back.get("decimal").toString())).isEqualByComparingTo("120000.50");
    assertThat(back.get("bool")).isEqualTo(true);
    assertThat(back).containsKey("none");
    assertThat(back.get("none")).isNull();
    assertThat(back.get("date")).isEqualTo("2026-12-01");
    assertThat(back.get("nested")).isEqualTo(Map.of("list", List.of(1, "two", Map.of("three", 3.5))));
    assertThat(read.event().occurredAt()).isEqualTo(micros);
    assertThat(read.createdAt()).isEqualTo(micros);
    assertThat(read.pending().get(0).dueAt()).isEqualTo(micros);
  }

  @Test
  void instants_outside_the_four_digit_years_and_at_their_edges_keep_their_value() {
    List<Instant> instants = List.of(Instant.parse("0001-01-01T00:00:00.000001Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("-0099-03-01T12:00:00.5Z"),
        Instant.parse("+12026-06-01T08:30:00Z"));
    for (int i = 0; i < instants.size(); i++) {
      Instant at = instants.get(i);
      RunRecord run = new RunRecord("far-" + i, ORG, WF, 1, new Event("evt-far-" + i, ORG,
          "partner_created", at, Map.of()), false, RunStatus.QUEUED, List.of(PendingStep.now("trigger", at)),
          Map.of(), at, at, null, null, 1);
      store.createIfAbsent(run);

      RunRecord read = store.find(ORG, "far-" + i).orElseThrow();
      assertThat(read.event().occurredAt()).as("%s", at).isEqualTo(at);
      assertThat(read.createdAt()).as("%s", at).isEqualTo(at);
      assertThat(read.pending().get(0).dueAt()).as("%s", at).isEqualTo(at);
    }
  }
}
