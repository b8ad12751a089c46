package dev.partnerflow.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamSchedulerTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void manual_scheduler_runs_due_tasks_in_time_order_with_the_clock_at_their_due_time() {
    ManualStreamScheduler scheduler = new ManualStreamScheduler(T0);
    List<String> runs = new ArrayList<>();
    scheduler.schedule(() -> runs.add("once@" + scheduler.clock().instant()), Duration.ofSeconds(2));
    scheduler.scheduleAtFixedRate(() -> runs.add("rate@" + scheduler.now()), Duration.ZERO, Duration.ofSeconds(1));
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(runs).containsExactly("rate@2025-03-01T10:00:00Z", "rate@2025-03-01T10:00:01Z",
        "once@2025-03-01T10:00:02Z", "rate@2025-03-01T10:00:02Z");
    assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void manual_scheduler_does_not_run_cancelled_tasks() {
    ManualStreamScheduler scheduler = new ManualStreamScheduler(T0);
    List<String> runs = new ArrayList<>();
    StreamScheduler.Task task = scheduler.scheduleAtFixedRate(() -> runs.add("x"), Duration.ZERO,
        Duration.ofSeconds(1));
    scheduler.runDueTasks();
    task.cancel();
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(runs).containsExactly("x");
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void jdk_scheduler_runs_tasks_on_named_daemon_threads() throws InterruptedException {
    try (StreamScheduler scheduler = StreamScheduler.threads(1)) {
      CountDownLatch ran = new CountDownLatch(1);
      String[] name = new String[1];
      scheduler.schedule(() -> {
        name[0] = Thread.currentThread().getName();
        ran.countDown();
      }, Duration.ZERO);
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(name[0]).startsWith("partnerflow-stream-");
    }
  }
}
