package dev.partnerflow.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.PageRequest;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.core.testing.TestTypes;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The threaded engine under load and faults: bounded claims, leases, heartbeats, close, stuck steps. Waits are
 * on the runs themselves ({@code awaitFinished}) with generous bounds, never fixed sleeps. Also run on H2 and
 * PostgreSQL.
 */
public class ThreadedEngineTest {
  private static final String ORG = "acme";
  private static final Duration BOUND = Duration.ofSeconds(60);

  /** The stores of every engine in this suite: in memory here, H2 and PostgreSQL in the jdbc module's subclasses. */
  protected EngineStores stores() {
    return EngineStores.IN_MEMORY;
  }

  private static Workflow oneStep() {
    return Workflow.builder(ORG, "One step").id("one").trigger("partner_created")
        .then("a", "notify", Map.of("message", "hi")).build();
  }

  private static Event event(WorkflowEngine engine, String id) {
    return new Event(id, ORG, "partner_created", engine.clock().instant(), Map.of());
  }

  private static void activate(WorkflowEngine engine, Workflow wf) {
    engine.workflows().activate(ORG, engine.workflows().create(ORG, wf).id());
  }

  private static void work(Duration d) {
    LockSupport.parkNanos(d.toNanos());
  }

  private static List<RunRecord> allRuns(RunStore runs, String workflowId) {
    List<RunRecord> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      var p = runs.list(ORG, workflowId, RunQuery.all().withPage(page, PageRequest.MAX_SIZE));
      all.addAll(p.items());
      if (!p.hasNext()) {
        return all;
      }
    }
  }

  @Test
  void every_step_executes_exactly_once_with_8_workers_4000_runs_a_1s_lease_and_5ms_steps() throws Exception {
    Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    ScriptedAction notify = new ScriptedAction();
    for (int i = 0; i < 4000; i++) {
      notify.then(ctx -> {
        executions.computeIfAbsent(ctx.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        work(Duration.ofMillis(5));
        return StepResult.EMPTY;
      });
    }
    try (WorkflowEngine engine = stores().builder(Clock.systemUTC()).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).workerThreads(8).lease(Duration.ofSeconds(1)).stepTimeout(Duration.ofMillis(500))
        .pollInterval(Duration.ofMillis(50)).build().start()) {
      activate(engine, oneStep());
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 4000; i++) {
        runs.addAll(engine.publish(event(engine, "evt-" + i)));
      }
      assertThat(engine.runsInFlight()).isLessThanOrEqualTo(8);
      for (Run run : runs) {
        assertThat(engine.awaitFinished(ORG, run.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
      }

      assertThat(executions).hasSize(4000);
      assertThat(executions.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  @Test
  void a_run_parked_on_a_short_delay_resumes_when_due_not_at_the_next_poll() throws Exception {
    Workflow pause = Workflow.builder(ORG, "Short pause").id("pause").trigger("partner_created")
        .then("wait", "delay", DelayConfig.of(Duration.ofMillis(300)))
        .then("a", "notify", Map.of("message", "hi")).build();
    ScriptedAction notify = new ScriptedAction().then(ctx -> StepResult.EMPTY).then(ctx -> StepResult.EMPTY);
    try (WorkflowEngine engine = stores().builder(Clock.systemUTC()).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).pollInterval(Duration.ofHours(1)).build().start()) {
      activate(engine, pause);
      // the poller sleeps for the poll interval (capped at a third of the 5-minute lease: 100 s, beyond BOUND) unless
      // it knows of a run due sooner; these runs park on their delay after it last looked, so the worker that
      // parks each one wakes it to plan with it
      Run first = engine.publish(event(engine, "evt-1")).get(0);
      Run second = engine.publish(event(engine, "evt-2")).get(0);

      assertThat(engine.awaitFinished(ORG, first.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(engine.awaitFinished(ORG, second.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void a_backlog_waits_queued_in_the_store_not_in_memory_and_starts_as_workers_free_up() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedAction notify = new ScriptedAction();
    for (int i = 0; i < 50; i++) {
      notify.then(ctx -> {
        try {
          release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return StepResult.EMPTY;
      });
    }
    StoreProvider.Stores stores = stores().open(Clock.systemUTC());
    RunStore store = stores.runs();
    try (WorkflowEngine engine = EngineStores.builder(Clock.systemUTC(), stores).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).workerThreads(2)
        .pollInterval(Duration.ofMillis(20)).build().start()) {
      activate(engine, oneStep());
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        runs.addAll(engine.publish(event(engine, "evt-" + i)));
      }

      assertThat(runs).hasSize(50);
      assertThat(engine.runsInFlight()).isLessThanOrEqualTo(2);
      long queued = allRuns(store, "one").stream().filter(r -> r.status() == RunStatus.QUEUED).count();
      assertThat(queued).isGreaterThanOrEqualTo(48);

      release.countDown();
      for (Run run : runs) {
        assertThat(engine.awaitFinished(ORG, run.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
      }
    }
  }

  @Test
  void close_gives_back_runs_it_did_not_finish_and_the_next_engine_finishes_them_at_once() throws Exception {
    StoreProvider.Stores stores = stores().open(Clock.systemUTC());
    RunStore runs = stores.runs();
    ScriptedAction slow = new ScriptedAction();
    for (int i = 0; i < 2000; i++) {
      slow.then(ctx -> {
        work(Duration.ofMillis(5));
        return StepResult.EMPTY;
      });
    }
    // the first engine's lease is an hour: a run it kept would stay stuck for the whole test
    WorkflowEngine first = EngineStores.builder(Clock.systemUTC(), stores).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(slow).workerThreads(4).lease(Duration.ofHours(1))
        .shutdownGrace(Duration.ZERO).build().start();
    activate(first, oneStep());
    for (int i = 0; i < 2000; i++) {
      first.publish(event(first, "evt-" + i));
    }
    first.close();

    List<RunRecord> afterClose = allRuns(runs, "one");
    assertThat(afterClose).hasSize(2000);
    assertThat(afterClose).noneMatch(r -> r.status() == RunStatus.RUNNING);

    ScriptedAction fast = new ScriptedAction();
    try (WorkflowEngine next = EngineStores.builder(Clock.systemUTC(), stores().reopen(stores, Clock.systemUTC()))
        .discoverNodeTypes(false).nodeTypes(new TestTypes()).nodeType(fast).workerThreads(4)
        .pollInterval(Duration.ofMillis(10)).build().start()) {
      for (RunRecord r : afterClose) {
        assertThat(next.awaitFinished(ORG, r.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
      }
    }
  }

  @Test
  void publish_racing_close_either_starts_a_run_another_engine_finishes_or_says_the_engine_is_closed()
      throws Exception {
    StoreProvider.Stores stores = stores().open(Clock.systemUTC());
    WorkflowEngine first = EngineStores.builder(Clock.systemUTC(), stores).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(new ScriptedAction()).workerThreads(2).lease(Duration.ofHours(1))
        .shutdownGrace(Duration.ZERO).build().start();
    activate(first, oneStep());
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger published = new AtomicInteger();
    CountDownLatch going = new CountDownLatch(100);
    Thread publisher = new Thread(() -> {
      for (int i = 0; ; i++) {
        try {
          published.addAndGet(first.publish(event(first, "evt-" + i)).size());
          going.countDown();
        } catch (IllegalStateException e) {
          assertThat(e).hasMessage("the engine is closed");
          refused.incrementAndGet();
          return;
        }
      }
    });
    publisher.start();
    assertThat(going.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    first.close();
    publisher.join(BOUND.toMillis());

    assertThat(refused.get()).isEqualTo(1);
    StoreProvider.Stores reopened = stores().reopen(stores, Clock.systemUTC());
    try (WorkflowEngine next = EngineStores.builder(Clock.systemUTC(), reopened).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(new ScriptedAction()).pollInterval(Duration.ofMillis(10))
        .build().start()) {
      List<RunRecord> all = allRuns(reopened.runs(), "one");
      assertThat(all).hasSizeGreaterThanOrEqualTo(published.get());
      for (RunRecord r : all) {
        assertThat(next.awaitFinished(ORG, r.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
      }
    }
  }

  @Test
  void a_step_that_ignores_its_interruption_is_recorded_as_timed_out_its_thread_abandoned_and_replaced()
      throws Exception {
    CountDownLatch unstick = new CountDownLatch(1);
    ScriptedAction notify = new ScriptedAction().then(ctx -> {
      while (true) {
        try {
          if (unstick.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            return StepResult.of(Map.of("late", true));
          }
        } catch (InterruptedException ignored) {
          // this step ignores interruption on purpose
        }
      }
    });
    try (WorkflowEngine engine = stores().builder(Clock.systemUTC()).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).workerThreads(1).stepTimeout(Duration.ofMillis(100)).lease(Duration.ofSeconds(5))
        .retry(new dev.partnerflow.core.model.RetryPolicy(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))
        .pollInterval(Duration.ofMillis(10)).build().start()) {
      activate(engine, oneStep());
      Run stuck = engine.publish(event(engine, "evt-stuck")).get(0);

      Run done = engine.awaitFinished(ORG, stuck.id(), BOUND);
      Run other = engine.awaitFinished(ORG, engine.publish(event(engine, "evt-other")).get(0).id(), BOUND);

      assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      List<StepAttempt> attempts = engine.trace(ORG, stuck.id()).steps();
      assertThat(attempts).extracting(StepAttempt::status).containsExactly(StepStatus.RETRYING, StepStatus.SUCCEEDED);
      assertThat(attempts.get(0).error().get().type()).isEqualTo("StepTimeoutException");
      assertThat(attempts.get(0).error().get().message()).contains("abandoned");
      assertThat(engine.abandonedThreads()).isEqualTo(1);
      assertThat(other.status()).isEqualTo(RunStatus.SUCCEEDED);

      unstick.countDown();
      // the late result of the abandoned thread is discarded: the trace does not change
      assertThat(engine.trace(ORG, stuck.id()).steps()).hasSize(2);
    }
  }

  @Test
  void a_step_that_overruns_its_timeout_is_recorded_as_timed_out_even_when_it_returns_success() {
    ScriptedAction notify = new ScriptedAction().then(ctx -> {
      long end = System.nanoTime() + Duration.ofMillis(250).toNanos();
      while (System.nanoTime() < end) {
        Thread.interrupted();
        Thread.onSpinWait();
      }
      return StepResult.of(Map.of("sent", true));
    });
    try (TestWorkflowEngine test = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).stepTimeout(Duration.ofMillis(50))
        .retry(dev.partnerflow.core.model.RetryPolicy.NONE))) {
      activate(test.engine(), oneStep());
      Run run = test.engine().publish(event(test.engine(), "evt-1")).get(0);

      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      StepAttempt attempt = test.engine().trace(ORG, run.id()).steps().get(0);
      assertThat(attempt.status()).isEqualTo(StepStatus.FAILED);
      assertThat(attempt.error().get().type()).isEqualTo("StepTimeoutException");
    }
  }

  /** A store whose first claimDue throws an Error; everything else is the delegate's. */
  static final class FirstClaimFails implements RunStore {
    private final RunStore delegate;
    private final AtomicBoolean failed = new AtomicBoolean();

    FirstClaimFails(RunStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<RunRecord> claimDue(Instant now, int limit, String owner, Instant leaseUntil) {
      if (failed.compareAndSet(false, true)) {
        throw new AssertionError("store blew up");
      }
      return delegate.claimDue(now, limit, owner, leaseUntil);
    }

    @Override
    public dev.partnerflow.core.store.CreateResult createIfAbsent(RunRecord run) {
      return delegate.createIfAbsent(run);
    }

    @Override
    public dev.partnerflow.core.store.CreateResult createClaimed(RunRecord run, String owner, Instant now,
        Instant leaseUntil) {
      return delegate.createClaimed(run, owner, now, leaseUntil);
    }

    @Override
    public List<dev.partnerflow.core.store.CreateResult> createRuns(List<RunRecord> runs, int claimUpTo,
        String owner, Instant now, Instant leaseUntil) {
      return delegate.createRuns(runs, claimUpTo, owner, now, leaseUntil);
    }

    @Override
    public Optional<RunRecord> find(String organizationId, String runId) {
      return delegate.find(organizationId, runId);
    }

    @Override
    public Optional<RunRecord> claim(String runId, String owner, Instant now, Instant leaseUntil) {
      return delegate.claim(runId, owner, now, leaseUntil);
    }

    @Override
    public boolean save(RunRecord next, List<StepAttempt> attempts, String owner, boolean release,
        Instant leaseUntil) {
      return delegate.save(next, attempts, owner, release, leaseUntil);
    }

    @Override
    public Set<String> heartbeat(String owner, Collection<String> runIds, Instant leaseUntil) {
      return delegate.heartbeat(owner, runIds, leaseUntil);
    }

    @Override
    public boolean extendLease(String runId, long version, String owner, Instant leaseUntil) {
      return delegate.extendLease(runId, version, owner, leaseUntil);
    }

    @Override
    public boolean release(String runId, long version, String owner, Instant now) {
      return delegate.release(runId, version, owner, now);
    }

    @Override
    public List<StepAttempt> attempts(String organizationId, String runId) {
      return delegate.attempts(organizationId, runId);
    }

    @Override
    public dev.partnerflow.core.store.Page<RunRecord> list(String organizationId, String workflowId,
        RunQuery query) {
      return delegate.list(organizationId, workflowId, query);
    }

    @Override
    public int cancelAll(String organizationId, String workflowId, Instant now, String reason) {
      return delegate.cancelAll(organizationId, workflowId, now, reason);
    }

    @Override
    public long minutesSaved(String organizationId, String workflowId, Instant since) {
      return delegate.minutesSaved(organizationId, workflowId, since);
    }

    @Override
    public Map<String, Long> minutesSaved(String organizationId, Collection<String> workflowIds, Instant since) {
      return delegate.minutesSaved(organizationId, workflowIds, since);
    }

    @Override
    public List<Instant> dueTimers(Instant until, int limit) {
      return delegate.dueTimers(until, limit);
    }

    @Override
    public long countDue(Instant now) {
      return delegate.countDue(now);
    }
  }

  @Test
  void the_poller_survives_an_error_and_still_wakes_delayed_runs() throws Exception {
    SettableClock clock = SettableClock.at("2026-01-05T09:00:00Z");
    CountDownLatch parked = new CountDownLatch(1);
    StoreProvider.Stores stores = stores().open(clock);
    try (WorkflowEngine engine = WorkflowEngine.builder().clock(clock).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(new ScriptedAction())
        .stores(stores.workflows(), new FirstClaimFails(stores.runs())).pollInterval(Duration.ofMillis(10))
        .listener(new RunListener() {
          @Override
          public void runWaiting(Run run) {
            parked.countDown();
          }
        })
        .build().start()) {
      activate(engine, Workflow.builder(ORG, "Later").id("later").trigger("partner_created")
          .then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
          .then("a", "notify", Map.of("message", "x")).build());
      Run run = engine.publish(event(engine, "evt-1")).get(0);
      // the delay is computed on a worker: move the clock only once the run is parked
      assertThat(parked.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      clock.advance(Duration.ofHours(1));

      assertThat(engine.awaitFinished(ORG, run.id(), BOUND).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void a_run_parked_with_no_poller_running_warns_once_naming_start() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        captured.write(b);
        original.write(b);
      }
    }, true, StandardCharsets.UTF_8));
    try (WorkflowEngine engine = stores().builder(Clock.systemUTC()).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(new ScriptedAction()).executor(Runnable::run).build()) {
      activate(engine, Workflow.builder(ORG, "Later").id("later").trigger("partner_created")
          .then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
          .then("a", "notify", Map.of("message", "x")).build());
      engine.publish(event(engine, "evt-1"));
      engine.publish(event(engine, "evt-2"));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("engine.start()");
    assertThat(log.split("nothing will wake it", -1)).hasSize(2);
  }
}
