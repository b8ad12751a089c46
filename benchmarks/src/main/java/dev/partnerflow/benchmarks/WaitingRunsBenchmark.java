package dev.partnerflow.benchmarks;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.testing.SettableClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A million runs parked on a 7-day delay: the retained heap per waiting run, and that all of them complete once
 * the clock moves 7 days. Each run's event carries its own partner with five fields. One shot: publish
 * {@code runs} events, measure the heap after full GCs, move the clock, run everything due, check every run
 * succeeded. Reported as secondary results: {@code heapBytesPerWaitingRun}, {@code completedRuns}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar WaitingRunsBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class WaitingRunsBenchmark {
  private static final String ORG = "acme";

  @Param({"1000000"})
  public int runs;

  /** Secondary results of one shot. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Result {
    public long heapBytesPerWaitingRun;
    public long completedRuns;
  }

  private WorkflowEngine engine;
  private SettableClock clock;

  @Setup(Level.Iteration)
  public void setUp() {
    clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));
    engine = BenchmarkWorkflows.engine()
        .clock(clock)
        .stores(WorkflowStore.inMemory(), RunStore.inMemory(runs + 1))
        .claimBatch(10_000)
        .build();
    Workflow wf = BenchmarkWorkflows.checkIn(ORG, "check-in");
    engine.workflows().create(ORG, wf);
    engine.workflows().activate(ORG, wf.id());
  }

  private static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @Benchmark
  public void parkAndComplete(Result result) {
    long before = usedHeapAfterGc();
    Instant now = clock.instant();
    for (int i = 0; i < runs; i++) {
      engine.publish(BenchmarkWorkflows.checkInEvent(ORG, i, now));
    }
    long after = usedHeapAfterGc();
    result.heapBytesPerWaitingRun = (after - before) / runs;
    clock.advance(Duration.ofDays(7));
    engine.runDueWork();
    long done = engine.runs(ORG, "check-in", dev.partnerflow.core.store.RunQuery.all()
        .withStatuses(java.util.Set.of(dev.partnerflow.core.run.RunStatus.SUCCEEDED)).withPage(0, 1)).total();
    if (done != runs) {
      throw new IllegalStateException("only " + done + " of " + runs + " runs completed");
    }
    result.completedRuns = done;
  }
}
