package dev.partnerflow.core.engine;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.Run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.WorkflowQuery;
import dev.partnerflow.core.testing.TestTypes;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.core.validation.InvalidWorkflowException;
import dev.partnerflow.core.validation.ProblemCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's behaviour on the deterministic test engine; also run on H2 and PostgreSQL by the jdbc module. */
public class WorkflowEngineTest {
  private static final String ORG = "acme";
  private ScriptedAction notify;
  private TestWorkflowEngine test;
  private WorkflowEngine engine;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private int eventSeq;

  /** The stores of every engine in this suite: in memory here, H2 and PostgreSQL in the jdbc module's subclasses. */
  protected EngineStores stores() {
    return EngineStores.IN_MEMORY;
  }

  @BeforeEach
  void setUp() {
    notify = new ScriptedAction();
    test = stores().testEngine(b -> b.discoverNodeTypes(false).nodeTypes(new TestTypes()).nodeType(notify)
        .listener(new RunListener() {
          @Override
          public void runStarted(Run run) {
            events.add("started " + run.workflowId());
          }

          @Override
          public void stepFinished(Run run, StepAttempt attempt) {
            events.add("step " + attempt.nodeId() + " " + attempt.status());
          }

          @Override
          public void runFinished(Run run) {
            events.add("finished " + run.status());
          }
        }));
    engine = test.engine();
  }

  @AfterEach
  void tearDown() {
    test.close();
  }

  private static Map<String, Object> msg(String text) {
    return Map.of("message", text);
  }

  private Event created(String org) {
    return new Event("evt-" + (++eventSeq), org, "partner_created", test.clock().instant(),
        Map.of("partner", Map.of("id", "p-1", "name", "Globex", "tier", "Gold")));
  }

  private Workflow active(Workflow wf) {
    Workflow stored = engine.workflows().create(wf.organizationId(), wf);
    return engine.workflows().activate(stored.organizationId(), stored.id());
  }

  private Workflow.Builder linear(String name) {
    return Workflow.builder(ORG, name).id(name.toLowerCase().replace(' ', '-')).createdBy("maria")
        .trigger("partner_created");
  }

  @Test
  void publish_runs_matching_active_workflow_to_completion_with_a_step_trace() {
    Workflow wf = active(linear("Welcome").then("a", "notify", msg("Hi {{partner.name}}"))
        .then("b", "notify", msg("second")).build());

    List<Run> runs = engine.publish(created(ORG));

    assertThat(runs).hasSize(1);
    RunTrace trace = engine.trace(ORG, runs.get(0).id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(trace.run().workflowVersion()).isEqualTo(wf.version());
    assertThat(trace.steps()).extracting(StepAttempt::nodeId).containsExactly("a", "b");
    StepAttempt first = trace.steps().get(0);
    assertThat(first.input()).containsEntry("message", "Hi Globex");
    assertThat(first.output()).containsEntry("sent", "Hi Globex");
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(first.startedAt()).isEqualTo(TestWorkflowEngine.DEFAULT_START);
    assertThat(first.minutesSaved()).isEqualTo(5);
    assertThat(notify.calls).extracting(ScriptedAction.Call::idempotencyKey)
        .containsExactly(runs.get(0).id() + ":a", runs.get(0).id() + ":b");
    assertThat(events).containsExactly("started welcome", "step a SUCCEEDED", "step b SUCCEEDED",
        "finished SUCCEEDED");
  }

  @Test
  void only_active_workflows_of_the_events_organization_with_that_trigger_start() {
    active(linear("Match").then("a", "notify", msg("x")).build());
    engine.workflows().create(ORG, linear("Draft one").then("a", "notify", msg("x")).build());
    active(Workflow.builder("other-org", "Theirs").id("theirs").trigger("partner_created")
        .then("a", "notify", msg("x")).build());
    active(Workflow.builder(ORG, "Manual").id("manual-wf").trigger("manual").then("a", "notify", msg("x")).build());
    Workflow paused = active(linear("Paused").then("a", "notify", msg("x")).build());
    engine.workflows().deactivate(ORG, paused.id());

    assertThat(engine.publish(created(ORG))).extracting(Run::workflowId).containsExactly("match");
  }

  @Test
  void trigger_config_decides_whether_an_event_matches() {
    active(Workflow.builder(ORG, "Quiet").id("quiet").trigger("partner_inactive", Map.of("days", 60))
        .then("a", "notify", msg("x")).build());
    // TestTypes' inactive trigger matches on type only; the triggers module tests day thresholds
    Event e = new Event("e1", ORG, "partner_inactive", test.clock().instant(), Map.of());
    assertThat(engine.publish(e)).hasSize(1);
  }

  @Test
  void same_event_published_twice_starts_one_run_and_returns_it() {
    active(linear("Welcome").then("a", "notify", msg("x")).build());
    Event event = created(ORG);
    Run first = engine.publish(event).get(0);
    Run second = engine.publish(event).get(0);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(notify.calls).hasSize(1);
  }

  @Test
  void delay_parks_the_run_and_continues_when_the_clock_passes_the_wake_up_time() {
    active(linear("Follow up").then("welcome", "notify", msg("welcome"))
        .then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
        .then("check-in", "notify", msg("check in")).build());

    Run run = engine.publish(created(ORG)).get(0);
    Run parked = engine.trace(ORG, run.id()).run();
    assertThat(parked.status()).isEqualTo(RunStatus.WAITING);
    assertThat(parked.nextWakeAt()).contains(TestWorkflowEngine.DEFAULT_START.plus(Duration.ofDays(7)));
    assertThat(notify.calls).extracting(ScriptedAction.Call::message).containsExactly("welcome");

    test.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(notify.calls).hasSize(1);
    test.advance(Duration.ofSeconds(1));

    RunTrace done = engine.trace(ORG, run.id());
    assertThat(done.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.steps()).extracting(StepAttempt::nodeId).containsExactly("welcome", "wait", "check-in");
    assertThat(done.lastAttempt("check-in").orElseThrow().startedAt())
        .isEqualTo(TestWorkflowEngine.DEFAULT_START.plus(Duration.ofDays(7)));
  }

  @Test
  void delay_until_a_date_from_the_event_with_an_offset() {
    active(linear("Renewal").then("wait", "delay",
            DelayConfig.until("partner.renewalDate", Duration.ofDays(-14)))
        .then("remind", "notify", msg("renewal soon")).build());
    Event e = new Event("e-r", ORG, "partner_created", test.clock().instant(),
        Map.of("partner", Map.of("renewalDate", "2026-03-01")));
    Run run = engine.publish(e).get(0);
    assertThat(engine.trace(ORG, run.id()).run().nextWakeAt()).contains(Instant.parse("2026-02-15T00:00:00Z"));
  }

  @Test
  void branch_follows_true_or_false_and_fan_out_runs_every_path() {
    Workflow wf = Workflow.builder(ORG, "Tiered").id("tiered").trigger("partner_created")
        .node(Node.of("gold", "branch", BranchConfig.of(
            Condition.compare("partner.tier", Operator.EQ_IGNORE_CASE, "gold"))))
        .node(Node.of("vip", "notify", msg("vip")))
        .node(Node.of("vip-slack", "notify", msg("vip slack")))
        .node(Node.of("standard", "notify", msg("standard")))
        .edge("trigger", "gold")
        .edge("gold", Edge.TRUE, "vip")
        .edge("gold", Edge.TRUE, "vip-slack")
        .edge("gold", Edge.FALSE, "standard")
        .build();
    active(wf);

    Run gold = engine.publish(created(ORG)).get(0);
    RunTrace trace = engine.trace(ORG, gold.id());
    assertThat(trace.steps()).extracting(StepAttempt::nodeId).containsExactly("gold", "vip", "vip-slack");
    assertThat(trace.steps().get(0).output()).containsEntry("result", true);

    Event silver = new Event("e-silver", ORG, "partner_created", test.clock().instant(),
        Map.of("partner", Map.of("tier", "Silver")));
    RunTrace other = engine.trace(ORG, engine.publish(silver).get(0).id());
    assertThat(other.steps()).extracting(StepAttempt::nodeId).containsExactly("gold", "standard");
  }

  @Test
  void retryable_failure_is_retried_with_backoff_as_a_stored_wake_up_time() {
    notify.thenFail(StepFailedException.retryable("smtp busy"), new IllegalStateException("socket reset"));
    active(linear("Flaky").then("a", "notify", msg("x")).build());

    Run run = engine.publish(created(ORG)).get(0);
    RunTrace afterFirst = engine.trace(ORG, run.id());
    assertThat(afterFirst.run().status()).isEqualTo(RunStatus.WAITING);
    assertThat(afterFirst.run().nextWakeAt()).contains(TestWorkflowEngine.DEFAULT_START.plusSeconds(1));
    assertThat(afterFirst.steps()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(StepStatus.RETRYING);
      assertThat(s.error().orElseThrow().message()).isEqualTo("smtp busy");
    });

    test.advance(Duration.ofSeconds(1));
    assertThat(engine.trace(ORG, run.id()).run().nextWakeAt())
        .contains(TestWorkflowEngine.DEFAULT_START.plusSeconds(3));
    test.advance(Duration.ofSeconds(2));

    RunTrace done = engine.trace(ORG, run.id());
    assertThat(done.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.steps()).extracting(StepAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(done.steps()).extracting(StepAttempt::status)
        .containsExactly(StepStatus.RETRYING, StepStatus.RETRYING, StepStatus.SUCCEEDED);
    assertThat(done.steps().get(1).error().orElseThrow().type()).isEqualTo("IllegalStateException");
    assertThat(notify.calls).extracting(ScriptedAction.Call::idempotencyKey).containsOnly(run.id() + ":a");
  }

  @Test
  void retry_after_from_the_step_is_honoured_when_longer_than_the_backoff() {
    notify.thenFail(StepFailedException.retryAfter("429", Duration.ofSeconds(30)));
    active(linear("Limited").then("a", "notify", msg("x")).build());
    Run run = engine.publish(created(ORG)).get(0);
    assertThat(engine.trace(ORG, run.id()).run().nextWakeAt())
        .contains(TestWorkflowEngine.DEFAULT_START.plusSeconds(30));
  }

  @Test
  void exhausted_retries_fail_the_run_with_the_error() {
    notify.thenFail(StepFailedException.retryable("down"), StepFailedException.retryable("down"),
        StepFailedException.retryable("still down"));
    active(linear("Down").then("a", "notify", msg("x")).then("b", "notify", msg("never")).build());
    Run run = engine.publish(created(ORG)).get(0);
    test.advance(Duration.ofSeconds(1));
    test.advance(Duration.ofSeconds(2));
    RunTrace trace = engine.trace(ORG, run.id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(trace.run().error()).contains("step 'a' failed after 3 attempt(s): still down");
    assertThat(trace.steps()).extracting(StepAttempt::status)
        .containsExactly(StepStatus.RETRYING, StepStatus.RETRYING, StepStatus.FAILED);
  }

  @Test
  void permanent_failure_is_not_retried_and_fails_the_run() {
    notify.thenFail(StepFailedException.permanent("address rejected"));
    active(linear("Bad").then("a", "notify", msg("x")).then("b", "notify", msg("never")).build());
    Run run = engine.publish(created(ORG)).get(0);
    RunTrace trace = engine.trace(ORG, run.id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(trace.steps()).singleElement().satisfies(s -> assertThat(s.error().orElseThrow().retryable()).isFalse());
    assertThat(notify.calls).hasSize(1);
  }

  @Test
  void node_may_continue_after_failing_for_good() {
    notify.thenFail(StepFailedException.permanent("nope"));
    active(linear("Lenient")
        .then(Node.of("a", "notify", msg("x")).withSettings(NodeSettings.DEFAULTS.withContinueOnFailure(true)))
        .then("b", "notify", msg("after")).build());
    Run run = engine.publish(created(ORG)).get(0);
    RunTrace trace = engine.trace(ORG, run.id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(trace.steps()).extracting(StepAttempt::status).containsExactly(StepStatus.FAILED, StepStatus.SUCCEEDED);
  }

  @Test
  void node_retry_policy_overrides_the_default() {
    notify.thenFail(StepFailedException.retryable("a"), StepFailedException.retryable("b"));
    active(linear("Once")
        .then(Node.of("a", "notify", msg("x")).withSettings(NodeSettings.DEFAULTS.withRetry(RetryPolicy.NONE)))
        .build());
    Run run = engine.publish(created(ORG)).get(0);
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void step_that_overruns_its_timeout_is_interrupted_and_retried() {
    CountDownLatch never = new CountDownLatch(1);
    notify.then(ctx -> {
      try {
        never.await(30, TimeUnit.SECONDS);
        return StepResult.EMPTY;
      } catch (InterruptedException e) {
        throw StepFailedException.retryable("interrupted");
      }
    });
    active(linear("Slow")
        .then(Node.of("a", "notify", msg("x")).withSettings(NodeSettings.DEFAULTS.withTimeout(Duration.ofMillis(50))))
        .build());
    Run run = engine.publish(created(ORG)).get(0);
    StepAttempt first = engine.trace(ORG, run.id()).steps().get(0);
    assertThat(first.status()).isEqualTo(StepStatus.RETRYING);
    assertThat(first.error().orElseThrow().type()).isEqualTo("StepTimeoutException");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    test.advance(Duration.ofSeconds(1));
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void missing_template_value_fails_the_step_naming_placeholder_and_node() {
    active(linear("Tpl").then("greet", "notify", msg("Hi {{partner.nickname}}")).build());
    Run run = engine.publish(created(ORG)).get(0);
    RunTrace trace = engine.trace(ORG, run.id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(trace.steps().get(0).error().orElseThrow().message())
        .contains("node 'greet'", "{{partner.nickname}}");
  }

  @Test
  void secrets_are_redacted_from_step_input_output_and_errors() {
    notify.thenFail(StepFailedException.permanent("could not reach https://hooks.example/T0/SECRET-TOKEN-1"));
    active(linear("Secret").then("a", "notify",
        Map.of("message", "x", "secret", "https://hooks.example/T0/SECRET-TOKEN-1")).build());
    Run run = engine.publish(created(ORG)).get(0);
    StepAttempt a = engine.trace(ORG, run.id()).steps().get(0);
    assertThat(a.input()).containsEntry("secret", StepAttempt.REDACTED);
    assertThat(a.error().orElseThrow().message()).doesNotContain("SECRET-TOKEN-1").contains(StepAttempt.REDACTED);
    assertThat(engine.trace(ORG, run.id()).run().error().orElseThrow()).doesNotContain("SECRET-TOKEN-1");
  }

  @Test
  void run_pins_its_version_while_a_new_version_is_saved() {
    Workflow v = active(linear("Pinned").then("wait", "delay", DelayConfig.of(Duration.ofDays(1)))
        .then("a", "notify", msg("old text")).build());
    Run run = engine.publish(created(ORG)).get(0);

    Workflow edited = Workflow.builder(ORG, "Pinned").id(v.id()).version(v.version())
        .trigger("partner_created").then("wait", "delay", DelayConfig.of(Duration.ofDays(1)))
        .then("a", "notify", msg("new text")).build();
    Workflow saved = engine.workflows().save(ORG, edited);
    assertThat(saved.version()).isEqualTo(v.version() + 1);
    assertThat(saved.status()).isEqualTo(WorkflowStatus.ACTIVE);

    Run later = engine.publish(created(ORG)).get(0);
    test.advance(Duration.ofDays(1));
    assertThat(notify.calls).extracting(ScriptedAction.Call::message).containsExactlyInAnyOrder("old text", "new text");
    assertThat(engine.trace(ORG, run.id()).run().workflowVersion()).isEqualTo(v.version());
    assertThat(engine.trace(ORG, later.id()).run().workflowVersion()).isEqualTo(saved.version());
  }

  @Test
  void deactivated_workflow_starts_no_runs_but_runs_in_flight_continue() {
    Workflow wf = active(linear("Pause").then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
        .then("a", "notify", msg("x")).build());
    Run run = engine.publish(created(ORG)).get(0);
    engine.workflows().deactivate(ORG, wf.id());
    assertThat(engine.publish(created(ORG))).isEmpty();
    test.advance(Duration.ofHours(1));
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    engine.workflows().activate(ORG, wf.id());
    assertThat(engine.publish(created(ORG))).hasSize(1);
  }

  @Test
  void back_to_draft_is_a_new_version_starts_no_runs_lets_runs_in_flight_finish_and_can_be_activated_again() {
    Workflow wf = active(linear("Rework").then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
        .then("a", "notify", msg("x")).build());
    Run run = engine.publish(created(ORG)).get(0);
    Workflow draft = engine.workflows().toDraft(ORG, wf.id());
    assertThat(draft.status()).isEqualTo(WorkflowStatus.DRAFT);
    assertThat(draft.version()).isEqualTo(wf.version() + 1);
    assertThat(engine.workflows().get(ORG, wf.id()).status()).isEqualTo(WorkflowStatus.DRAFT);
    assertThat(engine.workflows().toDraft(ORG, wf.id()).version()).as("already a draft: no new version")
        .isEqualTo(draft.version());
    assertThat(engine.workflows().list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.DRAFT)).items())
        .extracting(l -> l.metadata().id()).containsExactly(wf.id());
    assertThat(engine.publish(created(ORG))).isEmpty();
    test.advance(Duration.ofHours(1));
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);

    engine.workflows().setStatus(ORG, wf.id(), WorkflowStatus.INACTIVE);
    assertThat(engine.workflows().get(ORG, wf.id()).status()).isEqualTo(WorkflowStatus.INACTIVE);
    engine.workflows().setStatus(ORG, wf.id(), WorkflowStatus.DRAFT);
    engine.workflows().setStatus(ORG, wf.id(), WorkflowStatus.ACTIVE);
    assertThat(engine.workflows().get(ORG, wf.id()).status()).isEqualTo(WorkflowStatus.ACTIVE);
    assertThat(engine.publish(created(ORG))).hasSize(1);
    assertThatThrownBy(() -> engine.workflows().toDraft("globex", wf.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void set_status_active_refuses_a_draft_with_problems_and_keeps_it_a_draft() {
    Workflow broken = engine.workflows().create(ORG, Workflow.builder(ORG, "Broken").id("broken").createdBy("maria")
        .build());
    assertThatThrownBy(() -> engine.workflows().setStatus(ORG, broken.id(), WorkflowStatus.ACTIVE))
        .isInstanceOf(InvalidWorkflowException.class);
    assertThat(engine.workflows().get(ORG, broken.id()).status()).isEqualTo(WorkflowStatus.DRAFT);
  }

  @Test
  void delete_cancels_waiting_runs_and_stops_future_ones() {
    Workflow wf = active(linear("Doomed").then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
        .then("a", "notify", msg("x")).build());
    Run run = engine.publish(created(ORG)).get(0);
    engine.workflows().delete(ORG, wf.id());
    assertThat(engine.publish(created(ORG))).isEmpty();
    test.advance(Duration.ofDays(8));
    assertThat(notify.calls).isEmpty();
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.CANCELLED);
    assertThatThrownBy(() -> engine.workflows().get(ORG, wf.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void test_run_uses_a_sample_event_skips_delays_and_sends_nothing() {
    Workflow wf = engine.workflows().create(ORG, linear("Draft trial").then("a", "notify", msg("Hi {{partner.id}}"))
        .then("wait", "delay", DelayConfig.of(Duration.ofDays(7))).then("b", "notify", msg("later")).build());

    RunTrace trace = engine.testRun(ORG, wf.id());

    assertThat(trace.run().testRun()).isTrue();
    assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(trace.steps()).extracting(StepAttempt::nodeId).containsExactly("a", "wait", "b");
    assertThat(trace.steps().get(0).output()).containsEntry("wouldSend", "Hi p-1");
    assertThat(trace.steps().get(0).dryRun()).isTrue();
    assertThat(trace.steps().get(1).output()).containsEntry("skipped", true).containsEntry("wouldWait", "PT168H");
    assertThat(notify.calls).isEmpty();
    assertThat(engine.workflows().minutesSavedPerWeek(ORG, wf.id())).isZero();
  }

  @Test
  void test_run_acts_for_real_only_where_a_node_opts_in_and_still_saves_no_minutes() {
    Workflow wf = engine.workflows().create(ORG, linear("Opt in")
        .then(Node.of("a", "notify", msg("real")).withSettings(NodeSettings.DEFAULTS.withActInTestRuns(true)))
        .then("b", "notify", msg("dry")).build());
    RunTrace trace = engine.testRun(ORG, wf.id());
    assertThat(notify.calls).extracting(ScriptedAction.Call::message).containsExactly("real");
    assertThat(notify.calls.get(0).testRun()).isTrue();
    assertThat(trace.steps()).extracting(StepAttempt::dryRun).containsExactly(false, true);
    assertThat(engine.workflows().minutesSavedPerWeek(ORG, wf.id())).isZero();
  }

  @Test
  void test_run_on_an_event_the_caller_passes() {
    Workflow wf = engine.workflows().create(ORG, linear("Given").then("a", "notify", msg("{{partner.name}}")).build());
    Event e = new Event("mine", ORG, "partner_created", test.clock().instant(),
        Map.of("partner", Map.of("name", "Initech")));
    assertThat(engine.testRun(ORG, wf.id(), e).steps().get(0).output()).containsEntry("wouldSend", "Initech");
  }

  @Test
  void manual_workflow_runs_for_real_when_started_with_data() {
    Workflow wf = active(Workflow.builder(ORG, "On demand").id("od").trigger("manual")
        .then("a", "notify", msg("for {{who}}")).build());
    Run run = engine.startManual(ORG, wf.id(), "req-1", Map.of("who", "ops"));
    assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(notify.calls).extracting(ScriptedAction.Call::message).containsExactly("for ops");
    assertThat(engine.startManual(ORG, wf.id(), "req-1", Map.of()).id()).isEqualTo(run.id());
    assertThatThrownBy(() -> engine.startManual(ORG, "welcome", "r", Map.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void minutes_saved_count_successful_real_steps_of_the_last_seven_days() {
    Workflow wf = active(linear("Saver").then("a", "notify", msg("x"))
        .then(Node.of("b", "notify", msg("y")).withSettings(NodeSettings.DEFAULTS.withMinutesSaved(20))).build());
    engine.publish(created(ORG));
    engine.publish(created(ORG));
    assertThat(engine.workflows().minutesSavedPerWeek(ORG, wf.id())).isEqualTo(50);
    test.advance(Duration.ofDays(3));
    engine.publish(created(ORG));
    test.advance(Duration.ofDays(4).plusMinutes(1));
    assertThat(engine.workflows().minutesSavedPerWeek(ORG, wf.id())).isEqualTo(25);
  }

  @Test
  void summary_counts_active_workflows_distinct_creators_and_weekly_minutes() {
    active(linear("One").then("a", "notify", msg("x")).build());
    active(Workflow.builder(ORG, "Two").id("two").createdBy("li").trigger("partner_created")
        .then("a", "notify", msg("x")).build());
    engine.workflows().create(ORG, Workflow.builder(ORG, "Three").id("three").createdBy("sam").trigger("manual").build());
    engine.publish(created(ORG));
    assertThat(engine.workflows().summary(ORG)).isEqualTo(new WorkflowsSummary(2, 3, 10));
    assertThat(engine.workflows().summary("nobody")).isEqualTo(new WorkflowsSummary(0, 0, 0));
  }

  @Test
  void list_searches_filters_orders_and_pages() {
    engine.workflows().create(ORG, Workflow.builder(ORG, "beta welcome").id("b").stage(LifecycleStage.ONBOARD).build());
    engine.workflows().create(ORG, Workflow.builder(ORG, "Alpha Welcome").id("a").stage(LifecycleStage.RECRUIT).build());
    active(Workflow.builder(ORG, "Gamma deals").id("g").stage(LifecycleStage.EXECUTE).trigger("partner_created")
        .then("x", "notify", msg("x")).build());
    engine.workflows().create("other", Workflow.builder("other", "Welcome elsewhere").id("o").build());

    assertThat(engine.workflows().list(ORG, WorkflowQuery.all().withSearch("WELCOME")).items())
        .extracting(l -> l.metadata().id()).containsExactly("a", "b");
    assertThat(engine.workflows().list(ORG, WorkflowQuery.all().withStage(LifecycleStage.EXECUTE)).items())
        .extracting(l -> l.metadata().id()).containsExactly("g");
    assertThat(engine.workflows().list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.DRAFT)).items())
        .extracting(l -> l.metadata().id()).containsExactly("a", "b");
    var page = engine.workflows().list(ORG, WorkflowQuery.all().withPage(1, 2));
    assertThat(page.items()).extracting(l -> l.metadata().id()).containsExactly("g");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items().get(0).triggerType()).contains("partner_created");
  }

  @Test
  void rename_changes_the_name_in_a_new_version() {
    Workflow wf = engine.workflows().create(ORG, linear("Old name").build());
    Workflow renamed = engine.workflows().rename(ORG, wf.id(), "New name");
    assertThat(renamed.name()).isEqualTo("New name");
    assertThat(renamed.version()).isEqualTo(2);
    assertThat(engine.workflows().getVersion(ORG, wf.id(), 1).name()).isEqualTo("Old name");
    assertThatThrownBy(() -> engine.workflows().rename(ORG, wf.id(), " "))
        .hasMessageContaining("workflow.name must be 1 to 200 characters");
    assertThat(engine.workflows().get(ORG, wf.id()).name()).isEqualTo("New name");
  }

  @Test
  void another_organizations_workflow_and_run_are_not_found() {
    Workflow wf = active(linear("Mine").then("a", "notify", msg("x")).build());
    Run run = engine.publish(created(ORG)).get(0);
    String thief = "globex";
    assertThatThrownBy(() -> engine.workflows().get(thief, wf.id())).isInstanceOf(NotFoundException.class)
        .hasMessage("workflow '" + wf.id() + "' not found in organization 'globex'");
    assertThatThrownBy(() -> engine.workflows().activate(thief, wf.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.workflows().deactivate(thief, wf.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.workflows().rename(thief, wf.id(), "x")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.workflows().delete(thief, wf.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.workflows().save(thief, wf)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.testRun(thief, wf.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.trace(thief, run.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.runs(thief, wf.id(), RunQuery.all())).isInstanceOf(NotFoundException.class);
    assertThat(engine.workflows().get(ORG, wf.id()).status()).isEqualTo(WorkflowStatus.ACTIVE);
  }

  @Test
  void runs_of_a_workflow_newest_first_filtered_by_status_and_time() {
    Workflow wf = active(linear("Many").then("wait", "delay", DelayConfig.of(Duration.ofDays(1)))
        .then("a", "notify", msg("x")).build());
    Run r1 = engine.publish(created(ORG)).get(0);
    test.clock().advance(Duration.ofHours(1));
    Run r2 = engine.publish(created(ORG)).get(0);
    test.advance(Duration.ofHours(23));
    assertThat(engine.runs(ORG, wf.id(), RunQuery.all()).items()).extracting(Run::id).containsExactly(r2.id(), r1.id());
    assertThat(engine.runs(ORG, wf.id(), RunQuery.all().withStatuses(Set.of(RunStatus.SUCCEEDED))).items())
        .extracting(Run::id).containsExactly(r1.id());
    assertThat(engine.runs(ORG, wf.id(), RunQuery.all().between(TestWorkflowEngine.DEFAULT_START.plusSeconds(1), null))
        .items()).extracting(Run::id).containsExactly(r2.id());
  }

  @Test
  void activating_an_invalid_graph_lists_every_problem_and_stays_draft() {
    Workflow wf = engine.workflows().create(ORG, Workflow.builder(ORG, "Broken").id("broken")
        .node(Node.of("a", "notify", Map.of("message", ""))).node(Node.of("b", "send_fax")).edge("a", "b").build());
    assertThatThrownBy(() -> engine.workflows().activate(ORG, wf.id()))
        .isInstanceOf(InvalidWorkflowException.class)
        .satisfies(e -> assertThat(((InvalidWorkflowException) e).problems()).extracting(p -> p.code())
            .contains(ProblemCode.INVALID_CONFIG, ProblemCode.UNKNOWN_NODE_TYPE, ProblemCode.NO_TRIGGER));
    assertThat(engine.workflows().get(ORG, wf.id()).status()).isEqualTo(WorkflowStatus.DRAFT);
  }

  @Test
  void saving_an_invalid_graph_on_an_active_workflow_is_refused_and_nothing_changes() {
    Workflow wf = active(linear("Live").then("a", "notify", msg("x")).build());
    Workflow broken = Workflow.builder(ORG, "Live").id(wf.id()).version(wf.version()).build();
    assertThatThrownBy(() -> engine.workflows().save(ORG, broken)).isInstanceOf(InvalidWorkflowException.class);
    assertThat(engine.workflows().get(ORG, wf.id()).version()).isEqualTo(wf.version());
  }

  @Test
  void bad_events_are_refused_with_clear_messages() {
    assertThatThrownBy(() -> engine.publish(new Event("e", ORG, "partner_exploded", Instant.EPOCH, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event.type must be a registered trigger type, but was 'partner_exploded'");
    assertThatThrownBy(() -> new Event("e", " ", "partner_created", Instant.EPOCH, Map.of()))
        .hasMessage("event.organizationId must not be blank, but was ' '");
    assertThatThrownBy(() -> new Event(null, ORG, "partner_created", Instant.EPOCH, Map.of()))
        .hasMessage("event.id must not be blank, but was null");
    assertThatThrownBy(() -> engine.workflows().activate(ORG, "nope")).isInstanceOf(NotFoundException.class)
        .hasMessage("workflow 'nope' not found in organization 'acme'");
  }

  @Test
  void run_ids_are_version_7_uuids_that_sort_in_the_order_the_runs_were_created() {
    active(linear("Ids").then("a", "notify", msg("x")).build());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(engine.publish(created(ORG)).get(0).id());
      test.clock().advance(Duration.ofMillis(1));
    }
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
  }

  @Test
  void publishing_from_many_threads_loses_no_run_and_starts_no_duplicate() throws Exception {
    active(linear("Busy").then("a", "notify", msg("x")).build());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<List<Run>>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      for (int i = 0; i < 50; i++) {
        Event e = new Event("evt-" + i, ORG, "partner_created", test.clock().instant(), Map.of());
        futures.add(pool.submit(() -> {
          gate.await();
          return engine.publish(e);
        }));
      }
    }
    gate.countDown();
    Set<String> runIds = new java.util.HashSet<>();
    for (Future<List<Run>> f : futures) {
      runIds.add(f.get(30, TimeUnit.SECONDS).get(0).id());
    }
    pool.shutdown();
    assertThat(runIds).hasSize(50);
    assertThat(notify.calls).hasSize(50);
    assertThat(notify.calls).extracting(ScriptedAction.Call::idempotencyKey).doesNotHaveDuplicates();
  }
}
