package dev.partnerflow.benchmarks;

import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.jdbc.JdbcStores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shot: how late a run waiting on a delay starts its next step once the delay is due, with several engines
 * polling one PostgreSQL store. Real wall clock: {@code runs} runs of "trigger → delay until the event's
 * {@code dueAt} → update_record" are published with due times spread evenly over {@code window}, starting
 * {@code lead} from now; the measured engines (started before the load) claim them as they come due. For each run,
 * a {@link RunListener} takes the step attempt of the node after the delay and records its start time (the engine
 * clock, the system clock in UTC, read just before the step executes) minus the run's due time; it also records
 * the claim latency the engine reports ({@link RunListener#runClaimed}: claim time minus due time). Printed:
 * p50/p90/p99/max of both, and how many runs each engine took. A round per poll interval and way of starting the
 * engines; before them an unreported warm-up round.
 *
 * <p>The poller parks for the poll interval after each poll, without jitter, so engines keep the phase they were
 * started with: started together (a few milliseconds apart, as here, or as a deployment that starts its instances
 * at once) they poll in step and wake a due run no sooner than one engine would; started a 1/n interval apart, they
 * poll in turn. The two are the worst and the best phase; engines started at unrelated times lie in between.
 *
 * <p>The engines share one JVM (and so one clock: no skew between them enters the figures), but nothing else:
 * each has its own JDBC stores and connection pool, worker pool, poller thread and lease owner, and they meet only
 * in the database, claiming with {@code FOR UPDATE SKIP LOCKED} as separate processes would. A separate loader
 * engine, never started, publishes the runs (each runs to its delay in the publishing thread).
 *
 * <pre>{@code
 * java -Dpartnerflow.bench.postgres='jdbc:postgresql://127.0.0.1:55442/partnerflow_test?user=postgres' \
 *   -cp benchmarks/target/benchmarks.jar dev.partnerflow.benchmarks.ClaimLatencyBenchmark
 * }</pre>
 *
 * <p>System properties: {@code partnerflow.bench.postgres} (required: a throwaway database, its Partnerflow tables
 * are emptied), {@code partnerflow.bench.engines} (3), {@code partnerflow.bench.pollIntervals} ({@code PT1S,PT0.1S};
 * PT1S is the engine's default), {@code partnerflow.bench.runs} (3000 per round), {@code partnerflow.bench.window}
 * (PT60S), {@code partnerflow.bench.lead} (PT20S: time to publish before the first run is due),
 * {@code partnerflow.bench.workerThreads} and {@code partnerflow.bench.claimBatch} (the engine's defaults, 4 and
 * 100), {@code partnerflow.bench.starts} ({@code together,staggered}).
 */
public final class ClaimLatencyBenchmark {
  private static final String ORG = "acme";
  private static final String STEP_AFTER_DELAY = "mark";

  private ClaimLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = BenchmarkSql.postgresUrl();
    int engines = Integer.getInteger("partnerflow.bench.engines", 3);
    int runs = Integer.getInteger("partnerflow.bench.runs", 3000);
    Duration window = Duration.parse(System.getProperty("partnerflow.bench.window", "PT60S"));
    Duration lead = Duration.parse(System.getProperty("partnerflow.bench.lead", "PT20S"));
    int workers = Integer.getInteger("partnerflow.bench.workerThreads", WorkflowEngine.DEFAULT_WORKER_THREADS);
    int claimBatch = Integer.getInteger("partnerflow.bench.claimBatch", WorkflowEngine.DEFAULT_CLAIM_BATCH);
    System.out.printf("%d engines, %d worker threads and claim batch %d each; %,d runs due over %s; JDK %s, %d"
            + " cores%n", engines, workers, claimBatch, runs, window, System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors());
    Round setup = new Round(url, engines, workers, claimBatch);
    setup.run(Duration.ofMillis(100), false, runs / 10, window.dividedBy(10), lead, false);
    for (String interval : System.getProperty("partnerflow.bench.pollIntervals", "PT1S,PT0.1S").split(",")) {
      for (String start : System.getProperty("partnerflow.bench.starts", "together,staggered").split(",")) {
        setup.run(Duration.parse(interval.trim()), start.trim().equals("staggered"), runs, window, lead, true);
      }
    }
  }

  /** One round: empty store, start the engines, publish, wait for every run, report. */
  private record Round(String url, int engines, int workers, int claimBatch) {
    void run(Duration pollInterval, boolean staggered, int runs, Duration window, Duration lead, boolean report)
        throws Exception {
      System.out.printf("%n== %s: poll interval %s, engines started %s ==%n", report ? "round"
          : "warm-up (not reported)", pollInterval, staggered ? "a 1/" + engines + " interval apart" : "together");
      Map<String, Instant> dueByEvent = new ConcurrentHashMap<>();
      List<Recorder> recorders = new ArrayList<>();
      List<JdbcStores> stores = new ArrayList<>();
      List<WorkflowEngine> measured = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(runs);
      try (JdbcStores loaderStores = JdbcStores.builder().url(url).poolSize(6).build()) {
        BenchmarkSql.emptyStore(loaderStores.dataSource());
        WorkflowEngine loader = BenchmarkWorkflows.engine().stores(loaderStores.workflows(), loaderStores.runs())
            .maxConcurrentRuns(4).owner("bench-loader").build();
        Workflow wf = BenchmarkWorkflows.checkInWhenDue(ORG, "check-in-when-due");
        loader.workflows().create(ORG, wf);
        loader.workflows().activate(ORG, wf.id());
        Instant first = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS);
        try {
          for (int e = 1; e <= engines; e++) {
            JdbcStores s = JdbcStores.builder().url(url).poolSize(workers + 2).build();
            stores.add(s);
            Recorder recorder = new Recorder(dueByEvent, done);
            recorders.add(recorder);
            measured.add(BenchmarkWorkflows.startableEngine().stores(s.workflows(), s.runs()).workerThreads(workers)
                .claimBatch(claimBatch).pollInterval(pollInterval).owner("bench-engine-" + e).listener(recorder)
                .build());
          }
          long startedAt = System.nanoTime();
          for (int e = 0; e < engines; e++) {
            long at = startedAt + (staggered ? pollInterval.toNanos() * e / engines : 0);
            for (long left; (left = at - System.nanoTime()) > 0; ) {
              LockSupport.parkNanos(left);
            }
            measured.get(e).start();
          }
          long stepMicros = window.toNanos() / 1000 / runs;
          load(loader, runs, i -> first.plus(i * stepMicros, ChronoUnit.MICROS), dueByEvent);
          if (!Instant.now().isBefore(first)) {
            throw new IllegalStateException("publishing took longer than the lead " + lead + ": raise it");
          }
          Instant last = first.plus((runs - 1) * stepMicros, ChronoUnit.MICROS);
          if (!done.await(Duration.between(Instant.now(), last).toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(done.getCount() + " runs did not start their step within 60 s of the"
                + " last due time");
          }
        } finally {
          for (WorkflowEngine e : measured) {
            e.close();
          }
          loader.close();
          for (JdbcStores s : stores) {
            s.close();
          }
        }
        long succeeded;
        try (java.sql.Connection c = loaderStores.dataSource().getConnection()) {
          succeeded = BenchmarkSql.single(c, "SELECT count(*) FROM pf_runs WHERE status = 'SUCCEEDED'");
        }
        if (report) {
          report(recorders, runs, succeeded, first, window, pollInterval);
        }
      }
    }
  }

  /** Publishes run {@code i} due at {@code due.apply(i)}, from 4 threads, in order of due time. */
  private static void load(WorkflowEngine loader, int runs, java.util.function.IntFunction<Instant> due,
      Map<String, Instant> dueByEvent) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < runs; ) {
          Instant dueAt = due.apply(i);
          var event = BenchmarkWorkflows.checkInWhenDueEvent(ORG, i, Instant.now(), dueAt);
          dueByEvent.put(event.id(), dueAt);
          List<Run> started = loader.publish(event);
          if (started.size() != 1 || started.get(0).status() != RunStatus.WAITING) {
            throw new IllegalStateException("run of event " + event.id() + " is not waiting: " + started);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    System.out.printf("published %,d runs in %.1f s%n", runs, (System.nanoTime() - t0) / 1e9);
  }

  /** Per engine: due → claim, and due → start of the step after the delay, in nanoseconds. */
  private static final class Recorder implements RunListener {
    final Map<String, Instant> dueByEvent;
    final CountDownLatch done;
    final ConcurrentLinkedQueue<Long> claim = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> stepStart = new ConcurrentLinkedQueue<>();
    /** When each run was due and when this engine claimed it, both on the engines' (system) clock. */
    final ConcurrentLinkedQueue<Instant[]> claims = new ConcurrentLinkedQueue<>();

    Recorder(Map<String, Instant> dueByEvent, CountDownLatch done) {
      this.dueByEvent = dueByEvent;
      this.done = done;
    }

    @Override
    public void runClaimed(Run run, Duration latency) {
      claim.add(latency.toNanos());
      Instant due = dueByEvent.get(run.eventId());
      claims.add(new Instant[] {due, due.plus(latency)});
    }

    @Override
    public void stepFinished(Run run, StepAttempt attempt) {
      if (attempt.nodeId().equals(STEP_AFTER_DELAY) && attempt.attempt() == 1) {
        stepStart.add(Duration.between(dueByEvent.get(run.eventId()), attempt.startedAt()).toNanos());
        done.countDown();
      }
    }

    /**
     * The mean phase, in the poll cycle, of this engine's claims of runs due in {@code [from, to)}: milliseconds
     * after the whole second (mod the interval), a circular mean. Engines that poll in step show the same phase.
     */
    String phase(Instant from, Instant to, Duration interval) {
      double x = 0;
      double y = 0;
      for (Instant[] c : claims) {
        if (!c[0].isBefore(from) && c[0].isBefore(to)) {
          double turn = 2 * Math.PI * (Duration.between(from, c[1]).toNanos() % interval.toNanos())
              / interval.toNanos();
          x += Math.cos(turn);
          y += Math.sin(turn);
        }
      }
      double ms = (Math.atan2(y, x) / (2 * Math.PI) + 1) % 1 * interval.toNanos() / 1e6;
      return x == 0 && y == 0 ? "-" : String.format("%.0f", ms);
    }
  }

  private static void report(List<Recorder> recorders, int runs, long succeeded, Instant first, Duration window,
      Duration interval) {
    List<Long> claim = new ArrayList<>();
    List<Long> stepStart = new ArrayList<>();
    StringBuilder shares = new StringBuilder();
    StringBuilder early = new StringBuilder();
    StringBuilder late = new StringBuilder();
    Duration tenth = window.dividedBy(10);
    Instant end = first.plus(window);
    for (Recorder r : recorders) {
      claim.addAll(r.claim);
      stepStart.addAll(r.stepStart);
      String sep = shares.length() == 0 ? "" : " / ";
      shares.append(sep).append(r.stepStart.size());
      early.append(sep).append(r.phase(first, first.plus(tenth), interval));
      late.append(sep).append(r.phase(end.minus(tenth), end, interval));
    }
    System.out.printf("runs succeeded %,d of %,d; started per engine %s%n", succeeded, runs, shares);
    System.out.printf("poll phase per engine, ms into the %s cycle: first tenth of the window %s, last tenth %s%n",
        interval, early, late);
    System.out.println("  due -> claimed (engine's runClaimed) " + percentiles(claim));
    System.out.println("  due -> step start                    " + percentiles(stepStart));
  }

  private static String percentiles(List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return "no samples";
    }
    return String.format("n=%,d  p50 %s  p90 %s  p99 %s  max %s  (min %s)", sorted.length, ms(sorted, 0.50),
        ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0), millis(sorted[0]));
  }

  /** Nearest-rank percentile. */
  private static String ms(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return millis(sorted[Math.max(0, rank - 1)]);
  }

  private static String millis(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }
}
