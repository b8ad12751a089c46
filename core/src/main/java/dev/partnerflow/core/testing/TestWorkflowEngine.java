package dev.partnerflow.core.testing;

import dev.partnerflow.core.engine.WorkflowEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A deterministic engine for a host's own tests: a {@link SettableClock}, runs executed in the calling thread, no
 * background poller. Move time with {@link #advance}, which also runs everything that became due.
 *
 * <pre>{@code
 * try (TestWorkflowEngine test = TestWorkflowEngine.create(b -> b.nodeTypes(steps))) {
 *   WorkflowEngine engine = test.engine();
 *   engine.workflows().activate("acme", engine.workflows().create("acme", welcome).id());
 *   engine.publish(partnerCreated);            // runs until the 7-day delay
 *   test.advance(Duration.ofDays(7));          // the follow-up email goes out now
 *   assertThat(sender.sent()).hasSize(2);
 * }
 * }</pre>
 */
public final class TestWorkflowEngine implements AutoCloseable {
  /** Where the test clock starts. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final SettableClock clock;
  private final WorkflowEngine engine;

  private TestWorkflowEngine(SettableClock clock, WorkflowEngine engine) {
    this.clock = clock;
    this.engine = engine;
  }

  /** An engine on the in-memory store starting at {@link #DEFAULT_START}. */
  public static TestWorkflowEngine create() {
    return create(b -> { });
  }

  /** An engine with extra configuration (node types, listeners, checks, ...). Clock and executor are fixed. */
  public static TestWorkflowEngine create(Consumer<WorkflowEngine.Builder> configure) {
    return create(DEFAULT_START, configure);
  }

  public static TestWorkflowEngine create(Instant start, Consumer<WorkflowEngine.Builder> configure) {
    return create(new SettableClock(start), configure);
  }

  /**
   * An engine on a clock the caller made, for stores built before the engine that must be given the engine's
   * clock (e.g. {@code JdbcStores.builder().clock(clock)}).
   */
  public static TestWorkflowEngine create(SettableClock clock, Consumer<WorkflowEngine.Builder> configure) {
    WorkflowEngine.Builder builder = WorkflowEngine.builder();
    // runs execute in the publishing threads: as many may run at once as threads publish
    builder.maxConcurrentRuns(100_000);
    configure.accept(builder);
    builder.clock(clock).executor(Runnable::run);
    WorkflowEngine engine = builder.build();
    engine.runDueWork(); // driven by hand from now on (and nothing is due yet)
    return new TestWorkflowEngine(clock, engine);
  }

  public WorkflowEngine engine() {
    return engine;
  }

  public SettableClock clock() {
    return clock;
  }

  /**
   * Moves the clock forward by {@code by}, stopping at every stored wake-up time on the way (a delay, a retry
   * backoff, a scheduled trigger scan) to run what is due at that instant, in order, so that a delay after a delay, or a retry after a
   * retry, happens at its own time; ends at the target with everything due then run.
   *
   * @return run activations processed
   */
  public int advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("by must not be negative, but was " + by);
    }
    Instant target = clock.instant().plus(by);
    int processed = engine.runDueWork();
    while (true) {
      Optional<Instant> next = engine.nextWakeUp(clock.instant(), target);
      if (next.isEmpty()) {
        break;
      }
      clock.set(next.get());
      processed += engine.runDueWork();
    }
    clock.set(target);
    return processed + engine.runDueWork();
  }

  /** Runs what is due now without moving the clock. */
  public int runDueWork() {
    return engine.runDueWork();
  }

  @Override
  public void close() {
    engine.close();
  }
}
