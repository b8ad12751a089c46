package dev.partnerflow.metrics;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStream;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.ManualStreamScheduler;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.FieldChange;
import dev.partnerflow.steps.RecordUpdate;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives a real engine with the real standard steps and reads what reached Micrometer. */
class PartnerflowMetricsTest {
  private static final String ORG = "acme";
  private static final Partner PARTNER = Partner.builder("p-1", "Northwind")
      .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example")).build();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();
  private final List<EmailMessage> sent = new CopyOnWriteArrayList<>();
  private final AtomicInteger updates = new AtomicInteger();
  private Function<RecordUpdate, Map<String, FieldChange>> crm = u -> Map.of();
  private final RecordUpdater updater = u -> {
    updates.incrementAndGet();
    return crm.apply(u);
  };
  private final PartnerflowMetrics metrics =
      PartnerflowMetrics.builder(meters).observationRegistry(observations).build();
  private final StandardSteps steps = StandardSteps.builder().emailSender(sent::add).recordUpdater(updater).build();
  private final TestWorkflowEngine test = TestWorkflowEngine.create(b -> b.discoverNodeTypes(false)
      .nodeTypes(new PartnerTriggerTypes()).nodeTypes(steps).listener(metrics));

  @AfterEach
  void close() {
    test.close();
    steps.close();
  }

  private String activeWelcome() {
    Workflow wf = test.engine().workflows().create(ORG, Workflow.builder(ORG, "Welcome").trigger("partner_created")
        .then("mail", "send_email", Map.of("to", List.of("role:primary_contact"),
            "subject", "Welcome, {{partner.name}}", "text", "Hello"))
        .then("crm", "update_record", Map.of("record", "partner", "fields", Map.of("stage", "Onboarding")))
        .build());
    test.engine().workflows().activate(ORG, wf.id());
    return wf.id();
  }

  private Run publish(String eventId) {
    return test.engine().publish(PartnerEvents.partnerCreated(eventId, ORG, test.clock().instant(), PARTNER)).get(0);
  }

  private double count(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  @Test
  void a_succeeding_run_counts_started_finished_and_times_each_step_by_type_and_outcome() {
    String wf = activeWelcome();

    Run run = publish("evt-1");

    assertThat(test.engine().trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(count(PartnerflowMetrics.RUNS_STARTED, "workflow", wf, "trigger", "partner_created", "test.run",
        "false")).isEqualTo(1);
    assertThat(count(PartnerflowMetrics.RUNS_FINISHED, "workflow", wf, "status", "succeeded", "test.run", "false"))
        .isEqualTo(1);
    assertThat(meters.get(PartnerflowMetrics.STEP_DURATION).tags("type", "send_email", "outcome", "succeeded")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get(PartnerflowMetrics.STEP_DURATION).tags("type", "update_record", "outcome", "succeeded")
        .timer().count()).isEqualTo(1);
    assertThat(meters.find(PartnerflowMetrics.STEP_RETRIES).counters()).isEmpty();
    assertThat(sent).hasSize(1);
  }

  @Test
  void a_retried_step_counts_a_retry_and_the_woken_run_records_its_claim_latency() {
    activeWelcome();
    crm = u -> {
      if (updates.get() == 1) {
        throw StepFailedException.retryable("CRM busy");
      }
      return Map.of();
    };

    Run run = publish("evt-1");
    assertThat(test.engine().trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.WAITING);
    test.advance(Duration.ofSeconds(5));

    assertThat(test.engine().trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(count(PartnerflowMetrics.STEP_RETRIES, "type", "update_record")).isEqualTo(1);
    assertThat(meters.get(PartnerflowMetrics.STEP_DURATION).tags("type", "update_record", "outcome", "retrying")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get(PartnerflowMetrics.STEP_DURATION).tags("type", "update_record", "outcome", "succeeded")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get(PartnerflowMetrics.CLAIM_LATENCY).timer().count()).isEqualTo(1);
    assertThat(updates).hasValue(2);
  }

  @Test
  void a_failed_run_is_counted_by_status_and_its_observations_carry_the_error() {
    String wf = activeWelcome();
    crm = u -> {
      throw StepFailedException.permanent("no such partner");
    };

    Run run = publish("evt-1");

    assertThat(count(PartnerflowMetrics.RUNS_FINISHED, "workflow", wf, "status", "failed", "test.run", "false"))
        .isEqualTo(1);
    assertThat(meters.get(PartnerflowMetrics.STEP_DURATION).tags("type", "update_record", "outcome", "failed")
        .timer().count()).isEqualTo(1);
    assertThat(observations).hasObservationWithNameEqualTo(PartnerflowMetrics.STEP_OBSERVATION)
        .that().hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_NODE_TYPE, "send_email").hasBeenStopped();
    assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo(PartnerflowMetrics.STEP_OBSERVATION)
        .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_STEP_OUTCOME, "failed")
        .hasHighCardinalityKeyValue(PartnerflowMetrics.KEY_RUN_ID, run.id())
        .assertThatError().hasMessageContaining("no such partner"));
    assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo(PartnerflowMetrics.RUN_OBSERVATION)
        .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_RUN_OUTCOME, "failed")
        .assertThatError().hasMessageContaining("no such partner"));
  }

  @Test
  void each_run_activation_is_an_observation_with_ids_as_high_cardinality_keys_and_steps_as_children() {
    String wf = activeWelcome();
    crm = u -> {
      if (updates.get() == 1) {
        throw StepFailedException.retryable("CRM busy");
      }
      return Map.of();
    };

    Run run = publish("evt-1");
    test.advance(Duration.ofSeconds(5));
    Predicate<Observation.ContextView> childOfRun = parent -> parent.getName().equals(
        PartnerflowMetrics.RUN_OBSERVATION);

    assertThat(observations).doesNotHaveAnyRemainingCurrentObservation()
        .hasNumberOfObservationsWithNameEqualTo(PartnerflowMetrics.RUN_OBSERVATION, 2)
        .hasNumberOfObservationsWithNameEqualTo(PartnerflowMetrics.STEP_OBSERVATION, 3)
        .hasAnObservation(o -> o.hasNameEqualTo(PartnerflowMetrics.RUN_OBSERVATION)
            .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_RUN_OUTCOME, "waiting")
            .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_TRIGGER_TYPE, "partner_created")
            .hasHighCardinalityKeyValue(PartnerflowMetrics.KEY_RUN_ID, run.id())
            .hasHighCardinalityKeyValue(PartnerflowMetrics.KEY_WORKFLOW_ID, wf)
            .doesNotHaveLowCardinalityKeyValueWithKey(PartnerflowMetrics.KEY_RUN_ID))
        .hasAnObservation(o -> o.hasNameEqualTo(PartnerflowMetrics.RUN_OBSERVATION)
            .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_RUN_OUTCOME, "succeeded"))
        .hasAnObservation(o -> o.hasNameEqualTo(PartnerflowMetrics.STEP_OBSERVATION)
            .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_STEP_OUTCOME, "retrying")
            .hasHighCardinalityKeyValue(PartnerflowMetrics.KEY_NODE_ID, "crm")
            .hasHighCardinalityKeyValue(PartnerflowMetrics.KEY_ATTEMPT, "1")
            .hasParentObservationContextMatching(childOfRun));
    assertThat(metrics.openObservations()).isZero();
  }

  @Test
  void a_run_cancelled_while_its_step_runs_counts_a_lost_lease() {
    String wf = activeWelcome();
    crm = u -> {
      test.engine().workflows().delete(ORG, wf); // cancels the run this worker is processing
      return Map.of();
    };

    publish("evt-1");

    assertThat(count(PartnerflowMetrics.LEASES_LOST, "workflow", wf)).isEqualTo(1);
    assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo(PartnerflowMetrics.RUN_OBSERVATION)
        .hasLowCardinalityKeyValue(PartnerflowMetrics.KEY_RUN_OUTCOME, "lease_lost"));
    assertThat(metrics.openObservations()).isZero();
  }

  @Test
  void test_runs_are_tagged_and_the_workflow_tag_can_be_turned_off() {
    SimpleMeterRegistry quiet = new SimpleMeterRegistry();
    PartnerflowMetrics noWorkflow = PartnerflowMetrics.builder(quiet).workflowTag(false).build();
    try (TestWorkflowEngine other = TestWorkflowEngine.create(b -> b.discoverNodeTypes(false)
        .nodeTypes(new PartnerTriggerTypes()).nodeTypes(steps).listener(noWorkflow))) {
      Workflow wf = other.engine().workflows().create(ORG, Workflow.builder(ORG, "Welcome")
          .trigger("partner_created").then("mail", "send_email", Map.of("to", List.of("role:primary_contact"),
              "subject", "Welcome", "text", "Hello")).build());

      other.engine().testRun(ORG, wf.id());

      assertThat(quiet.get(PartnerflowMetrics.RUNS_FINISHED).tags("workflow", "*", "status", "succeeded",
          "test.run", "true").counter().count()).isEqualTo(1);
      assertThat(quiet.get(PartnerflowMetrics.STEP_DURATION).tags("type", "send_email", "test.run", "true")
          .timer().count()).isEqualTo(1);
      assertThat(sent).isEmpty();
    }
  }

  @Test
  void the_queued_runs_gauge_reads_the_stores_backlog_of_due_runs() {
    metrics.bind(test.engine());
    Workflow wf = test.engine().workflows().create(ORG, Workflow.builder(ORG, "Later").trigger("partner_created")
        .then("wait", "delay", Map.of("duration", "PT1H"))
        .then("crm", "update_record", Map.of("record", "partner", "fields", Map.of("stage", "Onboarding")))
        .build());
    test.engine().workflows().activate(ORG, wf.id());
    publish("evt-1");
    publish("evt-2");
    assertThat(meters.get(PartnerflowMetrics.RUNS_QUEUED).gauge().value()).isZero();

    test.clock().advance(Duration.ofHours(1));
    assertThat(meters.get(PartnerflowMetrics.RUNS_QUEUED).gauge().value()).isEqualTo(2);

    test.runDueWork();
    assertThat(meters.get(PartnerflowMetrics.RUNS_QUEUED).gauge().value()).isZero();
  }

  @Test
  void gauges_read_the_engine_stats_and_the_open_export_streams() {
    metrics.bind(test.engine());
    ManualStreamScheduler scheduler = new ManualStreamScheduler(test.clock().instant());
    try (ExportStreams streams = ExportStreams.builder().poller(q -> ExportStatus.pending()).scheduler(scheduler)
        .build()) {
      metrics.bind(streams);
      assertThat(meters.get(PartnerflowMetrics.EXPORT_STREAMS_OPEN).gauge().value()).isZero();

      ExportStream stream = streams.open(ORG, UUID.randomUUID(), Optional.empty(), new SseSink() {
        @Override
        public void write(String text) {}

        @Override
        public void close() {}
      });

      assertThat(meters.get(PartnerflowMetrics.EXPORT_STREAMS_OPEN).gauge().value()).isEqualTo(1);
      assertThat(meters.get(PartnerflowMetrics.RUNS_CAPACITY).gauge().value())
          .isEqualTo(test.engine().stats().maxConcurrentRuns());
      assertThat(meters.get(PartnerflowMetrics.RUNS_IN_FLIGHT).gauge().value()).isZero();
      assertThat(meters.get(PartnerflowMetrics.THREADS_ABANDONED).gauge().value()).isZero();
      assertThat(meters.get(PartnerflowMetrics.THREADS_ABANDONED_TOTAL).functionCounter().count()).isZero();
      stream.cancel();
    }
  }
}
