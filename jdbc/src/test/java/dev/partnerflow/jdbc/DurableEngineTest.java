package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable quick start: a run parked on a 7-day delay survives the engine, and fires in the next one. */
class DurableEngineTest {
  private static final String ORG = "acme";

  private static WorkflowEngine engine(String url, SettableClock clock, RecordingAction action) {
    return WorkflowEngine.builder().storeUrl(url).clock(clock).executor(Runnable::run).nodeType(action).build();
  }

  @Test
  void a_run_waiting_on_a_seven_day_delay_survives_a_restart_and_its_step_fires_once_after_seven_days(
      @TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir + "/pf";
    SettableClock clock = SettableClock.at("2026-01-05T09:00:00Z");
    RecordingAction before = new RecordingAction();
    String runId;
    try (WorkflowEngine engine = engine(url, clock, before)) {
      Workflow welcome = Workflow.builder(ORG, "Welcome").id("welcome").trigger("partner_created")
          .then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
          .then("hello", "record_call", Map.of("message", "a week later"))
          .build();
      engine.workflows().activate(ORG, engine.workflows().create(ORG, welcome).id());
      Run run = engine.publish(new Event("evt-1", ORG, "partner_created", clock.instant(),
          Map.of("partner", Map.of("id", "p-1", "name", "Globex")))).get(0);
      runId = run.id();
      assertThat(engine.trace(ORG, runId).run().status()).isEqualTo(RunStatus.WAITING);
    }
    assertThat(before.calls).isEmpty();

    RecordingAction after = new RecordingAction();
    try (WorkflowEngine engine = engine(url, clock, after)) {
      // the same event again starts nothing: dedupe is in the database too
      assertThat(engine.publish(new Event("evt-1", ORG, "partner_created", clock.instant(), Map.of())))
          .extracting(Run::id).containsExactly(runId);
      clock.advance(Duration.ofDays(7).minusSeconds(1));
      engine.runDueWork();
      assertThat(after.calls).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      engine.runDueWork();

      Run finished = engine.awaitFinished(ORG, runId, Duration.ofSeconds(30));
      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(after.calls).containsExactly(runId + ":hello a week later");
    }
  }
}
