package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.triggers.payload.Partner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "30 days before renewal" and "inactive for 30 days" fire exactly once, on the right local day, in every 10th
 * zone of the JDK, for renewal dates and last activities around every offset change (DST switches) of 2020–2035.
 */
class ScheduleDstPropertyTest {
  static final String ORG = "acme";

  static Stream<String> zones() {
    List<String> all = new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    List<String> every10th = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 10) {
      every10th.add(all.get(i));
    }
    return every10th.stream();
  }

  /** Local dates around each offset change of the zone in 2020–2035 (the day before, of, and after). */
  static Set<LocalDate> aroundTransitions(ZoneId zone) {
    Set<LocalDate> dates = new TreeSet<>();
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant to = Instant.parse("2036-01-01T00:00:00Z");
    ZoneOffsetTransition t = zone.getRules().nextTransition(from);
    while (t != null && t.getInstant().isBefore(to)) {
      LocalDate day = t.getInstant().atZone(zone).toLocalDate();
      dates.add(day.minusDays(1));
      dates.add(day);
      dates.add(day.plusDays(1));
      t = zone.getRules().nextTransition(t.getInstant());
    }
    if (dates.isEmpty()) { // no DST: a few plain dates
      dates.addAll(List.of(LocalDate.of(2020, 3, 29), LocalDate.of(2028, 2, 29), LocalDate.of(2035, 10, 28)));
    }
    return dates;
  }

  @ParameterizedTest
  @MethodSource("zones")
  void thirty_days_before_fires_exactly_once_on_the_local_day(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    ListPartnerDirectory directory = new ListPartnerDirectory().zone(ORG, zone);
    Recorder recorder = new Recorder();
    Set<LocalDate> dates = aroundTransitions(zone);
    // renewals on the dates and last activities at local 00:30 and 23:30 of the dates (edges of the day)
    List<Partner> partners = new ArrayList<>();
    for (LocalDate d : dates) {
      partners.add(Partner.builder("r-" + d, "R " + d).contractRenewalDate(d).build());
      partners.add(Partner.builder("a-" + d, "A " + d)
          .lastActivityAt(d.atTime(0, 30).atZone(zone).toInstant()).build());
      partners.add(Partner.builder("b-" + d, "B " + d)
          .lastActivityAt(d.atTime(23, 30).atZone(zone).toInstant()).build());
    }
    partners.forEach(p -> directory.put(ORG, p));
    Instant start = LocalDate.of(2019, 11, 1).atStartOfDay(zone).toInstant();
    Instant end = LocalDate.of(2036, 3, 1).atStartOfDay(zone).toInstant();
    try (TestWorkflowEngine test = TestWorkflowEngine.create(start, b -> b.discoverNodeTypes(false)
        .nodeTypes(new PartnerTriggerTypes()).nodeType(recorder)
        .scheduledTriggers(PartnerSchedule.of(directory)))) {
      for (String trigger : List.of("contract_renewal_approaching", "partner_inactive")) {
        Workflow w = Workflow.builder(ORG, trigger).id(trigger).trigger(trigger, Map.of("days", 30))
            .then("rec", "record", Map.of()).build();
        test.engine().workflows().create(ORG, w);
        test.engine().workflows().activate(ORG, trigger);
      }
      test.advance(Duration.between(start, end));
    }

    Map<String, List<Recorder.Seen>> byPartner = recorder.seen.stream()
        .collect(Collectors.groupingBy(s -> ((Map<?, ?>) s.event().data().get("partner")).get("id").toString()));
    for (Partner p : partners) {
      List<Recorder.Seen> runs = byPartner.getOrDefault(p.id(), List.of());
      assertThat(runs).as("runs for %s in %s", p.id(), zone).hasSize(1);
      Recorder.Seen run = runs.get(0);
      LocalDate firedOn = run.at().atZone(zone).toLocalDate();
      if (p.contractRenewalDate() != null) {
        assertThat(firedOn).as("%s in %s", p.id(), zone).isEqualTo(p.contractRenewalDate().minusDays(30));
        assertThat(run.event().data()).containsEntry("daysUntilRenewal", 30).containsEntry("noticeDays", 30);
      } else {
        assertThat(firedOn).as("%s in %s", p.id(), zone)
            .isEqualTo(p.lastActivityAt().atZone(zone).toLocalDate().plusDays(30));
        assertThat(run.event().data()).containsEntry("inactiveDays", 30);
      }
    }
  }
}
