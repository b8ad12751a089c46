package dev.partnerflow.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.testing.TestTypes;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of throwable a step can throw, in the test engine (the caller's thread) and in the threaded engine
 * (workers and poller): the attempt is recorded with a type and a message, the run retries and then fails by the
 * node's policy, nothing escapes to the publisher, and the next run on the same engine succeeds. Also run on H2
 * and PostgreSQL.
 */
public class StepFaultInjectionTest {
  private static final String ORG = "acme";

  /** The stores of every engine in this suite: in memory here, H2 and PostgreSQL in the jdbc module's subclasses. */
  protected EngineStores stores() {
    return EngineStores.IN_MEMORY;
  }

  /** An exception whose message cannot be read. */
  static final class UnreadableMessage extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("no message for you");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  static Stream<Arguments> throwables() {
    return Stream.of(
        Arguments.of("StackOverflowError", (Supplier<Throwable>) StackOverflowError::new),
        Arguments.of("OutOfMemoryError", (Supplier<Throwable>) () -> new OutOfMemoryError("Java heap space")),
        Arguments.of("AssertionError", (Supplier<Throwable>) () -> new AssertionError("invariant broken")),
        Arguments.of("IOException", (Supplier<Throwable>) () -> new IOException("checked, thrown sneakily")),
        Arguments.of("UnreadableMessage", (Supplier<Throwable>) UnreadableMessage::new),
        Arguments.of("NullPointerException", (Supplier<Throwable>) NullPointerException::new));
  }

  private static Workflow workflow() {
    return Workflow.builder(ORG, "Faulty").id("faulty").trigger("partner_created")
        .then(Node.of("a", "notify", Map.of("message", "hi")).withSettings(NodeSettings.DEFAULTS.withRetry(
            new RetryPolicy(2, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)))))
        .build();
  }

  private static Function<StepContext, StepResult> throwing(Supplier<Throwable> kind) {
    return ctx -> {
      throw sneaky(kind.get());
    };
  }

  private static Event event(String id) {
    return new Event(id, ORG, "partner_created", TestWorkflowEngine.DEFAULT_START, Map.of());
  }

  private static void assertFailedTwiceThenSucceedsNext(WorkflowEngine engine, ScriptedAction notify,
      String expectedType, RunTrace trace, Run next) {
    assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
    List<StepAttempt> attempts = trace.steps();
    assertThat(attempts).extracting(StepAttempt::status).containsExactly(StepStatus.RETRYING, StepStatus.FAILED);
    assertThat(attempts).allSatisfy(a -> {
      assertThat(a.error()).isPresent();
      assertThat(a.error().get().type()).isEqualTo(expectedType);
      assertThat(a.error().get().message()).isNotBlank();
    });
    assertThat(trace.run().error()).get().asString().contains("failed after 2 attempt(s)").contains(expectedType);
    assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(notify.calls).hasSize(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throwables")
  void test_engine_records_the_throwable_retries_fails_and_runs_the_next_run(String type,
      Supplier<Throwable> kind) {
    ScriptedAction notify = new ScriptedAction().then(throwing(kind)).then(throwing(kind));
    try (TestWorkflowEngine test = stores().testEngine(b -> b.discoverNodeTypes(false)
        .nodeTypes(new TestTypes()).nodeType(notify))) {
      WorkflowEngine engine = test.engine();
      engine.workflows().activate(ORG, engine.workflows().create(ORG, workflow()).id());

      Run run = engine.publish(event("e1")).get(0);
      assertThat(run.status()).isEqualTo(RunStatus.WAITING);
      test.advance(Duration.ofSeconds(1));
      Run next = engine.publish(event("e2")).get(0);

      assertFailedTwiceThenSucceedsNext(engine, notify, type, engine.trace(ORG, run.id()), next);
      if (type.equals("UnreadableMessage")) {
        assertThat(engine.trace(ORG, run.id()).steps().get(0).error().get().message())
            .contains("message unavailable");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throwables")
  void threaded_engine_records_the_throwable_retries_fails_and_its_workers_and_poller_survive(String type,
      Supplier<Throwable> kind) throws Exception {
    ScriptedAction notify = new ScriptedAction().then(throwing(kind)).then(throwing(kind));
    try (WorkflowEngine engine = stores().builder(Clock.systemUTC()).discoverNodeTypes(false).nodeTypes(new TestTypes())
        .nodeType(notify).workerThreads(2).pollInterval(Duration.ofMillis(10))
        .retry(new RetryPolicy(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))
        .build().start()) {
      Workflow wf = Workflow.builder(ORG, "Faulty").id("faulty").trigger("partner_created")
          .then("a", "notify", Map.of("message", "hi")).build();
      engine.workflows().activate(ORG, engine.workflows().create(ORG, wf).id());

      Run run = engine.publish(new Event("e1", ORG, "partner_created", engine.clock().instant(), Map.of())).get(0);
      Run failed = engine.awaitFinished(ORG, run.id(), Duration.ofSeconds(20));
      Run second = engine.publish(new Event("e2", ORG, "partner_created", engine.clock().instant(), Map.of()))
          .get(0);
      Run next = engine.awaitFinished(ORG, second.id(), Duration.ofSeconds(20));

      assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
      assertFailedTwiceThenSucceedsNext(engine, notify, type, engine.trace(ORG, run.id()), next);
    }
  }
}
