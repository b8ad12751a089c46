package dev.partnerflow.benchmarks;

import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shot: how late a due run starts, with 3 engines sharing one PostgreSQL. Runs park on a short delay
 * ({@code partnerflow.bench.delay}, PT3S) and are published at a steady rate, so their due times spread over the
 * publishing window; each engine's {@link RunListener#runClaimed} reports how long after its due time a run was
 * claimed by the poller, and the claimed run is handed to a worker at once (the step starts within the same
 * millisecond). Prints p50, p99 and max per poll interval.
 *
 * <pre>{@code
 * java -Dpartnerflow.bench.postgres='jdbc:postgresql://127.0.0.1:55440/partnerflow_test?user=postgres' \
 *   -cp benchmarks/target/benchmarks.jar dev.partnerflow.benchmarks.ClaimLatencyBenchmark
 * }</pre>
 *
 * <p>System properties: {@code partnerflow.bench.postgres} (URL of a throwaway database: its Partnerflow tables
 * are emptied), {@code partnerflow.bench.runs} (2,000 per poll interval), {@code partnerflow.bench.rate} (100
 * events/s), {@code partnerflow.bench.polls} ({@code PT1S,PT0.1S}: the engine default, then 100 ms).
 */
public final class ClaimLatencyBenchmark {
  private static final String ORG = "acme";
  private static final int ENGINES = 3;

  private ClaimLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("partnerflow.bench.postgres");
    if (url == null) {
      throw new IllegalStateException("needs -Dpartnerflow.bench.postgres=<jdbc url of a throwaway database>");
    }
    int runs = Integer.getInteger("partnerflow.bench.runs", 2_000);
    int rate = Integer.getInteger("partnerflow.bench.rate", 100);
    Duration delay = Duration.parse(System.getProperty("partnerflow.bench.delay", "PT3S"));
    System.out.printf("%d engines, %,d runs per poll interval at %d events/s, delay %s, %d cores, JDK %s%n",
        ENGINES, runs, rate, delay, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.runtime.version"));
    for (String poll : System.getProperty("partnerflow.bench.polls", "PT1S,PT0.1S").split(",")) {
      measure(url, Duration.parse(poll.trim()), runs, rate, delay);
    }
  }

  private static void measure(String url, Duration poll, int runs, int rate, Duration delay) throws Exception {
    ConcurrentLinkedQueue<Long> lateMicros = new ConcurrentLinkedQueue<>();
    Map<String, AtomicInteger> perEngine = new ConcurrentHashMap<>();
    CountDownLatch finished = new CountDownLatch(runs);
    List<WorkflowEngine> engines = new ArrayList<>();
    try {
      for (int e = 0; e < ENGINES; e++) {
        String owner = "engine-" + e;
        perEngine.put(owner, new AtomicInteger());
        engines.add(BenchmarkWorkflows.startableEngine().storeUrl(url).owner(owner).clock(Clock.systemUTC())
            .workerThreads(8).pollInterval(poll)
            .listener(new RunListener() {
              @Override
              public void runClaimed(Run run, Duration late) {
                lateMicros.add(late.toNanos() / 1_000);
                perEngine.get(owner).incrementAndGet();
              }

              @Override
              public void runFinished(Run run) {
                finished.countDown();
              }
            })
            .build());
      }
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("TRUNCATE pf_step_attempts, pf_runs, pf_workflow_versions, pf_workflows");
      }
      WorkflowEngine first = engines.get(0);
      Workflow wf = Workflow.builder(ORG, "Check in shortly").id("claim-latency").trigger("partner_created")
          .then("wait", "delay", DelayConfig.of(delay))
          .then("mark", "update_record", Map.of("record", "partner", "fields", Map.of("checkedIn", true)))
          .build();
      first.workflows().create(ORG, wf);
      first.workflows().activate(ORG, wf.id());
      engines.forEach(WorkflowEngine::start);
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        long at = start + TimeUnit.SECONDS.toNanos(1) * i / rate;
        long wait = at - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        engines.get(i % ENGINES).publish(BenchmarkWorkflows.checkInEvent(ORG, i, Instant.now()));
      }
      if (!finished.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("runs not finished: " + finished.getCount() + " left");
      }
      long[] late = lateMicros.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("poll %s: %,d claims after their due time (%s); late p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          poll, late.length, perEngine, pct(late, 0.50), pct(late, 0.99), late[late.length - 1] / 1000.0);
    } finally {
      engines.forEach(WorkflowEngine::close);
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
  }
}
