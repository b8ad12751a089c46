package dev.partnerflow.benchmarks;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.triggers.PartnerTrigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@code publish} when {@code workflows} Active workflows are spread over 100 organizations (or fewer when
 * there are fewer workflows) and trigger types, and exactly one matches the event. The matching workflow has one
 * {@code update_record} step with a no-op updater, so the operation is dispatch plus one short run. The target:
 * 10,000 workflows cost within 2x of 10.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DispatchBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class DispatchBenchmark {
  private static final int ORGANIZATIONS = 100;

  @Param({"10", "10000"})
  public int workflows;

  private WorkflowEngine engine;
  private final AtomicLong sequence = new AtomicLong();
  private String targetOrg;

  @Setup(Level.Trial)
  public void setUp() {
    engine = BenchmarkWorkflows.engine().build();
    List<PartnerTrigger> others = java.util.Arrays.stream(PartnerTrigger.values())
        .filter(t -> t != PartnerTrigger.PARTNER_CREATED && t != PartnerTrigger.MANUAL)
        .toList();
    int orgs = Math.min(ORGANIZATIONS, workflows);
    for (int i = 0; i < workflows; i++) {
      String org = "org-" + (i % orgs);
      // workflow 0 is the only one listening to partner_created; the rest listen to other triggers
      PartnerTrigger trigger = i == 0 ? PartnerTrigger.PARTNER_CREATED : others.get(i % others.size());
      Workflow wf = Workflow.builder(org, "Workflow " + i).id("wf-" + i)
          .trigger(trigger.wireName())
          .then("mark", "update_record", Map.of("record", "partner", "fields", Map.of("seen", true)))
          .build();
      engine.workflows().create(org, wf);
      engine.workflows().activate(org, wf.id());
    }
    targetOrg = "org-0";
    if (engine.publish(event()).size() != 1) {
      throw new IllegalStateException("exactly one workflow should match");
    }
  }

  private Event event() {
    return new Event("evt-" + sequence.incrementAndGet(), targetOrg, "partner_created", Instant.EPOCH,
        Map.of("partner", Map.of("id", "p-1", "name", "Northwind Analytics")));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public List<Run> publishOneMatch() {
    return engine.publish(event());
  }
}
