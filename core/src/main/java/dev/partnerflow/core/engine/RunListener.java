package dev.partnerflow.core.engine;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.StepAttempt;
import java.time.Duration;

/**
 * Hooks for host logging and metrics. Every method has a no-op default; override what you need. Called on the
 * engine's worker threads: keep them quick, and do not throw (exceptions are logged and ignored).
 *
 * <pre>{@code
 * WorkflowEngine.builder().listener(new RunListener() {
 *   public void runFinished(Run run) { metrics.counter("runs." + run.status()).increment(); }
 * });
 * }</pre>
 */
public interface RunListener {
  /** A run was created by an event, a manual start or a test run. */
  default void runStarted(Run run) {}

  /** A step attempt ended (succeeded, will retry, or failed). */
  default void stepFinished(Run run, StepAttempt attempt) {}

  /** A run parked until {@link Run#nextWakeAt()} (a delay or a retry backoff); no thread is held meanwhile. */
  default void runWaiting(Run run) {}

  /** A run reached a final status. */
  default void runFinished(Run run) {}

  /**
   * The poller claimed a run that was due: queued for a free worker, woken from a delay or a retry backoff, or
   * taken over after another engine's lease expired. {@code latency} is how long after its due time it was
   * claimed (zero when on time).
   */
  default void runClaimed(Run run, Duration latency) {}

  /**
   * This engine lost the lease of a run it was processing (it was cancelled, or another engine took it over after
   * the lease expired): the worker stopped without writing.
   */
  default void leaseLost(Run run) {}
}
