package dev.partnerflow.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.CreateResult;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.core.testing.TestTypes;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.core.validation.WorkflowCheck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Findings of "the engine holds up", on the deterministic test engine; also run on H2 and PostgreSQL. */
public class EngineHoldsUpTest {
  private static final String ORG = "acme";
  private ScriptedAction notify;
  private TestWorkflowEngine test;
  private WorkflowEngine engine;
  private int eventSeq;

  /** The stores of every engine in this suite: in memory here, H2 and PostgreSQL in the jdbc module's subclasses. */
  protected EngineStores stores() {
    return EngineStores.IN_MEMORY;
  }

  @BeforeEach
  void setUp() {
    notify = new ScriptedAction();
    test = stores().testEngine(b -> b.discoverNodeTypes(false).nodeTypes(new TestTypes()).nodeType(notify));
    engine = test.engine();
  }

  @AfterEach
  void tearDown() {
    test.close();
  }

  private Event created(Map<String, Object> data) {
    return new Event("evt-" + (++eventSeq), ORG, "partner_created", test.clock().instant(), data);
  }

  private Workflow active(Workflow wf) {
    return engine.workflows().activate(ORG, engine.workflows().create(ORG, wf).id());
  }

  private static Node notifyNode(String id) {
    return Node.of(id, "notify", Map.of("message", "from " + id));
  }

  // ---- writes ------------------------------------------------------------------------------------------------

  /**
   * {@code runs}, recording each write of a run's state into {@code writes}: "create" with the states written,
   * "save" with the status, the step records' node ids and whether the run was let go.
   */
  private static RunStore recordingWrites(RunStore runs, List<String> writes) {
    return (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(runs, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          Object created = result instanceof Optional<?> o ? o.orElse(null) : result;
          if (created instanceof CreateResult r) {
            created = List.of(r);
          }
          if (method.getName().startsWith("create") && created instanceof List<?> list) {
            writes.add("create" + list.stream().map(r -> (CreateResult) r).filter(CreateResult::created)
                .map(r -> " " + r.run().status()).reduce("", String::concat));
          } else if (method.getName().equals("save")) {
            RunRecord next = (RunRecord) args[0];
            @SuppressWarnings("unchecked")
            List<StepAttempt> attempts = (List<StepAttempt>) args[1];
            writes.add("save " + next.status() + attempts.stream().map(a -> " " + a.nodeId()).reduce("", String::concat)
                + (Boolean.TRUE.equals(args[3]) ? " released" : ""));
          }
          return result;
        });
  }

  /** A test engine on this class's stores whose run store records its writes into {@code writes}. */
  private TestWorkflowEngine recordingEngine(SettableClock clock, List<String> writes, RunListener... listeners) {
    StoreProvider.Stores stores = stores().open(clock);
    return EngineStores.testEngine(clock,
        StoreProvider.Stores.of(stores.workflows(), recordingWrites(stores.runs(), writes)), b -> {
          b.discoverNodeTypes(false).nodeTypes(new TestTypes()).nodeType(notify);
          for (RunListener l : listeners) {
            b.listener(l);
          }
        });
  }

  @Test
  void a_delay_that_parks_the_run_is_written_once_as_the_waiting_state() {
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    List<String> writes = new CopyOnWriteArrayList<>();
    try (TestWorkflowEngine t = recordingEngine(clock, writes)) {
      WorkflowEngine e = t.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Week").id("week")
          .trigger("partner_created").then(notifyNode("hello"))
          .then("wait", "delay", DelayConfig.of(Duration.ofDays(7))).then(notifyNode("check-in")).build()).id());

      Run run = e.publish(new Event("evt-week", ORG, "partner_created", clock.instant(), Map.of())).get(0);

      assertThat(run.status()).isEqualTo(RunStatus.WAITING);
      // before: a "save RUNNING" (the parked delay) between the two, then the same wait written again
      assertThat(writes).containsExactly("create RUNNING", "save RUNNING hello", "save WAITING released");
      t.advance(Duration.ofDays(7));
      assertThat(e.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(writes).endsWith("save RUNNING wait", "save SUCCEEDED check-in released");
    }
  }

  @Test
  void a_failed_attempt_that_waits_for_its_retry_is_recorded_in_the_write_that_lets_the_run_wait() {
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    List<String> writes = new CopyOnWriteArrayList<>();
    notify.thenFail(ScriptedAction.retryable("down"));
    try (TestWorkflowEngine t = recordingEngine(clock, writes)) {
      WorkflowEngine e = t.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Retry").id("retry")
          .trigger("partner_created").then(notifyNode("a").withSettings(NodeSettings.DEFAULTS.withRetry(
              new RetryPolicy(3, Duration.ofMinutes(1), 2.0, Duration.ofHours(1))))).build()).id());

      Run run = e.publish(new Event("evt-retry", ORG, "partner_created", clock.instant(), Map.of())).get(0);

      assertThat(run.status()).isEqualTo(RunStatus.WAITING);
      // before: "save RUNNING a" (the failed attempt) and then "save WAITING released"
      assertThat(writes).containsExactly("create RUNNING", "save WAITING a released");
      t.advance(Duration.ofMinutes(1));
      RunTrace done = e.trace(ORG, run.id());
      assertThat(done.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(done.steps()).extracting(StepAttempt::status).containsExactly(StepStatus.RETRYING,
          StepStatus.SUCCEEDED);
    }
  }

  @Test
  void a_run_whose_first_step_is_a_delay_is_created_waiting_in_one_write() {
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    List<String> writes = new CopyOnWriteArrayList<>();
    List<String> heard = new CopyOnWriteArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void runStarted(Run run) {
        heard.add("started " + run.status());
      }

      @Override
      public void runWaiting(Run run) {
        heard.add("waiting until " + run.nextWakeAt().orElseThrow());
      }
    };
    try (TestWorkflowEngine t = recordingEngine(clock, writes, listener)) {
      WorkflowEngine e = t.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Check in").id("check-in")
          .trigger("partner_created").then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
          .then(notifyNode("check-in")).build()).id());
      Instant wake = clock.instant().plus(Duration.ofDays(7));

      Run run = e.publish(new Event("evt-new", ORG, "partner_created", clock.instant(), Map.of())).get(0);

      assertThat(run.status()).isEqualTo(RunStatus.WAITING);
      assertThat(run.nextWakeAt()).contains(wake);
      // before: created RUNNING (claimed by this engine), then saved WAITING once its delay had parked it
      assertThat(writes).containsExactly("create WAITING");
      assertThat(heard).containsExactly("started WAITING", "waiting until " + wake);
      // the same event again starts nothing
      assertThat(e.publish(new Event("evt-new", ORG, "partner_created", clock.instant(), Map.of())))
          .extracting(Run::id).containsExactly(run.id());

      t.advance(Duration.ofDays(7).minusSeconds(1));
      assertThat(notify.calls).isEmpty();
      t.advance(Duration.ofSeconds(1));
      RunTrace done = e.trace(ORG, run.id());
      assertThat(done.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(done.steps()).extracting(StepAttempt::nodeId).containsExactly("wait", "check-in");
      assertThat(done.steps().get(0).output()).containsEntry("waitedUntil", wake.toString());
      assertThat(done.lastAttempt("check-in").orElseThrow().startedAt()).isEqualTo(wake);
    }
  }

  @Test
  void a_first_delay_with_nothing_to_wait_for_or_no_date_still_executes_and_is_recorded() {
    active(Workflow.builder(ORG, "Renewal").id("renewal").trigger("partner_created")
        .then("wait", "delay", DelayConfig.until("partner.renewalDate", Duration.ofDays(-14)))
        .then(notifyNode("remind")).build());

    Run past = engine.publish(created(Map.of("partner", Map.of("renewalDate", "2020-01-01")))).get(0);
    Run missing = engine.publish(created(Map.of("partner", Map.of()))).get(0);

    RunTrace over = engine.trace(ORG, past.id());
    assertThat(over.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(over.steps()).extracting(StepAttempt::nodeId).containsExactly("wait", "remind");
    RunTrace failed = engine.trace(ORG, missing.id());
    assertThat(failed.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.steps()).singleElement().satisfies(a -> {
      assertThat(a.nodeId()).isEqualTo("wait");
      assertThat(a.status()).isEqualTo(StepStatus.FAILED);
    });
  }

  // ---- runs never get stuck ----------------------------------------------------------------------------------

  @Test
  void a_worker_whose_save_failed_reports_its_lease_lost_when_another_engine_took_the_run_over() {
    // a paused process: its lease expired, another engine claimed the run, then the database ended its session,
    // so its save fails instead of matching 0 rows; it must still learn that it lost the run
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    StoreProvider.Stores stores = stores().open(clock);
    RunStore runs = stores.runs();
    AtomicBoolean failNext = new AtomicBoolean(true);
    RunStore sessionEnded = (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(),
        new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("save") && failNext.compareAndSet(true, false)) {
            Instant later = clock.instant().plus(Duration.ofHours(1));
            assertThat(runs.claim(((RunRecord) args[0]).id(), "other-engine", later, later.plus(Duration.ofHours(1))))
                .isPresent();
            throw new IllegalStateException("terminating connection due to idle-in-transaction timeout");
          }
          try {
            return method.invoke(runs, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    List<Run> lost = new CopyOnWriteArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void leaseLost(Run run) {
        lost.add(run);
      }
    };
    try (TestWorkflowEngine paused = EngineStores.testEngine(clock,
        StoreProvider.Stores.of(stores.workflows(), sessionEnded),
        b -> b.discoverNodeTypes(false).nodeTypes(new TestTypes()).nodeType(notify).listener(listener))) {
      WorkflowEngine e = paused.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Notify").id("notify-once")
          .trigger("partner_created").then(notifyNode("n")).build()).id());
      e.publish(new Event("evt-taken", ORG, "partner_created", clock.instant(), Map.of("partner", Map.of())));

      assertThat(lost).as("lease loss reported after the failed save").hasSize(1);
      assertThat(failNext).isFalse();
    }
  }

  @Test
  void a_workflow_that_can_no_longer_run_fails_its_own_run_and_never_stops_the_other_workflows() {
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    StoreProvider.Stores stores = stores().open(clock);
    ScriptedAction first = new ScriptedAction();
    try (TestWorkflowEngine before = EngineStores.testEngine(clock, stores, b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(first))) {
      WorkflowEngine e = before.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Mail").id("mail")
          .trigger("partner_created").then("m", "send_email", Map.of("to", List.of("a@b.example"),
              "subject", "Hi")).build()).id());
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Notify").id("notify")
          .trigger("partner_created").then(notifyNode("n")).build()).id());
    }
    // after a restart the host no longer registers send_email, on a cold compile cache
    try (TestWorkflowEngine after = EngineStores.testEngine(clock, stores().reopen(stores, clock),
        b -> b.discoverNodeTypes(false).nodeType(TestTypes.CREATED).nodeType(notify))) {
      List<Run> started = after.engine().publish(created(Map.of()));

      assertThat(started).hasSize(2);
      Run mail = started.stream().filter(r -> r.workflowId().equals("mail")).findFirst().orElseThrow();
      Run other = started.stream().filter(r -> r.workflowId().equals("notify")).findFirst().orElseThrow();
      assertThat(mail.status()).isEqualTo(RunStatus.FAILED);
      assertThat(mail.error()).get().asString().contains("cannot run").contains("send_email");
      assertThat(other.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void a_host_check_that_refuses_after_activation_does_not_stop_runs_on_a_cold_compile_cache() {
    SettableClock clock = new SettableClock(TestWorkflowEngine.DEFAULT_START);
    StoreProvider.Stores stores = stores().open(clock);
    AtomicBoolean published = new AtomicBoolean(true);
    WorkflowCheck trainingPublished = (workflow, registry) -> published.get() ? List.of()
        : List.of(Problem.ofNode(ProblemCode.INVALID_REFERENCE, "n", "notify", "training 't-1' is not published"));
    try (TestWorkflowEngine before = EngineStores.testEngine(clock, stores, b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).check(trainingPublished))) {
      before.engine().workflows().activate(ORG, before.engine().workflows().create(ORG,
          Workflow.builder(ORG, "Train").id("train").trigger("partner_created").then(notifyNode("n")).build()).id());
    }
    published.set(false);
    try (TestWorkflowEngine after = EngineStores.testEngine(clock, stores().reopen(stores, clock),
        b -> b.discoverNodeTypes(false).nodeTypes(new TestTypes()).nodeType(notify).check(trainingPublished))) {
      List<Run> started = after.engine().publish(created(Map.of()));

      assertThat(started).singleElement().extracting(Run::status).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  /** A number whose value cannot be read: comparing it throws. */
  static final class PoisonNumber extends Number {
    @Override
    public int intValue() {
      throw new ArithmeticException("poison");
    }

    @Override
    public long longValue() {
      throw new ArithmeticException("poison");
    }

    @Override
    public float floatValue() {
      throw new ArithmeticException("poison");
    }

    @Override
    public double doubleValue() {
      throw new ArithmeticException("poison");
    }

    @Override
    public String toString() {
      throw new ArithmeticException("poison");
    }
  }

  @Test
  void an_error_while_evaluating_a_branch_fails_the_run_with_a_message() {
    Workflow wf = Workflow.builder(ORG, "Big deals").id("big").trigger("partner_created")
        .then("check", "branch", BranchConfig.of(new Condition.Compare("deal.amount", Operator.GT, 1000)))
        .build();
    active(wf);
    Event poisoned = created(Map.of("deal", Map.of("amount", new PoisonNumber())));
    if (stores() != EngineStores.IN_MEMORY) {
      // Only the in-memory store keeps an event's values as the Java objects the host published. A database keeps
      // the event as JSON, and no value read back from JSON makes a condition throw (Comparisons never throws), so
      // there the value that throws is refused where the run is written: publish fails with the cause, no run is
      // left behind, and the next event runs the branch.
      assertThatThrownBy(() -> engine.publish(poisoned)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("poison");
      assertThat(engine.runs(ORG, wf.id(), RunQuery.all()).items()).isEmpty();
      assertThat(engine.publish(created(Map.of("deal", Map.of("amount", 5000))))).singleElement()
          .extracting(Run::status).isEqualTo(RunStatus.SUCCEEDED);
      return;
    }

    Run run = engine.publish(poisoned).get(0);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).get().asString().contains("step 'check' failed")
        .contains("could not be evaluated").contains("ArithmeticException");
    StepAttempt attempt = engine.trace(ORG, run.id()).steps().get(0);
    assertThat(attempt.status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void a_workflow_with_only_a_trigger_succeeds_at_once_on_publish_manual_start_and_run_once() {
    Workflow onlyTrigger = active(Workflow.builder(ORG, "Empty").id("empty").trigger("partner_created").build());
    Workflow manual = active(Workflow.builder(ORG, "Canvas").id("canvas").trigger("manual").build());

    Run published = engine.publish(created(Map.of())).get(0);
    Run started = engine.startManual(ORG, manual.id(), "req-1", Map.of());
    RunTrace once = engine.testRun(ORG, onlyTrigger.id());

    assertThat(published.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(started.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(once.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(once.steps()).isEmpty();
  }

  // ---- joins -------------------------------------------------------------------------------------------------

  @Test
  void where_a_fan_out_meets_again_the_meeting_node_runs_once_after_every_path_arrived() {
    Workflow wf = Workflow.builder(ORG, "Fan").id("fan")
        .node(Node.of("trigger", "partner_created"))
        .node(notifyNode("a"))
        .node(Node.of("wait", "delay", DelayConfig.of(Duration.ofHours(1))))
        .node(notifyNode("b"))
        .node(notifyNode("meet"))
        .edge("trigger", "a").edge("trigger", "wait").edge("wait", "b")
        .edge("a", "meet").edge("b", "meet")
        .build();
    active(wf);

    Run run = engine.publish(created(Map.of())).get(0);
    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(notify.calls).extracting(ScriptedAction.Call::nodeId).containsExactly("a");
    assertThat(run.nextWakeAt()).contains(test.clock().instant().plus(Duration.ofHours(1)));

    test.advance(Duration.ofHours(1));

    assertThat(notify.calls).extracting(ScriptedAction.Call::nodeId).containsExactly("a", "b", "meet");
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(notify.calls).extracting(ScriptedAction.Call::idempotencyKey).doesNotHaveDuplicates();
  }

  @Test
  void where_the_outputs_of_a_branch_meet_the_meeting_node_runs_once_for_the_path_taken() {
    Workflow wf = Workflow.builder(ORG, "Branch").id("branchy")
        .node(Node.of("trigger", "partner_created"))
        .node(Node.of("gold", "branch", BranchConfig.of(new Condition.Compare("partner.tier", Operator.EQ, "Gold"))))
        .node(notifyNode("yes"))
        .node(notifyNode("no"))
        .node(notifyNode("meet"))
        .edge("trigger", "gold")
        .edge("gold", Edge.TRUE, "yes")
        .edge("gold", Edge.FALSE, "no")
        .edge("yes", "meet").edge("no", "meet")
        .build();
    active(wf);

    Run gold = engine.publish(created(Map.of("partner", Map.of("tier", "Gold")))).get(0);
    Run silver = engine.publish(created(Map.of("partner", Map.of("tier", "Silver")))).get(0);

    assertThat(gold.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(silver.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(notify.calls).extracting(ScriptedAction.Call::nodeId).containsExactly("yes", "meet", "no", "meet");
    assertThat(notify.calls).extracting(ScriptedAction.Call::idempotencyKey).doesNotHaveDuplicates();
  }

  // ---- nothing false is reported -----------------------------------------------------------------------------

  @Test
  void publish_returns_each_run_as_it_is_after_the_synchronous_part() {
    active(Workflow.builder(ORG, "One").id("one").trigger("partner_created").then(notifyNode("a")).build());

    Run run = engine.publish(created(Map.of())).get(0);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.finishedAt()).isPresent();
    assertThat(engine.whenFinished(ORG, run.id())).isCompletedWithValueMatching(r -> r.status().isFinal());
  }

  @Test
  void advance_runs_every_timer_at_its_own_instant_in_order() {
    Instant t0 = test.clock().instant();
    notify.thenFail(ScriptedAction.retryable("down"), ScriptedAction.retryable("still down"));
    active(Workflow.builder(ORG, "Timers").id("timers").trigger("partner_created")
        .then("d1", "delay", DelayConfig.of(Duration.ofHours(1)))
        .then("d2", "delay", DelayConfig.of(Duration.ofHours(2)))
        .then(notifyNode("a").withSettings(NodeSettings.DEFAULTS.withRetry(
            new RetryPolicy(3, Duration.ofMinutes(1), 2.0, Duration.ofHours(1)))))
        .build());
    Run run = engine.publish(created(Map.of())).get(0);

    test.advance(Duration.ofDays(1));

    RunTrace trace = engine.trace(ORG, run.id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(trace.steps()).extracting(StepAttempt::nodeId).containsExactly("d1", "d2", "a", "a", "a");
    assertThat(trace.steps()).extracting(StepAttempt::startedAt).containsExactly(
        t0.plus(Duration.ofHours(1)), t0.plus(Duration.ofHours(3)), t0.plus(Duration.ofHours(3)),
        t0.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(1)),
        t0.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(3)));
    assertThat(test.clock().instant()).isEqualTo(t0.plus(Duration.ofDays(1)));
  }

  @Test
  void control_nodes_record_their_input() {
    Workflow wf = Workflow.builder(ORG, "Controls 2").id("controls2")
        .node(Node.of("trigger", "partner_created"))
        .node(Node.of("check", "branch", BranchConfig.of(new Condition.All(List.of(
            new Condition.Compare("partner.tier", Operator.EQ, "Gold"),
            new Condition.Compare("deal.amount", Operator.GT, 1000))))))
        .node(Node.of("wait", "delay", DelayConfig.of(Duration.ofDays(7))))
        .edge("trigger", "check").edge("check", Edge.TRUE, "wait")
        .build();
    active(wf);

    Run run = engine.publish(created(Map.of("partner", Map.of("tier", "Gold"), "deal", Map.of("amount", 5000))))
        .get(0);
    test.advance(Duration.ofDays(7));

    List<StepAttempt> steps = engine.trace(ORG, run.id()).steps();
    StepAttempt branch = steps.get(0);
    assertThat(branch.input()).containsKey("condition");
    assertThat(branch.input().get("values")).isEqualTo(Map.of("partner.tier", "Gold", "deal.amount", 5000));
    StepAttempt delay = steps.get(1);
    assertThat(delay.input()).containsEntry("duration", "PT168H");
  }

  @Test
  void manual_workflows_start_only_through_start_manual_and_run_once() {
    Workflow manual = active(Workflow.builder(ORG, "By hand").id("by-hand").trigger("manual")
        .then(notifyNode("a")).build());

    assertThatThrownBy(() -> engine.publish(new Event("m-1", ORG, "manual", test.clock().instant(), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("manual workflows start only through startManual");
    assertThat(notify.calls).isEmpty();
    assertThat(engine.startManual(ORG, manual.id(), "req-1", Map.of()).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void dedupe_holds_after_the_started_run_was_forgotten() {
    // Only the in-memory store forgets runs before their event's dedupe window ends (beyond its capacity). A
    // database keeps a run's dedupe key as long as the run and deletes runs only after their retention
    // (JdbcStores.RETENTION): there is no forgotten run whose event must still be deduped.
    assumeTrue(stores() == EngineStores.IN_MEMORY, "about RunStore.inMemory(int) forgetting runs beyond its capacity");
    try (TestWorkflowEngine small = TestWorkflowEngine.create(b -> b.discoverNodeTypes(false)
        .stores(WorkflowStore.inMemory(), RunStore.inMemory(1)).nodeTypes(new TestTypes()).nodeType(notify))) {
      WorkflowEngine e = small.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "One").id("one")
          .trigger("partner_created").then(notifyNode("a")).build()).id());
      Event first = new Event("evt-first", ORG, "partner_created", small.clock().instant(), Map.of());
      e.publish(first);
      for (int i = 0; i < 5; i++) {
        e.publish(new Event("evt-" + i, ORG, "partner_created", small.clock().instant(), Map.of()));
      }

      assertThat(e.publish(first)).isEmpty();
      assertThat(notify.calls).hasSize(6);
    }
  }

  // ---- structure ---------------------------------------------------------------------------------------------

  @Test
  void create_takes_the_callers_organization_and_refuses_a_document_of_another() {
    Workflow theirs = Workflow.builder("globex", "Theirs").id("theirs").trigger("partner_created").build();

    assertThatThrownBy(() -> engine.workflows().create(ORG, theirs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'acme'").hasMessageContaining("'globex'");
    assertThat(engine.workflows().list("globex", dev.partnerflow.core.store.WorkflowQuery.all()).total()).isZero();
  }

  @Test
  void the_builder_refuses_a_lease_shorter_than_the_step_timeout_plus_a_margin() {
    assertThatThrownBy(() -> WorkflowEngine.builder().discoverNodeTypes(false).stepTimeout(Duration.ofSeconds(30))
        .lease(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease must be at least stepTimeout")
        .hasMessageContaining("PT30S");
  }

  @Test
  void node_type_providers_bring_their_own_activation_checks() {
    WorkflowCheck refuseAll = (workflow, registry) ->
        List.of(Problem.ofNode(ProblemCode.INVALID_REFERENCE, "a", "notify", "refused by the provider's check"));
    dev.partnerflow.core.nodes.NodeTypeProvider provider = new dev.partnerflow.core.nodes.NodeTypeProvider() {
      @Override
      public java.util.Collection<dev.partnerflow.core.nodes.NodeType<?>> nodeTypes() {
        return List.of(new ScriptedAction());
      }

      @Override
      public List<WorkflowCheck> checks() {
        return List.of(refuseAll);
      }
    };
    try (TestWorkflowEngine t = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeTypes(provider))) {
      Workflow wf = t.engine().workflows().create(ORG, Workflow.builder(ORG, "X").id("x")
          .trigger("partner_created").then(notifyNode("a")).build());
      assertThat(t.engine().workflows().validate(ORG, wf.id())).extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("refused by the provider's check"));
    }
    assertThat(NodeTypeRegistry.discoverProviders()).isNotNull();
  }

  @Test
  void listeners_hear_about_claims_with_their_lateness_and_stats_show_capacity() {
    List<Duration> claims = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (TestWorkflowEngine t = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).maxConcurrentRuns(3).listener(new RunListener() {
          @Override
          public void runClaimed(Run run, Duration latency) {
            claims.add(latency);
          }
        }))) {
      WorkflowEngine e = t.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Later").id("later")
          .trigger("partner_created").then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
          .then(notifyNode("a")).build()).id());
      e.publish(new Event("e1", ORG, "partner_created", t.clock().instant(), Map.of()));
      t.clock().advance(Duration.ofHours(1).plusMinutes(5));
      t.runDueWork();

      assertThat(claims).containsExactly(Duration.ofMinutes(5));
      assertThat(e.stats().maxConcurrentRuns()).isEqualTo(3);
      assertThat(e.stats().runsInFlight()).isZero();
    }
  }

  @Test
  void queued_runs_counts_the_runs_due_that_no_worker_has_claimed_yet() {
    try (TestWorkflowEngine t = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify))) {
      WorkflowEngine e = t.engine();
      e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "Later").id("later")
          .trigger("partner_created").then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
          .then(notifyNode("a")).build()).id());
      e.publish(new Event("e1", ORG, "partner_created", t.clock().instant(), Map.of()));
      e.publish(new Event("e2", ORG, "partner_created", t.clock().instant(), Map.of()));
      assertThat(e.queuedRuns()).isZero(); // both wait for their delay

      t.clock().advance(Duration.ofHours(1));
      assertThat(e.queuedRuns()).isEqualTo(2);

      t.runDueWork();
      assertThat(e.queuedRuns()).isZero();
      assertThat(notify.calls).hasSize(2);
    }
  }

  @Test
  void an_event_matching_more_workflows_than_worker_slots_still_runs_them_all_in_the_test_engine() {
    try (TestWorkflowEngine t = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).maxConcurrentRuns(1))) {
      WorkflowEngine e = t.engine();
      for (int i = 0; i < 3; i++) {
        e.workflows().activate(ORG, e.workflows().create(ORG, Workflow.builder(ORG, "W" + i).id("w" + i)
            .trigger("partner_created").then(notifyNode("a")).build()).id());
      }

      List<Run> runs = e.publish(new Event("e1", ORG, "partner_created", t.clock().instant(), Map.of()));

      assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));
      assertThat(notify.calls).hasSize(3);
    }
  }
}
