package dev.partnerflow.benchmarks;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
 * created, every step attempt and state change committed, runs executed in the publishing thread (so the thread
 * count is the concurrency). The same workflow and no-op senders as {@link EngineThroughputBenchmark}.
 *
 * <p>{@code store=h2} uses an H2 file in a temporary directory; {@code store=postgresql} needs the URL of an empty
 * database in the system property {@code partnerflow.bench.postgres} (the tables are created by the store and
 * emptied at the start of each trial), e.g. a throwaway server as {@code .ci/run} starts one.
 *
 * <pre>
 * java -Dpartnerflow.bench.postgres='jdbc:postgresql://127.0.0.1:55433/bench?user=postgres' \
 *   -jar benchmarks/target/benchmarks.jar DurableThroughputBenchmark -t 1 -p store=postgresql
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DurableThroughputBenchmark {
  private static final String ORG = "acme";

  @Param({"h2", "postgresql"})
  public String store;

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
      String url = System.getProperty("partnerflow.bench.postgres");
      if (url == null) {
        throw new IllegalStateException("store=postgresql needs -Dpartnerflow.bench.postgres=<jdbc url of an empty "
            + "database>");
      }
      stores = JdbcStores.builder().url(url).poolSize(8).build();
      try (Connection c = stores.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("TRUNCATE pf_step_attempts, pf_runs, pf_workflow_versions, pf_workflows");
      }
    }
    engine = BenchmarkWorkflows.engine().clock(Clock.systemUTC()).stores(stores.workflows(), stores.runs())
        .build();
    Workflow wf = engine.workflows().create(ORG, BenchmarkWorkflows.dealRegistered(ORG, "deals"));
    engine.workflows().activate(ORG, wf.id());
    partner = Partner.builder("p-1", "Northwind Analytics").tier("Gold").stage("Active")
        .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
        .partnerManager(Person.of("Sam Lee", "sam@acme.example"))
        .build();
    deal = Deal.builder("d-1").name("Analytics rollout").amount(120_000).currency("USD").build();
    List<Run> probe = engine.publish(event());
    if (probe.get(0).status() != RunStatus.SUCCEEDED
        || engine.trace(ORG, probe.get(0).id()).steps().size() != 3) {
      throw new IllegalStateException("benchmark workflow did not run its 3 steps: " + probe.get(0));
    }
    this.stores = stores;
  }

  private JdbcStores stores;

  private Event event() {
    return PartnerEvents.dealRegistered("evt-" + sequence.incrementAndGet(), ORG, Instant.EPOCH, partner, deal);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    engine.close();
    stores.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Benchmark
  public List<Run> publishToCompletion() {
    return engine.publish(event());
  }
}
