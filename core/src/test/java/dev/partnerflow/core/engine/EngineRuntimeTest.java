package dev.partnerflow.core.engine;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.Run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.partnerflow.core.PartnerflowException;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.core.testing.TestTypes;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine with its own worker threads and poller, store selection by URL, and host sample data; also run on H2
 * and PostgreSQL.
 */
public class EngineRuntimeTest {
  private static final String ORG = "acme";

  /** The stores of every engine in this suite: in memory here, H2 and PostgreSQL in the jdbc module's subclasses. */
  protected EngineStores stores() {
    return EngineStores.IN_MEMORY;
  }

  private static Workflow delayed() {
    return Workflow.builder(ORG, "Later").id("later").trigger("partner_created")
        .then("wait", "delay", DelayConfig.of(Duration.ofHours(1)))
        .then("a", "notify", Map.of("message", "x"))
        .build();
  }

  @Test
  void started_engine_runs_on_its_workers_and_its_poller_picks_up_due_delays() throws Exception {
    SettableClock clock = SettableClock.at("2026-01-05T09:00:00Z");
    ScriptedAction notify = new ScriptedAction();
    CountDownLatch finished = new CountDownLatch(1);
    CountDownLatch parked = new CountDownLatch(1);
    try (WorkflowEngine engine = stores().builder(clock).discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).pollInterval(Duration.ofMillis(10))
        .listener(new RunListener() {
          @Override
          public void runWaiting(Run run) {
            parked.countDown();
          }

          @Override
          public void runFinished(Run run) {
            finished.countDown();
          }
        })
        .build()
        .start()) {
      engine.workflows().activate(ORG, engine.workflows().create(ORG, delayed()).id());
      Run run = engine.publish(new Event("e1", ORG, "partner_created", clock.instant(), Map.of())).get(0);

      assertThat(parked.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.WAITING);
      clock.advance(Duration.ofHours(1));
      assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(engine.trace(ORG, run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(notify.calls).hasSize(1);
    }
  }

  @Test
  void close_lets_a_step_in_flight_finish_within_the_grace_period() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedAction notify = new ScriptedAction().then(ctx -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return StepResult.of(Map.of("interrupted", true));
      }
      return StepResult.of(Map.of("finished", true));
    });
    WorkflowEngine engine = stores().builder(Clock.systemUTC()).discoverNodeTypes(false).nodeTypes(new TestTypes())
        .nodeType(notify).shutdownGrace(Duration.ofSeconds(10)).build();
    engine.workflows().activate(ORG, engine.workflows().create(ORG, Workflow.builder(ORG, "Slow").id("slow")
        .trigger("partner_created").then("a", "notify", Map.of("message", "x")).build()).id());
    Run run = engine.publish(new Event("e1", ORG, "partner_created", engine.clock().instant(), Map.of())).get(0);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(engine::close);
    release.countDown();
    closing.get(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> engine.publish(new Event("e2", ORG, "partner_created", engine.clock().instant(),
        Map.of()))).isInstanceOf(IllegalStateException.class).hasMessage("the engine is closed");
    assertThat(notify.calls).hasSize(1);
    assertThat(run.id()).isNotBlank();
  }

  @Test
  void stores_are_found_by_url_through_service_loader() {
    // This scenario picks its stores by URL itself, not from stores(); where the jdbc module is on the path its
    // provider takes jdbc:postgresql URLs (and connects), so the "no provider" answers hold in core only. The jdbc
    // module finds its own stores by URL in MigrationAndProviderTest.
    assumeTrue(stores() == EngineStores.IN_MEMORY, "about finding the memory: store by URL; the jdbc module tests its URLs");
    try (WorkflowEngine engine = WorkflowEngine.builder().storeUrl("memory:").discoverNodeTypes(false).build()) {
      assertThat(engine.workflows().summary(ORG).activeWorkflows()).isZero();
    }
    assertThatThrownBy(() -> WorkflowEngine.builder().storeUrl("cassandra://db").build())
        .isInstanceOf(PartnerflowException.class)
        .hasMessageContaining("no StoreProvider handles the store URL 'cassandra://db'");
    assertThatThrownBy(() -> WorkflowEngine.builder().storeUrl("jdbc:postgresql://u:secret@db/pf").build())
        .isInstanceOf(PartnerflowException.class)
        .hasMessageContaining("'jdbc:postgresql://***@db/pf'")
        .hasMessageNotContaining("secret");
  }

  @Test
  void test_run_prefers_the_hosts_sample_data() {
    ScriptedAction notify = new ScriptedAction();
    SampleDataProvider samples = (org, type, now) -> Optional.of(new Event("host-sample", org, type, now,
        Map.of("partner", Map.of("name", "Real Partner Inc"))));
    try (TestWorkflowEngine test = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify).sampleData(samples))) {
      WorkflowEngine engine = test.engine();
      Workflow wf = engine.workflows().create(ORG, Workflow.builder(ORG, "Sampled").id("sampled")
          .trigger("partner_created").then("a", "notify", Map.of("message", "Hi {{partner.name}}")).build());
      RunTrace trace = engine.testRun(ORG, wf.id());
      assertThat(trace.steps().get(0).output()).containsEntry("wouldSend", "Hi Real Partner Inc");
      assertThat(trace.run().eventId()).startsWith("host-sample#test-");
    }
  }

  @Test
  void builder_refuses_out_of_range_settings_naming_the_value() {
    assertThatThrownBy(() -> WorkflowEngine.builder().stepTimeout(Duration.ZERO))
        .hasMessage("stepTimeout must be between PT0.001S and PT1H, but was PT0S");
    assertThatThrownBy(() -> WorkflowEngine.builder().workerThreads(0))
        .hasMessage("workerThreads must be between 1 and 1024, but was 0");
  }
}
