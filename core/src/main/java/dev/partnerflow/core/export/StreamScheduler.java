package dev.partnerflow.core.export;

import dev.partnerflow.core.export.internal.JdkStreamScheduler;
import java.time.Duration;

/**
 * The timer that export streams share: every stream's polls, heartbeats and timeout are tasks on it, so 10,000
 * open streams cost 10,000 sets of small objects, not 10,000 threads.
 *
 * <p>{@link #threads(int)} is the production implementation (a JDK {@code ScheduledThreadPoolExecutor} with daemon
 * threads). {@link ManualStreamScheduler} runs tasks only when a test advances its time.
 *
 * <pre>{@code
 * StreamScheduler scheduler = StreamScheduler.threads(2);
 * ExportStreams streams = ExportStreams.builder().poller(poller).scheduler(scheduler).build();
 * }</pre>
 */
public interface StreamScheduler extends AutoCloseable {

  /** A scheduled task that can be cancelled. */
  interface Task {
    /** Cancels the task; it does not run again. Idempotent. A run already in progress is not interrupted. */
    void cancel();
  }

  /** Runs {@code task} once after {@code delay}. */
  Task schedule(Runnable task, Duration delay);

  /**
   * Runs {@code task} first after {@code initialDelay}, then every {@code period} measured from the first due time
   * (fixed rate: a late run does not shift later ones). Runs of one task never overlap. A task that throws is not
   * run again.
   */
  Task scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period);

  /** Stops the scheduler; pending tasks do not run. */
  @Override
  void close();

  /**
   * A scheduler on {@code threads} daemon threads named {@code partnerflow-stream-N}.
   *
   * @throws IllegalArgumentException if {@code threads} is not between 1 and 64
   */
  static StreamScheduler threads(int threads) {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("threads must be between 1 and 64, but was " + threads);
    }
    return new JdkStreamScheduler(threads);
  }
}
