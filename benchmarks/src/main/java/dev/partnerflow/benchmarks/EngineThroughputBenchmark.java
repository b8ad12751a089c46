package dev.partnerflow.benchmarks;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish-to-completion of the guide's 3-step "deal registered" workflow (two notification emails and a record
 * update, with no-op senders, every step attempt recorded) on the in-memory store, from 2 threads. Each operation
 * publishes one event and returns when its run has finished (runs execute in the publishing thread).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EngineThroughputBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(2)
@State(Scope.Benchmark)
public class EngineThroughputBenchmark {
  private static final String ORG = "acme";
  private WorkflowEngine engine;
  private final AtomicLong sequence = new AtomicLong();
  private Partner partner;
  private Deal deal;

  /** Finished runs (with their step records) the in-memory store keeps; older ones are forgotten. */
  @Param({"10000", "100000"})
  public int retainedRuns;

  /**
   * How long the store remembers which event started a run. The default (30 days) keeps one small entry per event
   * for the whole measurement, as a long-lived in-memory store does; a short window shows the engine without that
   * growing map.
   */
  @Param({"P30D"})
  public String dedupeWindow;

  @Setup(Level.Trial)
  public void setUp() {
    engine = BenchmarkWorkflows.engine()
        .clock(Clock.systemUTC())
        .stores(WorkflowStore.inMemory(), RunStore.inMemory(retainedRuns, java.time.Duration.parse(dedupeWindow)))
        .build();
    Workflow wf = engine.workflows().create(ORG, BenchmarkWorkflows.dealRegistered(ORG, "deals"));
    engine.workflows().activate(ORG, wf.id());
    partner = Partner.builder("p-1", "Northwind Analytics").tier("Gold").stage("Active")
        .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
        .partnerManager(Person.of("Sam Lee", "sam@acme.example"))
        .build();
    deal = Deal.builder("d-1").name("Analytics rollout").amount(120_000).currency("USD").build();
    List<Run> probe = engine.publish(event());
    RunStatus status = engine.trace(ORG, probe.get(0).id()).run().status();
    if (status != RunStatus.SUCCEEDED || engine.trace(ORG, probe.get(0).id()).steps().size() != 3) {
      throw new IllegalStateException("benchmark workflow did not run its 3 steps: " + status);
    }
  }

  private Event event() {
    return PartnerEvents.dealRegistered("evt-" + sequence.incrementAndGet(), ORG, Instant.EPOCH, partner, deal);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public List<Run> publishToCompletion() {
    return engine.publish(event());
  }
}
