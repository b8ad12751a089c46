package dev.partnerflow.benchmarks;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.triggers.PartnerDirectory;
import dev.partnerflow.triggers.PartnerSchedule;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shot: the scheduler scans a directory of 1,000,000 partners (partner i last active (i mod 400) days before
 * the start, renewing (i mod 400) days after it), with a 30-day inactivity workflow and a 30-day renewal workflow,
 * catching up 7 days. The directory computes its pages like an index would and keeps nothing: what the heap holds
 * is the scheduler's. Prints the time of the first (catch-up) scan, the queries issued, the runs started, the heap
 * after GC before and after, and the peak heap while scanning.
 *
 * <pre>{@code java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.partnerflow.benchmarks.PartnerScanBenchmark}</pre>
 */
public final class PartnerScanBenchmark {
  static final int PARTNERS = 1_000_000;
  static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
  static final LocalDate TODAY = LocalDate.of(2026, 1, 5);

  /** Partners generated from their index; ids p-0000000 .. p-0999999 in id order. */
  static final class GeneratedDirectory implements PartnerDirectory {
    final AtomicLong queries = new AtomicLong();
    final AtomicLong returned = new AtomicLong();

    static Partner partner(int i) {
      return Partner.builder(String.format("p-%07d", i), "Partner " + i)
          .primaryContact(Person.of("Contact " + i, "c" + i + "@partner.example"))
          .lastActivityAt(TODAY.minusDays(i % 400).atTime(8, 0).toInstant(ZoneOffset.UTC))
          .contractRenewalDate(TODAY.plusDays(i % 400)).build();
    }

    @Override
    public ZoneId zone(String organizationId) {
      return ZoneOffset.UTC;
    }

    @Override
    public List<Partner> lastActiveBetween(String org, Instant from, Instant before, String after, int limit) {
      return page(after, limit, p -> !p.lastActivityAt().isBefore(from) && p.lastActivityAt().isBefore(before));
    }

    @Override
    public List<Partner> renewingBetween(String org, LocalDate first, LocalDate last, String after, int limit) {
      return page(after, limit, p -> !p.contractRenewalDate().isBefore(first)
          && !p.contractRenewalDate().isAfter(last));
    }

    private List<Partner> page(String after, int limit, java.util.function.Predicate<Partner> in) {
      queries.incrementAndGet();
      int from = after == null ? 0 : Integer.parseInt(after.substring(2)) + 1;
      List<Partner> page = new ArrayList<>(limit);
      for (int i = from; i < PARTNERS && page.size() < limit; i++) {
        Partner p = partner(i);
        if (in.test(p)) {
          page.add(p);
        }
      }
      returned.addAndGet(page.size());
      return page;
    }
  }

  /** An action that does nothing, so the figure is the scheduler's and the engine's. */
  static final AtomicLong EXECUTED = new AtomicLong();

  static final class Noop implements ActionType<Map<String, Object>> {
    @Override
    public String name() {
      return "noop";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> configType() {
      return (Class) Map.class;
    }

    @Override
    public Map<String, Object> defaultConfig() {
      return Map.of();
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Noop", "does nothing", "test", List.of());
    }

    @Override
    public StepResult execute(Map<String, Object> config, StepContext context) {
      EXECUTED.incrementAndGet();
      return StepResult.of(Map.of());
    }
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static void main(String[] args) throws Exception {
    GeneratedDirectory dir = new GeneratedDirectory();
    try (TestWorkflowEngine test = TestWorkflowEngine.create(START, b -> b.discoverNodeTypes(false)
        .nodeTypes(new PartnerTriggerTypes()).nodeType(new Noop())
        .scheduledTriggers(PartnerSchedule.of(dir)))) {
      for (String trigger : List.of("partner_inactive", "contract_renewal_approaching")) {
        test.engine().workflows().create("acme", Workflow.builder("acme", trigger).id(trigger)
            .trigger(trigger, Map.of("days", 30)).then("n", "noop", Map.of()).build());
        test.engine().workflows().activate("acme", trigger);
      }
      long before = usedAfterGc();
      java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      test.runDueWork();
      long runs = EXECUTED.get();
      long catchUp = System.nanoTime() - t0;
      long q1 = dir.queries.get();
      long read1 = dir.returned.get();
      t0 = System.nanoTime();
      test.advance(Duration.ofDays(1));
      long daily = System.nanoTime() - t0;
      sampler.interrupt();
      long after = usedAfterGc();
      System.out.printf("partners in directory: %,d%n", PARTNERS);
      System.out.printf("catch-up scan (7 days): %,d ms, %,d directory queries, %,d partners read, %,d runs%n",
          catchUp / 1_000_000, q1, read1, runs);
      System.out.printf("next daily scan: %,d ms, %,d queries, %,d partners read%n", daily / 1_000_000,
          dir.queries.get() - q1, dir.returned.get() - read1);
      System.out.printf("heap after GC: before %,d KB, after %,d KB; peak while scanning %,d KB; max heap %,d MB%n",
          before / 1024, after / 1024, peak.get() / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
  }
}
