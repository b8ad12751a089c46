package dev.partnerflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ManualStreamScheduler;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.web.internal.RunStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live run panel's event stream itself, on a real engine parked on a delay: time moves by hand (the engine's
 * {@code SettableClock}, the streams' {@link ManualStreamScheduler}), nothing sleeps.
 */
class RunStreamTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  /** A sink that keeps what was written, as a browser's EventSource would read it. */
  static final class Recording implements SseSink {
    final List<String> writes = new ArrayList<>();
    boolean closed;

    @Override
    public synchronized void write(String text) {
      writes.add(text);
    }

    @Override
    public synchronized void close() {
      closed = true;
    }

    synchronized List<String> events() {
      return writes.stream().filter(w -> w.startsWith("event: ")).map(w -> w.substring(7, w.indexOf('\n')))
          .toList();
    }

    synchronized String last(String event) {
      List<String> found = writes.stream().filter(w -> w.startsWith("event: " + event + "\n")).toList();
      return found.get(found.size() - 1);
    }
  }

  /** A step of the panel's JSON: node id, type, label, status, in that order. */
  private static String step(String nodeId, String status) {
    return "\"nodeId\":\"" + nodeId + "\",\"type\":\"[^\"]*\",\"label\":\"[^\"]*\",\"status\":\"" + status + "\"";
  }

  private TestWorkflowEngine test;
  private WorkflowEngine engine;
  private ManualStreamScheduler scheduler;
  private RunStreams streams;
  private Run run;

  @BeforeEach
  void start() {
    test = TestWorkflowEngine.create(START, b -> b.discoverNodeTypes(false).nodeType(new DashboardHttpTest.Echo())
        .nodeType(new DashboardHttpTest.Manual()));
    engine = test.engine();
    engine.workflows().create("acme", Workflow.builder("acme", "Wait then say").id("wait-say").createdBy("alice")
        .trigger("manual")
        .then(Node.of("hello", "echo", Map.of("text", "hello")))
        .then(Node.of("wait", "delay", Map.of("duration", "PT1H")))
        .then(Node.of("bye", "echo", Map.of("text", "bye")))
        .build());
    engine.workflows().activate("acme", "wait-say");
    run = engine.startManual("acme", "wait-say", "request-1", Map.of());
    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    scheduler = new ManualStreamScheduler(START);
    streams = new RunStreams(engine, scheduler);
  }

  @AfterEach
  void stop() {
    if (streams != null) {
      streams.close();
      scheduler.close();
    }
    test.close();
  }

  @Test
  void a_run_in_flight_streams_its_panel_then_the_update_when_it_moves_on_then_end_and_closes() {
    Recording sink = new Recording();
    streams.open("acme", run.id(), sink);
    assertThat(sink.writes).containsExactly(": connected\n\n");
    scheduler.runDueTasks();
    assertThat(sink.events()).containsExactly("trace");
    assertThat(sink.last("trace")).contains("\"status\":\"waiting\"").containsPattern(step("bye", "waiting"));
    assertThat(streams.openCount()).isEqualTo(1);

    scheduler.advance(Duration.ofSeconds(5));
    assertThat(sink.events()).as("no change, no new event: only polls").containsExactly("trace");

    test.advance(Duration.ofHours(1)); // the delay is over: the run finishes in this thread
    assertThat(engine.trace("acme", run.id()).run().status()).isEqualTo(RunStatus.SUCCEEDED);
    scheduler.runDueTasks(); // the engine's "finished" callback scheduled a poll at once
    assertThat(sink.events()).containsExactly("trace", "trace", "end");
    String update = sink.last("trace");
    assertThat(update).containsPattern(step("bye", "succeeded")).containsPattern(step("hello", "succeeded"))
        .doesNotContain("\"status\":\"waiting\"");
    assertThat(sink.closed).isTrue();
    assertThat(streams.openCount()).isZero();
    assertThat(scheduler.pendingTasks()).as("its poll, heartbeat and timeout are cancelled").isZero();
  }

  @Test
  void heartbeats_keep_a_quiet_stream_open_and_a_gone_client_ends_it() {
    List<String> writes = new ArrayList<>();
    boolean[] gone = {false};
    SseSink flaky = new SseSink() {
      @Override
      public void write(String text) throws java.io.IOException {
        if (gone[0]) {
          throw new java.io.IOException("broken pipe");
        }
        writes.add(text);
      }

      @Override
      public void close() {}
    };
    streams.open("acme", run.id(), flaky);
    scheduler.advance(Duration.ofSeconds(15));
    assertThat(writes).contains(":hb\n\n");
    gone[0] = true;
    scheduler.advance(Duration.ofSeconds(15));
    assertThat(streams.openCount()).isZero();
  }
}
