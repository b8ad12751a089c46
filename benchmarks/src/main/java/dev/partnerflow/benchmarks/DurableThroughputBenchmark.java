package dev.partnerflow.benchmarks;

import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.jdbc.JdbcStores;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish-to-completion of the guide's 3-step "deal registered" workflow on the durable JDBC stores: every run
 * created, every step attempt and state change committed. The same workflow and no-op senders as
 * {@link EngineThroughputBenchmark}.
 *
 * <p>{@code mode=inline}: runs execute in the publishing thread, so the JMH thread count is the concurrency and every
 * commit waits for the one before it. {@code mode=workers}: a started engine with twice {@code inFlight} (default 16)
 * worker threads; each publish first takes one of {@code inFlight} permits, given back when a run finishes (a
 * {@link RunListener}), so publishes per second equal completed runs per second and concurrent runs' commits are grouped
 * (group commit) — the way a host with a worker pool runs the engine. There are more workers than permits because a
 * worker frees its slot a moment after the listener hears that its run finished: a publish in that moment would find no
 * free slot and leave its run to the poller. The poller looks every 100 ms ({@code -Dpartnerflow.bench.pollMillis});
 * completions do not depend on it.
 *
 * <p>After each iteration the CPU time per completed run is printed: this JVM's process CPU time and, on
 * PostgreSQL, the CPU time of every {@code postgres} process on the machine (from {@code /proc}), divided by the
 * runs finished in the iteration.
 *
 * <p>{@code store=h2} uses an H2 file in a temporary directory; {@code store=postgresql} needs the URL of an empty
 * database in the system property {@code partnerflow.bench.postgres} (the tables are created by the store and
 * emptied at the start of each trial), e.g. a throwaway server as {@code .ci/run} starts one.
 *
 * <pre>
 * java -Dpartnerflow.bench.postgres='jdbc:postgresql://127.0.0.1:55433/bench?user=postgres' \
 *   -jar benchmarks/target/benchmarks.jar DurableThroughputBenchmark -t 1 -p store=postgresql -p mode=workers
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// 60 s: on a 2-core machine shared with PostgreSQL the JVM's CPU per run kept falling for 35-40 s (3.0 ms in the
// first 5 s, 1.35 ms at 30-35 s, 0.56 ms at 35-40 s: JIT compilation competing with the load), while the Flowable
// peer's harness measures its 2-thread phase in a JVM that has run the same work for minutes (docs/benchmarks.md)
@Warmup(iterations = 12, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DurableThroughputBenchmark {
  private static final String ORG = "acme";

  @Param({"h2", "postgresql"})
  public String store;

  @Param({"inline", "workers"})
  public String mode;

  /** {@code mode=workers}: runs in flight at once (permits); the engine gets twice as many worker threads. */
  @Param({"16"})
  public int inFlight;

  /**
   * {@code store=postgresql}: PostgreSQL's {@code commit_delay} in microseconds for the benchmark's database
   * (with {@code commit_siblings = 1}), set by {@code ALTER DATABASE} for the trial and reset after it; 0 leaves
   * the server's settings alone. Needs a superuser (or {@code GRANT SET ON PARAMETER}). Measured in
   * docs/benchmarks.md (ninth session): not a setting to recommend, it cost the 1-thread figure a quarter.
   */
  @Param({"0"})
  public int commitDelay;

  private Semaphore permits;
  private final AtomicLong finished = new AtomicLong();
  private long iterationFinished;
  private long iterationJvmCpu;
  private long iterationDbCpu;

  private Path dir;
  private WorkflowEngine engine;
  private final AtomicLong sequence = new AtomicLong();
  private Partner partner;
  private Deal deal;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    JdbcStores stores;
    if (store.equals("h2")) {
      dir = Files.createTempDirectory("pf-bench-h2");
      stores = JdbcStores.builder().url("jdbc:h2:file:" + dir.resolve("pf")).poolSize(8).build();
    } else {
      if (commitDelay > 0) {
        BenchmarkSql.setCommitDelay(commitDelay);
      }
      stores = JdbcStores.builder().url(BenchmarkSql.postgresUrl()).poolSize(8).build();
      BenchmarkSql.emptyStore(stores.dataSource());
    }
    boolean workers = mode.equals("workers");
    permits = new Semaphore(inFlight);
    RunListener countFinished = new RunListener() {
      @Override
      public void runFinished(Run run) {
        finished.incrementAndGet();
        if (workers) {
          permits.release();
        }
      }
    };
    WorkflowEngine.Builder builder = workers
        ? BenchmarkWorkflows.startableEngine().workerThreads(2 * inFlight)
            .pollInterval(Duration.ofMillis(Long.getLong("partnerflow.bench.pollMillis", 100)))
        : BenchmarkWorkflows.engine();
    engine = builder.clock(Clock.systemUTC()).stores(stores.workflows(), stores.runs()).listener(countFinished)
        .build();
    Workflow wf = engine.workflows().create(ORG, BenchmarkWorkflows.dealRegistered(ORG, "deals"));
    engine.workflows().activate(ORG, wf.id());
    partner = Partner.builder("p-1", "Northwind Analytics").tier("Gold").stage("Active")
        .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
        .partnerManager(Person.of("Sam Lee", "sam@acme.example"))
        .build();
    deal = Deal.builder("d-1").name("Analytics rollout").amount(120_000).currency("USD").build();
    if (workers) {
      engine.start();
    }
    List<Run> probe = publishToCompletion();
    Run done = engine.awaitFinished(ORG, probe.get(0).id(), Duration.ofSeconds(30));
    if (done.status() != RunStatus.SUCCEEDED || engine.trace(ORG, done.id()).steps().size() != 3) {
      throw new IllegalStateException("benchmark workflow did not run its 3 steps: " + done);
    }
    this.stores = stores;
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    iterationFinished = finished.get();
    iterationJvmCpu = jvmCpuNanos();
    iterationDbCpu = store.equals("postgresql") ? postgresCpuNanos() : 0;
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    long runs = finished.get() - iterationFinished;
    if (runs == 0) {
      return;
    }
    long jvm = jvmCpuNanos() - iterationJvmCpu;
    long db = store.equals("postgresql") ? postgresCpuNanos() - iterationDbCpu : 0;
    System.out.printf("%n  %,d runs finished; CPU per run: JVM %,d µs, database %,d µs, together %,d µs%n", runs,
        jvm / runs / 1000, db / runs / 1000, (jvm + db) / runs / 1000);
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** User and system CPU time of every process named {@code postgres} (Linux /proc; clock ticks of 10 ms). */
  private static long postgresCpuNanos() {
    long ticks = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          if (!Files.readString(proc.resolve("comm")).trim().equals("postgres")) {
            continue;
          }
          String stat = Files.readString(proc.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
          // the process exited while being read
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ticks * 10_000_000L;
  }

  private JdbcStores stores;

  private Event event() {
    return PartnerEvents.dealRegistered("evt-" + sequence.incrementAndGet(), ORG, Instant.EPOCH, partner, deal);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    engine.close();
    permits.release(inFlight);
    stores.close();
    if (commitDelay > 0 && store.equals("postgresql")) {
      BenchmarkSql.setCommitDelay(0);
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Benchmark
  public List<Run> publishToCompletion() throws InterruptedException {
    if (mode.equals("workers")) {
      permits.acquire();
    }
    return engine.publish(event());
  }
}
