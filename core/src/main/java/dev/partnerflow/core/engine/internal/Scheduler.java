package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.schedule.ScheduledScan;
import dev.partnerflow.core.schedule.ScheduledTriggers;
import dev.partnerflow.core.schedule.ScheduledWorkflow;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.ScanClaim;
import dev.partnerflow.core.store.WorkflowRef;
import dev.partnerflow.core.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's scheduler for scheduled triggers. Each organization with Active workflows of a scheduled type has
 * one scan row in the run store; the row is claimed like a run (a lease, fenced by version), so one engine does
 * each scan however many share the store. A finished scan is due again at the next {@code timeOfDay} in the
 * organization's zone; a failed one 5 minutes later. Organizations get a scan due at once when the engine starts
 * (catch-up after downtime) and when a workflow of a scheduled type is activated.
 */
public final class Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  /** When a scan throws, it is tried again after this long. */
  public static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);
  private static final int CLAIM_LIMIT = 4;

  private final ScheduledTriggers triggers;
  private final WorkflowStore workflows;
  private final RunStore runs;
  private final CompiledWorkflows compiled;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final String owner;
  private final Duration lease;
  private final Duration pollInterval;
  private final AtomicBoolean synced = new AtomicBoolean();
  private volatile boolean closing;
  private volatile Thread thread;

  public Scheduler(ScheduledTriggers triggers, WorkflowStore workflows, RunStore runs, CompiledWorkflows compiled,
      Dispatcher dispatcher, Clock clock, String owner, Duration lease, Duration pollInterval) {
    this.triggers = triggers;
    this.workflows = workflows;
    this.runs = runs;
    this.compiled = compiled;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.owner = owner;
    this.lease = lease;
    this.pollInterval = pollInterval;
  }

  /** Whether the trigger type is one this scheduler fires. */
  public boolean handles(String triggerType) {
    return triggerType != null && triggers.triggerTypes().contains(triggerType);
  }

  /** Once per engine: every organization with Active scheduled workflows gets a scan due now (catch-up). */
  public void syncOnce() {
    if (!synced.compareAndSet(false, true)) {
      return;
    }
    Instant now = clock.instant();
    Set<String> orgs = new TreeSet<>();
    for (String type : triggers.triggerTypes()) {
      orgs.addAll(workflows.organizationsWithActive(type));
    }
    for (String org : orgs) {
      runs.scheduleScan(org, now);
    }
    if (!orgs.isEmpty()) {
      log.info("Scheduled triggers: a catch-up scan is due now for {} organization(s)", orgs.size());
    }
  }

  /** A workflow of a scheduled type became Active: its organization is scanned soon. */
  public void activated(String organizationId, String triggerType) {
    if (handles(triggerType)) {
      runs.scheduleScan(organizationId, clock.instant());
    }
  }

  /** Claims and runs every scan due now, in the calling thread. @return scans run */
  public int runDue() {
    syncOnce();
    int done = 0;
    while (!closing) {
      Instant now = clock.instant();
      List<ScanClaim> claimed = runs.claimDueScans(now, CLAIM_LIMIT, owner, now.plus(lease));
      if (claimed.isEmpty()) {
        return done;
      }
      for (ScanClaim claim : claimed) {
        scan(claim);
        done++;
      }
    }
    return done;
  }

  /** The next daily scan after {@code now}: {@code timeOfDay} in the zone, on today's date or tomorrow's. */
  public static Instant nextScan(Instant now, ZoneId zone, java.time.LocalTime timeOfDay) {
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant at = ZonedDateTime.of(today, timeOfDay, zone).toInstant();
    return at.isAfter(now) ? at : ZonedDateTime.of(today.plusDays(1), timeOfDay, zone).toInstant();
  }

  private void scan(ScanClaim claim) {
    String org = claim.organizationId();
    Instant now = clock.instant();
    ZoneId zone;
    try {
      zone = triggers.zone(org);
    } catch (RuntimeException e) {
      log.warn("Scheduled scan of organization {}: its time zone could not be read; trying again in {}", org,
          RETRY_AFTER_FAILURE, e);
      runs.finishScan(org, claim.version(), owner, now.plus(RETRY_AFTER_FAILURE));
      return;
    }
    Scan scan = new Scan(claim, zone, now);
    Instant next;
    try {
      triggers.scan(scan);
      next = nextScan(now, zone, triggers.timeOfDay());
      log.debug("Scheduled scan of organization {} at {}: {} run(s) started; next at {}", org, now, scan.started,
          next);
    } catch (ScheduledScan.ScanLostException e) {
      log.info("Scheduled scan of organization {} lost its lease ({}); another engine goes on", org,
          e.getMessage());
      return;
    } catch (RuntimeException e) {
      next = now.plus(RETRY_AFTER_FAILURE);
      log.warn("Scheduled scan of organization {} failed after starting {} run(s); trying again at {} (what fired "
          + "stays fired)", org, scan.started, next, e);
    }
    if (!runs.finishScan(org, scan.version, owner, next)) {
      log.info("Scheduled scan of organization {} had lost its lease when it finished", org);
    }
  }

  private final class Scan implements ScheduledScan {
    final String org;
    final ZoneId zone;
    final Instant now;
    long version;
    long lastBeatNanos = System.nanoTime();
    int started;

    Scan(ScanClaim claim, ZoneId zone, Instant now) {
      this.org = claim.organizationId();
      this.version = claim.version();
      this.zone = zone;
      this.now = now;
    }

    @Override
    public String organizationId() {
      return org;
    }

    @Override
    public ZoneId zone() {
      return zone;
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public List<ScheduledWorkflow> workflows(String triggerType) {
      List<ScheduledWorkflow> result = new ArrayList<>();
      for (WorkflowRef ref : workflows.activeFor(org, triggerType)) {
        CompiledWorkflow cw = compiled.version(org, ref.workflowId(), ref.version());
        if (cw == null || cw.failure().isPresent() || !triggerType.equals(cw.triggerTypeName())) {
          continue;
        }
        result.add(new ScheduledWorkflow(ref.workflowId(), ref.version(), triggerType, cw.triggerConfig()));
      }
      return result;
    }

    @Override
    public Set<String> fired(String workflowId, Collection<String> occurrenceKeys) {
      return occurrenceKeys.isEmpty() ? Set.of() : runs.occurrences(org, workflowId, occurrenceKeys);
    }

    @Override
    public boolean fire(ScheduledWorkflow workflow, String occurrenceKey, Event event) {
      if (!event.organizationId().equals(org)) {
        throw new IllegalArgumentException("event.organizationId must be '" + org + "', but was '"
            + event.organizationId() + "'");
      }
      CompiledWorkflow cw = compiled.version(org, workflow.workflowId(), workflow.version());
      // run first, record second: a crash in between fires again at the next scan, where dedupe finds the run
      boolean created = cw != null && dispatcher.startIfAbsent(cw, event).created();
      runs.recordOccurrence(org, workflow.workflowId(), occurrenceKey, now);
      if (created) {
        started++;
      }
      return created;
    }

    @Override
    public void heartbeat() {
      long nanos = System.nanoTime();
      if (nanos - lastBeatNanos < lease.toNanos() / 3) {
        return;
      }
      lastBeatNanos = nanos;
      if (!runs.extendScanLease(org, version, owner, clock.instant().plus(lease))) {
        throw new ScanLostException("the lease of the scan of organization '" + org + "' was taken over");
      }
    }
  }

  /** Starts the scheduler's thread: it runs due scans every poll interval. */
  public void start(String name) {
    Thread t = new Thread(this::loop, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void loop() {
    while (!closing) {
      try {
        runDue();
      } catch (Throwable t) {
        log.warn("Scheduled scans failed; trying again in {}", pollInterval, t);
      }
      LockSupport.parkNanos(this, pollInterval.toNanos());
    }
  }

  /** Stops the thread; a scan in progress ends at its next step or keeps its lease until it expires. */
  public void close() {
    closing = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(Math.max(1, pollInterval.toMillis() * 2 + 1000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
