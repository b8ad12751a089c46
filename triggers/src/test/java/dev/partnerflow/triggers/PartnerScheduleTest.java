package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.triggers.payload.Partner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler firing partner_inactive and contract_renewal_approaching by itself, on the in-memory store. */
class PartnerScheduleTest {
  static final String ORG = "acme";
  static final ZoneId NY = ZoneId.of("America/New_York");
  /** 2026-01-05 04:00 in New York. */
  static final Instant START = TestWorkflowEngine.DEFAULT_START;

  final ListPartnerDirectory directory = new ListPartnerDirectory().zone(ORG, NY);
  final Recorder recorder = new Recorder();
  final WorkflowStore workflowStore = WorkflowStore.inMemory();
  final RunStore runStore = RunStore.inMemory();
  TestWorkflowEngine test;

  TestWorkflowEngine engine(Instant start, Consumer<PartnerSchedule.Builder> schedule) {
    PartnerSchedule.Builder b = PartnerSchedule.builder(directory);
    schedule.accept(b);
    return TestWorkflowEngine.create(start, e -> e.discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes())
        .nodeType(recorder).stores(workflowStore, runStore).scheduledTriggers(b.build()));
  }

  @AfterEach
  void close() {
    if (test != null) {
      test.close();
    }
  }

  static Workflow workflow(String id, String trigger, int days) {
    return Workflow.builder(ORG, id).id(id).trigger(trigger, Map.of("days", days))
        .then("rec", "record", Map.of()).build();
  }

  Workflow activate(Workflow w) {
    WorkflowEngine engine = test.engine();
    Workflow created = engine.workflows().create(ORG, w);
    return engine.workflows().activate(ORG, created.id());
  }

  static Partner partner(String id, Instant lastActivity, LocalDate renewal) {
    return Partner.builder(id, "Partner " + id).lastActivityAt(lastActivity).contractRenewalDate(renewal).build();
  }

  List<Recorder.Seen> seen(String workflowId) {
    return recorder.seen.stream().filter(s -> s.workflowId().equals(workflowId)).toList();
  }

  static LocalDate localDate(Instant i) {
    return i.atZone(NY).toLocalDate();
  }

  @Test
  void partner_quiet_since_day_0_gets_one_reengagement_after_advancing_61_days() {
    test = engine(START, s -> { });
    directory.put(ORG, partner("p-1", START, null));
    activate(workflow("quiet-60", "partner_inactive", 60));

    test.advance(Duration.ofDays(61));

    assertThat(seen("quiet-60")).hasSize(1);
    Recorder.Seen run = seen("quiet-60").get(0);
    assertThat(run.event().id()).isEqualTo(PartnerEvents.inactiveEventId("p-1", START));
    assertThat(run.event().data()).containsEntry("inactiveDays", 60);
    assertThat(run.at()).isEqualTo(ZonedDateTime.of(localDate(START).plusDays(60), LocalTime.of(9, 0), NY)
        .toInstant());
  }

  @Test
  void a_partner_quiet_for_200_days_fires_once_and_new_activity_starts_a_new_period() {
    test = engine(START, s -> { });
    directory.put(ORG, partner("p-1", START, null));
    activate(workflow("quiet-30", "partner_inactive", 30));

    test.advance(Duration.ofDays(200));
    assertThat(seen("quiet-30")).hasSize(1);

    Instant active = test.clock().instant();
    directory.put(ORG, partner("p-1", active, null));
    test.advance(Duration.ofDays(29));
    assertThat(seen("quiet-30")).hasSize(1);
    test.advance(Duration.ofDays(2));
    assertThat(seen("quiet-30")).hasSize(2);
    assertThat(seen("quiet-30").get(1).event().id()).isEqualTo(PartnerEvents.inactiveEventId("p-1", active));
    assertThat(seen("quiet-30").get(1).event().data()).containsEntry("inactiveDays", 30);
  }

  @Test
  void two_renewal_workflows_of_30_and_60_days_each_fire_once_on_their_own_day() {
    test = engine(START, s -> { });
    LocalDate renewal = localDate(START).plusDays(90);
    directory.put(ORG, partner("p-1", null, renewal));
    activate(workflow("renew-30", "contract_renewal_approaching", 30));
    activate(workflow("renew-60", "contract_renewal_approaching", 60));

    test.advance(Duration.ofDays(120));

    assertThat(seen("renew-30")).hasSize(1);
    assertThat(seen("renew-60")).hasSize(1);
    assertThat(localDate(seen("renew-30").get(0).at())).isEqualTo(renewal.minusDays(30));
    assertThat(localDate(seen("renew-60").get(0).at())).isEqualTo(renewal.minusDays(60));
    assertThat(seen("renew-30").get(0).event().data()).containsEntry("daysUntilRenewal", 30)
        .containsEntry("noticeDays", 30);
    assertThat(seen("renew-60").get(0).event().id()).isEqualTo(PartnerEvents.renewalEventId("p-1", renewal, 60));
  }

  @Test
  void the_scan_runs_at_the_configured_local_time_of_day() {
    test = engine(START, s -> s.timeOfDay(LocalTime.of(14, 30)));
    LocalDate renewal = localDate(START).plusDays(35);
    directory.put(ORG, partner("p-1", null, renewal));
    activate(workflow("renew-30", "contract_renewal_approaching", 30));

    test.advance(Duration.ofDays(40));

    assertThat(seen("renew-30")).singleElement().satisfies(s -> assertThat(s.at())
        .isEqualTo(ZonedDateTime.of(renewal.minusDays(30), LocalTime.of(14, 30), NY).toInstant()));
  }

  @Test
  void changing_days_takes_effect_from_the_next_scan_without_refiring() {
    test = engine(START, s -> { });
    LocalDate renewal = localDate(START).plusDays(40);
    directory.put(ORG, partner("p-1", null, renewal));
    directory.put(ORG, partner("p-2", START, null));
    Workflow renew = activate(workflow("renew-30", "contract_renewal_approaching", 30));
    Workflow quiet = activate(workflow("quiet-60", "partner_inactive", 60));

    test.advance(Duration.ofDays(12)); // renewal notice fired on day 10; p-2 quiet for 12 days
    assertThat(seen("renew-30")).hasSize(1);
    assertThat(seen("quiet-60")).isEmpty();

    WorkflowEngine engine = test.engine();
    engine.workflows().save(ORG, workflow("renew-30", "contract_renewal_approaching", 25)
        .withMetadata(renew.metadata()));
    engine.workflows().save(ORG, workflow("quiet-60", "partner_inactive", 10)
        .withMetadata(quiet.metadata()));
    test.advance(Duration.ofDays(30));

    assertThat(seen("renew-30")).hasSize(1); // the renewal already had its notice: not again at 25 days
    assertThat(seen("quiet-60")).singleElement() // 10 days was passed 2 days ago: fires at the next scan
        .satisfies(s -> assertThat(s.event().data()).containsEntry("inactiveDays", 12));
  }

  @Test
  void after_downtime_missed_occurrences_fire_once_each_with_the_true_figures() {
    LocalDate renewal = localDate(START).plusDays(40);
    directory.put(ORG, partner("p-1", null, renewal));
    directory.put(ORG, partner("p-2", START, null));
    test = engine(START, s -> { });
    activate(workflow("renew-30", "contract_renewal_approaching", 30));
    activate(workflow("quiet-7", "partner_inactive", 7));
    test.advance(Duration.ofDays(5));
    test.close();

    // down for 9 days: the quiet notice (day 7) and the renewal notice (day 10) were missed
    Instant restart = START.plus(Duration.ofDays(14));
    test = engine(restart, s -> { });
    test.runDueWork();

    assertThat(seen("renew-30")).singleElement().satisfies(s -> assertThat(s.event().data())
        .containsEntry("daysUntilRenewal", 26).containsEntry("noticeDays", 30));
    assertThat(seen("quiet-7")).singleElement().satisfies(s -> assertThat(s.event().data())
        .containsEntry("inactiveDays", 14));
    test.advance(Duration.ofDays(30));
    assertThat(recorder.seen).hasSize(2);
  }

  @Test
  void occurrences_older_than_the_horizon_do_not_fire() {
    LocalDate renewal = localDate(START).plusDays(40);
    directory.put(ORG, partner("p-1", null, renewal));
    directory.put(ORG, partner("p-2", START, null));
    test = engine(START, s -> s.catchUpDays(3));
    activate(workflow("renew-30", "contract_renewal_approaching", 30));
    activate(workflow("quiet-7", "partner_inactive", 7));
    test.close();

    // down until day 14: the quiet notice (day 7) is 7 days old, the renewal notice (day 10) 4: beyond 3 days
    test = engine(START.plus(Duration.ofDays(14)), s -> s.catchUpDays(3));
    test.advance(Duration.ofDays(60));

    assertThat(recorder.seen).isEmpty();
  }

  @Test
  void a_host_published_event_with_the_same_id_keeps_the_scheduler_from_starting_a_second_run() {
    test = engine(START, s -> { });
    directory.put(ORG, partner("p-1", START, null));
    activate(workflow("quiet-30", "partner_inactive", 30));
    test.advance(Duration.ofDays(30).minusHours(6)); // day 30, before the 09:00 scan in New York

    test.engine().publish(PartnerEvents.partnerInactive(PartnerEvents.inactiveEventId("p-1", START), ORG,
        test.clock().instant(), partner("p-1", START, null), 30));
    assertThat(seen("quiet-30")).hasSize(1);
    test.advance(Duration.ofDays(10));

    assertThat(seen("quiet-30")).hasSize(1);
  }

  @Test
  void the_next_scan_is_among_the_engines_wake_up_times() {
    test = engine(START, s -> { });
    activate(workflow("quiet-30", "partner_inactive", 30));
    test.runDueWork();

    assertThat(test.engine().nextWakeUp(START, START.plus(Duration.ofDays(2))))
        .contains(ZonedDateTime.of(localDate(START), LocalTime.of(9, 0), NY).toInstant());
  }

  @Test
  void a_large_directory_is_read_in_pages() {
    test = engine(START, s -> s.pageSize(10));
    for (int i = 0; i < 95; i++) {
      directory.put(ORG, partner(String.format("p-%03d", i), START, null));
    }
    activate(workflow("quiet-30", "partner_inactive", 30));
    test.advance(Duration.ofDays(31));

    assertThat(seen("quiet-30")).hasSize(95);
  }
}
