package dev.partnerflow.core.export.internal;

import dev.partnerflow.core.export.StreamScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link StreamScheduler} on a JDK {@link ScheduledThreadPoolExecutor}; cancelled tasks leave the queue at once. */
public final class JdkStreamScheduler implements StreamScheduler {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ScheduledThreadPoolExecutor executor;

  public JdkStreamScheduler(int threads) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
      Thread thread = new Thread(runnable, "partnerflow-stream-" + pool + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  @Override
  public Task schedule(Runnable task, Duration delay) {
    return wrap(executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
  }

  @Override
  public Task scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
    return wrap(executor.scheduleAtFixedRate(task, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS));
  }

  private static Task wrap(ScheduledFuture<?> future) {
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
