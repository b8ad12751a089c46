package dev.partnerflow.triggers;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.schedule.ScheduledScan;
import dev.partnerflow.core.schedule.ScheduledTriggers;
import dev.partnerflow.core.schedule.ScheduledWorkflow;
import dev.partnerflow.triggers.payload.Partner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fires {@code partner_inactive} and {@code contract_renewal_approaching} by themselves, from the host's
 * {@link PartnerDirectory}: give it to the engine and Active workflows of the two types run without the host
 * publishing anything.
 *
 * <pre>{@code
 * WorkflowEngine engine = WorkflowEngine.builder()
 *     .scheduledTriggers(PartnerSchedule.builder(directory).timeOfDay(LocalTime.of(9, 0)).catchUpDays(7).build())
 *     .build().start();
 * }</pre>
 *
 * <p>The rules (see {@code docs/triggers.md}):
 * <ul>
 *   <li><b>Days are calendar days in the organization's zone.</b> A partner whose last activity falls on local
 *       date L is inactive for N days from local date L + N; a renewal on local date R is N days away on R - N.
 *       That date is the occurrence's date, and the occurrence is due at {@link #timeOfDay()} on it (a time that
 *       a DST gap skips resolves to the instant after the gap).</li>
 *   <li><b>A scan fires every occurrence due by its start</b> whose date is at most {@link #catchUpDays()} days
 *       before today, and that its workflow has not fired: a scan runs daily at the time of day, and soon after
 *       the engine starts, so occurrences missed while no engine ran fire once each on restart; older ones never
 *       do.</li>
 *   <li><b>Once per occurrence, per workflow</b>, recorded in the store: {@code partner_inactive} once per partner
 *       per silence period (key: partner id and last activity time; new activity starts a new period);
 *       {@code contract_renewal_approaching} once per partner per renewal date. A workflow's current {@code days}
 *       is read at each scan, so changing it takes effect from the next scan, and what the workflow already fired
 *       for that silence period or renewal date does not fire again.</li>
 *   <li><b>True figures.</b> {@code inactiveDays} is today minus L (more than N when delivered late);
 *       {@code daysUntilRenewal} is R minus today, and {@code noticeDays} is N. A renewal whose date has passed
 *       fires no notice.</li>
 *   <li><b>Ordinary events.</b> Built with {@link PartnerEvents}; event ids {@link PartnerEvents#inactiveEventId}
 *       and {@link PartnerEvents#renewalEventId}, so a host that publishes these types itself with the same ids
 *       does not start a second run (dedupe).</li>
 * </ul>
 *
 * @since 0.2
 */
public final class PartnerSchedule implements ScheduledTriggers {
  /** Local time of the daily scan by default: 09:00. */
  public static final LocalTime DEFAULT_TIME_OF_DAY = LocalTime.of(9, 0);
  /** How many days back missed occurrences still fire by default: {@value}. */
  public static final int DEFAULT_CATCH_UP_DAYS = 7;
  /** Partners asked of the directory per page by default: {@value}. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  private static final Set<String> TYPES = Set.of(PartnerTrigger.PARTNER_INACTIVE.wireName(),
      PartnerTrigger.CONTRACT_RENEWAL_APPROACHING.wireName());

  private final PartnerDirectory directory;
  private final LocalTime timeOfDay;
  private final int catchUpDays;
  private final int pageSize;

  private PartnerSchedule(Builder b) {
    this.directory = b.directory;
    this.timeOfDay = b.timeOfDay;
    this.catchUpDays = b.catchUpDays;
    this.pageSize = b.pageSize;
  }

  /** With the defaults: scans at 09:00 local time, catch-up 7 days, pages of 500. */
  public static PartnerSchedule of(PartnerDirectory directory) {
    return builder(directory).build();
  }

  public static Builder builder(PartnerDirectory directory) {
    return new Builder(directory);
  }

  @Override
  public Set<String> triggerTypes() {
    return TYPES;
  }

  @Override
  public ZoneId zone(String organizationId) {
    return Objects.requireNonNull(directory.zone(organizationId),
        () -> "PartnerDirectory.zone returned null for organization '" + organizationId + "'");
  }

  @Override
  public LocalTime timeOfDay() {
    return timeOfDay;
  }

  public int catchUpDays() {
    return catchUpDays;
  }

  public int pageSize() {
    return pageSize;
  }

  /** When an occurrence dated {@code date} is due: the time of day on that date in the zone. */
  public Instant dueAt(LocalDate date, ZoneId zone) {
    return ZonedDateTime.of(date, timeOfDay, zone).toInstant();
  }

  @Override
  public void scan(ScheduledScan scan) {
    ZoneId zone = scan.zone();
    LocalDate today = scan.today();
    LocalDate lastDue = dueAt(today, zone).isAfter(scan.now()) ? today.minusDays(1) : today;
    LocalDate firstDue = today.minusDays(catchUpDays);
    if (lastDue.isBefore(firstDue)) {
      return;
    }
    inactive(scan, today, firstDue, lastDue);
    renewals(scan, today, firstDue, lastDue);
  }

  private static Map<Integer, List<ScheduledWorkflow>> byDays(List<ScheduledWorkflow> workflows) {
    Map<Integer, List<ScheduledWorkflow>> result = new TreeMap<>();
    for (ScheduledWorkflow w : workflows) {
      int days = w.triggerConfig() instanceof DaysConfig c ? c.days() : DaysConfig.DEFAULT_DAYS;
      result.computeIfAbsent(days, d -> new ArrayList<>()).add(w);
    }
    return result;
  }

  private void inactive(ScheduledScan scan, LocalDate today, LocalDate firstDue, LocalDate lastDue) {
    String org = scan.organizationId();
    ZoneId zone = scan.zone();
    for (Map.Entry<Integer, List<ScheduledWorkflow>> e
        : byDays(scan.workflows(PartnerTrigger.PARTNER_INACTIVE.wireName())).entrySet()) {
      int days = e.getKey();
      // last activity on local dates firstDue - days .. lastDue - days
      Instant from = firstDue.minusDays(days).atStartOfDay(zone).toInstant();
      Instant before = lastDue.minusDays(days).plusDays(1).atStartOfDay(zone).toInstant();
      String after = null;
      while (true) {
        List<Partner> page = directory.lastActiveBetween(org, from, before, after, pageSize);
        Map<String, Partner> byKey = new LinkedHashMap<>();
        for (Partner p : page) {
          if (p.lastActivityAt() == null) {
            continue;
          }
          LocalDate occurrence = p.lastActivityAt().atZone(zone).toLocalDate().plusDays(days);
          if (!occurrence.isBefore(firstDue) && !occurrence.isAfter(lastDue)) {
            byKey.put(PartnerEvents.inactiveEventId(p.id(), p.lastActivityAt()), p);
          }
        }
        for (ScheduledWorkflow w : e.getValue()) {
          Set<String> fired = scan.fired(w.workflowId(), byKey.keySet());
          for (Map.Entry<String, Partner> k : byKey.entrySet()) {
            if (fired.contains(k.getKey())) {
              continue;
            }
            Partner p = k.getValue();
            int inactiveDays = (int) ChronoUnit.DAYS.between(p.lastActivityAt().atZone(zone).toLocalDate(), today);
            Event event = PartnerEvents.partnerInactive(k.getKey(), org, scan.now(), p, inactiveDays);
            scan.fire(w, k.getKey(), event);
          }
        }
        scan.heartbeat();
        if (page.size() < pageSize) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
    }
  }

  private void renewals(ScheduledScan scan, LocalDate today, LocalDate firstDue, LocalDate lastDue) {
    String org = scan.organizationId();
    for (Map.Entry<Integer, List<ScheduledWorkflow>> e
        : byDays(scan.workflows(PartnerTrigger.CONTRACT_RENEWAL_APPROACHING.wireName())).entrySet()) {
      int days = e.getKey();
      // renewal on firstDue + days .. lastDue + days, and not passed
      LocalDate first = firstDue.plusDays(days);
      if (first.isBefore(today)) {
        first = today;
      }
      LocalDate last = lastDue.plusDays(days);
      if (last.isBefore(first)) {
        continue;
      }
      String after = null;
      while (true) {
        List<Partner> page = directory.renewingBetween(org, first, last, after, pageSize);
        Map<String, Partner> byKey = new LinkedHashMap<>();
        for (Partner p : page) {
          LocalDate renewal = p.contractRenewalDate();
          if (renewal != null && !renewal.isBefore(first) && !renewal.isAfter(last)) {
            byKey.put(p.id() + ":renewal:" + renewal, p);
          }
        }
        for (ScheduledWorkflow w : e.getValue()) {
          Set<String> fired = scan.fired(w.workflowId(), byKey.keySet());
          for (Map.Entry<String, Partner> k : byKey.entrySet()) {
            if (fired.contains(k.getKey())) {
              continue;
            }
            Partner p = k.getValue();
            LocalDate renewal = p.contractRenewalDate();
            int left = (int) ChronoUnit.DAYS.between(today, renewal);
            Event event = PartnerEvents.contractRenewalApproaching(PartnerEvents.renewalEventId(p.id(), renewal,
                days), org, scan.now(), p, left, days);
            scan.fire(w, k.getKey(), event);
          }
        }
        scan.heartbeat();
        if (page.size() < pageSize) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
    }
  }

  /** Settings of a {@link PartnerSchedule}; each has a default. */
  public static final class Builder {
    private final PartnerDirectory directory;
    private LocalTime timeOfDay = DEFAULT_TIME_OF_DAY;
    private int catchUpDays = DEFAULT_CATCH_UP_DAYS;
    private int pageSize = DEFAULT_PAGE_SIZE;

    private Builder(PartnerDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory must not be null");
    }

    /** Local time of day of the daily scan in each organization's zone; default 09:00. */
    public Builder timeOfDay(LocalTime value) {
      this.timeOfDay = Objects.requireNonNull(value, "timeOfDay must not be null");
      return this;
    }

    /**
     * How many calendar days back a missed occurrence still fires (after downtime, or a workflow activated
     * after the day); 0 to 365, default {@value #DEFAULT_CATCH_UP_DAYS}. 0: only today's occurrences.
     */
    public Builder catchUpDays(int value) {
      if (value < 0 || value > 365) {
        throw new IllegalArgumentException("catchUpDays must be between 0 and 365, but was " + value);
      }
      this.catchUpDays = value;
      return this;
    }

    /** Partners per directory page; 1 to 10,000, default {@value #DEFAULT_PAGE_SIZE}. */
    public Builder pageSize(int value) {
      if (value < 1 || value > 10_000) {
        throw new IllegalArgumentException("pageSize must be between 1 and 10000, but was " + value);
      }
      this.pageSize = value;
      return this;
    }

    public PartnerSchedule build() {
      return new PartnerSchedule(this);
    }
  }
}
