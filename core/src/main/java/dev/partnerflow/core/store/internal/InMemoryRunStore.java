package dev.partnerflow.core.store.internal;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.CreateResult;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs in memory. Each run sits in a slot guarded by its own monitor; the due index is a skip list ordered by
 * wake-up time, so claiming due work never scans waiting runs that are not due. Finished runs beyond a cap are
 * forgotten oldest first, which bounds memory in long-lived processes; which event started which run is kept
 * apart from the runs, for the dedupe window measured on run creation times, so a forgotten run's event still
 * starts nothing new.
 */
public final class InMemoryRunStore implements RunStore {
  /** Finished runs kept before the oldest are forgotten. */
  public static final int DEFAULT_MAX_FINISHED_RUNS = 10_000;
  /**
   * Most dedupe entries kept (about 180 bytes each): an in-memory store is for tests, demos and single processes,
   * and must not grow without bound at high event rates; beyond this the oldest entries are forgotten before their
   * window ends, with one warning naming the durable store.
   */
  public static final int MAX_DEDUPE_ENTRIES = 1_000_000;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InMemoryRunStore.class);

  /** The dedupe key; equals and hashCode written out for the hot path (see CompiledWorkflows' VersionKey). */
  private static final class EventKey {
    private final String organizationId;
    private final String workflowId;
    private final String eventId;
    private final int hash;

    EventKey(String organizationId, String workflowId, String eventId) {
      this.organizationId = organizationId;
      this.workflowId = workflowId;
      this.eventId = eventId;
      this.hash = (organizationId.hashCode() * 31 + workflowId.hashCode()) * 31 + eventId.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EventKey k && k.hash == hash && k.eventId.equals(eventId)
          && k.workflowId.equals(workflowId) && k.organizationId.equals(organizationId);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * A dedupe entry: the run an event started, until {@code createdAt} leaves the window. Points at the run's slot
   * while the store keeps the run, so a racing creator waits for the winner's slot to be complete.
   */
  private static final class Started {
    final EventKey key;
    final String runId;
    final Instant createdAt;
    volatile Slot slot;

    Started(EventKey key, String runId, Instant createdAt, Slot slot) {
      this.key = key;
      this.runId = runId;
      this.createdAt = createdAt;
      this.slot = slot;
    }
  }

  private record Due(Instant at, String runId) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : runId.compareTo(o.runId);
    }
  }

  private static final class Slot {
    RunRecord record;
    String owner;
    Instant leaseUntil;
    Due due;
    boolean dueIsLease;
    List<StepAttempt> attempts;
    Started started;
  }

  private final int maxFinishedRuns;
  private final Duration dedupeWindow;
  private final Map<String, Slot> runs = new ConcurrentHashMap<>();
  private final Map<EventKey, Started> byEvent = new ConcurrentHashMap<>();
  /** Dedupe entries in creation order, for expiry. */
  private final ConcurrentLinkedQueue<Started> startedOrder = new ConcurrentLinkedQueue<>();
  private final AtomicInteger startedCount = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean warnedDedupeCap = new java.util.concurrent.atomic.AtomicBoolean();
  private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>();
  private final ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
  private final AtomicInteger finishedCount = new AtomicInteger();
  /** Minutes saved per minute bucket, by organization and workflow. */
  private final Map<String, Map<String, NavigableMap<Long, LongAdder>>> minutes = new ConcurrentHashMap<>();

  public InMemoryRunStore(int maxFinishedRuns, Duration dedupeWindow) {
    if (maxFinishedRuns < 1) {
      throw new IllegalArgumentException("maxFinishedRuns must be at least 1, but was " + maxFinishedRuns);
    }
    if (dedupeWindow == null || dedupeWindow.isNegative() || dedupeWindow.isZero()) {
      throw new IllegalArgumentException("dedupeWindow must be positive, but was " + dedupeWindow);
    }
    this.maxFinishedRuns = maxFinishedRuns;
    this.dedupeWindow = dedupeWindow;
  }

  @Override
  public CreateResult createIfAbsent(RunRecord run) {
    return insert(run, run, null, null);
  }

  @Override
  public CreateResult createClaimed(RunRecord run, String owner, Instant now, Instant leaseUntil) {
    RunRecord claimed = run.next(RunStatus.RUNNING, run.pending(), run.outputs(), now, run.error());
    return insert(run, claimed, owner, leaseUntil);
  }

  /** Stores {@code state} unless the event of {@code run} already started a run of the workflow. */
  private CreateResult insert(RunRecord run, RunRecord state, String owner, Instant leaseUntil) {
    expireDedupe(run.createdAt());
    EventKey key = new EventKey(run.organizationId(), run.workflowId(), run.event().id());
    Slot slot = new Slot();
    slot.record = state;
    slot.owner = owner;
    slot.leaseUntil = leaseUntil;
    Started started = new Started(key, run.id(), run.createdAt(), slot);
    synchronized (slot) {
      // the slot is complete before it becomes visible, so a racing caller always gets a real run back
      Started existing = byEvent.putIfAbsent(key, started);
      if (existing != null) {
        Slot other = existing.slot;
        if (other == null) {
          return new CreateResult(existing.runId, null, false);
        }
        synchronized (other) {
          return new CreateResult(other.record, false);
        }
      }
      runs.put(run.id(), slot);
      startedOrder.add(started);
      startedCount.incrementAndGet();
      slot.started = started;
      reschedule(slot);
    }
    return new CreateResult(state, true);
  }

  /** Forgets dedupe entries of runs created more than the window before {@code now}. */
  private void expireDedupe(Instant now) {
    Instant horizon = now.minus(dedupeWindow);
    Started oldest;
    while ((oldest = startedOrder.peek()) != null
        && (oldest.createdAt.isBefore(horizon) || startedCount.get() >= MAX_DEDUPE_ENTRIES)) {
      if (!oldest.createdAt.isBefore(horizon) && warnedDedupeCap.compareAndSet(false, true)) {
        log.warn("The in-memory run store remembers at most {} started events; older ones are forgotten before "
            + "their dedupe window of {} ends. Use a durable store (partnerflow-jdbc) for sustained event rates",
            MAX_DEDUPE_ENTRIES, dedupeWindow);
      }
      if (startedOrder.remove(oldest)) {
        startedCount.decrementAndGet();
        byEvent.remove(oldest.key, oldest);
      }
    }
  }

  @Override
  public Optional<RunRecord> find(String organizationId, String runId) {
    Slot slot = runs.get(runId);
    if (slot == null) {
      return Optional.empty();
    }
    synchronized (slot) {
      return slot.record.organizationId().equals(organizationId) ? Optional.of(slot.record) : Optional.empty();
    }
  }

  @Override
  public Optional<RunRecord> claim(String runId, String owner, Instant now, Instant leaseUntil) {
    Slot slot = runs.get(runId);
    if (slot == null) {
      return Optional.empty();
    }
    synchronized (slot) {
      return Optional.ofNullable(claimLocked(slot, owner, now, leaseUntil));
    }
  }

  private RunRecord claimLocked(Slot slot, String owner, Instant now, Instant leaseUntil) {
    RunRecord r = slot.record;
    if (r.status().isFinal()) {
      return null;
    }
    if (slot.owner != null && slot.leaseUntil.isAfter(now)) {
      return null;
    }
    RunRecord claimed = r.next(RunStatus.RUNNING, r.pending(), r.outputs(), now, r.error());
    slot.record = claimed;
    slot.owner = owner;
    slot.leaseUntil = leaseUntil;
    slot.dueIsLease = false;
    reschedule(slot);
    return claimed;
  }

  @Override
  public List<RunRecord> claimDue(Instant now, int limit, String owner, Instant leaseUntil) {
    List<RunRecord> claimed = new ArrayList<>();
    for (Due d : due) {
      if (claimed.size() >= limit || d.at().isAfter(now)) {
        break;
      }
      Slot slot = runs.get(d.runId());
      if (slot == null) {
        due.remove(d);
        continue;
      }
      synchronized (slot) {
        if (!d.equals(slot.due)) {
          continue;
        }
        RunRecord r = claimLocked(slot, owner, now, leaseUntil);
        if (r != null) {
          claimed.add(r);
        } else if (slot.record.status() == RunStatus.RUNNING) {
          // the holder extended its lease since the entry was made: move the entry to the real expiry
          slot.dueIsLease = false;
          reschedule(slot);
        }
      }
    }
    return claimed;
  }

  @Override
  public boolean save(RunRecord next, List<StepAttempt> attempts, String owner, boolean release, Instant leaseUntil) {
    Slot slot = runs.get(next.id());
    if (slot == null) {
      return false;
    }
    boolean nowFinal;
    synchronized (slot) {
      if (!owner.equals(slot.owner) || slot.record.version() != next.version() - 1) {
        return false;
      }
      boolean wasFinal = slot.record.status().isFinal();
      slot.record = next;
      if (release || next.status().isFinal()) {
        slot.owner = null;
        slot.leaseUntil = null;
      } else {
        slot.leaseUntil = leaseUntil;
      }
      if (!attempts.isEmpty()) {
        if (slot.attempts == null) {
          slot.attempts = new ArrayList<>(4);
        }
        slot.attempts.addAll(attempts);
      }
      reschedule(slot);
      nowFinal = !wasFinal && next.status().isFinal();
    }
    for (StepAttempt a : attempts) {
      if (a.status() == StepStatus.SUCCEEDED && !a.dryRun() && a.minutesSaved() > 0) {
        minutes.computeIfAbsent(next.organizationId(), k -> new ConcurrentHashMap<>())
            .computeIfAbsent(next.workflowId(), k -> new ConcurrentSkipListMap<>())
            .computeIfAbsent(a.finishedAt().getEpochSecond() / 60, k -> new LongAdder())
            .add(a.minutesSaved());
      }
    }
    if (nowFinal) {
      finished(next.id());
    }
    return true;
  }

  /**
   * Keeps the due index in step with the slot: queued/waiting runs by wake-up, running ones by lease expiry. A
   * running run keeps the entry of its claim while its lease is extended (claiming re-checks the real lease), so
   * the saves of every step do not churn the index.
   */
  private void reschedule(Slot slot) {
    if (slot.record.status() == RunStatus.RUNNING && slot.due != null && slot.dueIsLease) {
      return;
    }
    slot.dueIsLease = slot.record.status() == RunStatus.RUNNING;
    if (slot.due != null) {
      due.remove(slot.due);
      slot.due = null;
    }
    RunRecord r = slot.record;
    Instant at = switch (r.status()) {
      // a queued run with nothing pending (a trigger-only workflow) is due at once, to be finished
      case QUEUED -> r.nextWakeAt() == null ? r.updatedAt() : r.nextWakeAt();
      case WAITING -> r.nextWakeAt();
      case RUNNING -> slot.leaseUntil;
      default -> null;
    };
    if (at != null) {
      slot.due = new Due(at, r.id());
      due.add(slot.due);
    }
  }

  private void finished(String runId) {
    finished.add(runId);
    if (finishedCount.incrementAndGet() > maxFinishedRuns) {
      String oldest = finished.poll();
      if (oldest != null) {
        finishedCount.decrementAndGet();
        Slot slot = runs.remove(oldest);
        if (slot != null && slot.started != null) {
          slot.started.slot = null;
        }
      }
    }
  }

  @Override
  public Set<String> heartbeat(String owner, Collection<String> runIds, Instant leaseUntil) {
    Set<String> lost = new HashSet<>();
    for (String runId : runIds) {
      Slot slot = runs.get(runId);
      if (slot == null) {
        lost.add(runId);
        continue;
      }
      if (!extendIfHeld(slot, owner, -1, leaseUntil)) {
        lost.add(runId);
      }
    }
    return lost;
  }

  /** Extends the lease when {@code owner} holds it (at {@code version}, unless -1); false when it does not. */
  private static boolean extendIfHeld(Slot slot, String owner, long version, Instant leaseUntil) {
    synchronized (slot) {
      if (!owner.equals(slot.owner) || slot.record.status().isFinal()
          || (version >= 0 && slot.record.version() != version)) {
        return false;
      }
      if (slot.leaseUntil.isBefore(leaseUntil)) {
        slot.leaseUntil = leaseUntil;
      }
      return true;
    }
  }

  @Override
  public boolean extendLease(String runId, long version, String owner, Instant leaseUntil) {
    Slot slot = runs.get(runId);
    return slot != null && extendIfHeld(slot, owner, version, leaseUntil);
  }

  @Override
  public boolean release(String runId, long version, String owner, Instant now) {
    Slot slot = runs.get(runId);
    if (slot == null) {
      return false;
    }
    synchronized (slot) {
      RunRecord r = slot.record;
      if (!owner.equals(slot.owner) || r.version() != version || r.status().isFinal()) {
        return false;
      }
      Instant wake = r.nextWakeAt();
      RunStatus status = wake == null || !wake.isAfter(now) ? RunStatus.QUEUED : RunStatus.WAITING;
      slot.record = r.next(status, r.pending(), r.outputs(), now, r.error());
      slot.owner = null;
      slot.leaseUntil = null;
      reschedule(slot);
      return true;
    }
  }

  @Override
  public List<StepAttempt> attempts(String organizationId, String runId) {
    Slot slot = runs.get(runId);
    if (slot == null) {
      return List.of();
    }
    synchronized (slot) {
      if (!slot.record.organizationId().equals(organizationId) || slot.attempts == null) {
        return List.of();
      }
      return List.copyOf(slot.attempts);
    }
  }

  @Override
  public Page<RunRecord> list(String organizationId, String workflowId, RunQuery query) {
    List<RunRecord> matches = new ArrayList<>();
    for (Slot slot : runs.values()) {
      RunRecord r;
      synchronized (slot) {
        r = slot.record;
      }
      if (r.organizationId().equals(organizationId) && r.workflowId().equals(workflowId) && query.matches(r)) {
        matches.add(r);
      }
    }
    matches.sort(Comparator.comparing(RunRecord::createdAt).reversed().thenComparing(RunRecord::id));
    return Page.of(matches, query.page().page(), query.page().size());
  }

  @Override
  public int cancelAll(String organizationId, String workflowId, Instant now, String reason) {
    int cancelled = 0;
    for (Slot slot : runs.values()) {
      boolean done = false;
      RunRecord next = null;
      synchronized (slot) {
        RunRecord r = slot.record;
        if (r.organizationId().equals(organizationId) && r.workflowId().equals(workflowId)
            && !r.status().isFinal()) {
          next = r.next(RunStatus.CANCELLED, List.of(), r.outputs(), now, reason);
          slot.record = next;
          slot.owner = null;
          slot.leaseUntil = null;
          reschedule(slot);
          done = true;
        }
      }
      if (done) {
        cancelled++;
        finished(next.id());
      }
    }
    return cancelled;
  }

  @Override
  public long minutesSaved(String organizationId, String workflowId, Instant since) {
    Map<String, NavigableMap<Long, LongAdder>> byWorkflow = minutes.get(organizationId);
    NavigableMap<Long, LongAdder> buckets = byWorkflow == null ? null : byWorkflow.get(workflowId);
    if (buckets == null) {
      return 0;
    }
    long fromMinute = Math.floorDiv(since.getEpochSecond(), 60);
    long sum = 0;
    for (LongAdder a : buckets.tailMap(fromMinute, true).values()) {
      sum += a.sum();
    }
    return sum;
  }

  /** Walks the head of the due index up to {@code now} only; a running run counts once its lease has expired. */
  @Override
  public long countDue(Instant now) {
    long count = 0;
    for (Due d : due) {
      if (d.at().isAfter(now)) {
        break;
      }
      Slot slot = runs.get(d.runId());
      if (slot == null) {
        continue;
      }
      synchronized (slot) {
        if (d.equals(slot.due) && !slot.record.status().isFinal()
            && (slot.owner == null || !slot.leaseUntil.isAfter(now))) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public List<Instant> dueTimers(Instant until, int limit) {
    List<Instant> result = new ArrayList<>();
    for (Due d : due) {
      if (result.size() >= limit || d.at().isAfter(until)) {
        break;
      }
      result.add(d.at());
    }
    return result;
  }

  // ---- scheduled scans and occurrences -----------------------------------------------------------------------

  private static final class ScanRow {
    Instant dueAt;
    String owner;
    Instant leaseUntil;
    long version;
  }

  private record OccurrenceKey(String organizationId, String workflowId, String key) {}

  /** Scan rows by organization; few (one per organization), so one lock guards them all. */
  private final Map<String, ScanRow> scans = new java.util.TreeMap<>();
  private final Map<OccurrenceKey, Instant> occurrences = new ConcurrentHashMap<>();

  @Override
  public void scheduleScan(String organizationId, Instant dueAt) {
    synchronized (scans) {
      ScanRow row = scans.get(organizationId);
      if (row == null) {
        row = new ScanRow();
        row.dueAt = dueAt;
        row.version = 1;
        scans.put(organizationId, row);
      } else if (row.owner == null && dueAt.isBefore(row.dueAt)) {
        row.dueAt = dueAt;
      }
    }
  }

  @Override
  public List<dev.partnerflow.core.store.ScanClaim> claimDueScans(Instant now, int limit, String owner,
      Instant leaseUntil) {
    synchronized (scans) {
      List<Map.Entry<String, ScanRow>> due = new ArrayList<>();
      for (Map.Entry<String, ScanRow> e : scans.entrySet()) {
        ScanRow row = e.getValue();
        if (!row.dueAt.isAfter(now) && (row.owner == null || !row.leaseUntil.isAfter(now))) {
          due.add(e);
        }
      }
      due.sort(Comparator.comparing((Map.Entry<String, ScanRow> e) -> e.getValue().dueAt)
          .thenComparing(Map.Entry::getKey));
      List<dev.partnerflow.core.store.ScanClaim> claimed = new ArrayList<>();
      for (Map.Entry<String, ScanRow> e : due.subList(0, Math.min(limit, due.size()))) {
        ScanRow row = e.getValue();
        Instant wasDue = row.dueAt;
        row.owner = owner;
        row.leaseUntil = leaseUntil;
        row.dueAt = leaseUntil;
        row.version++;
        claimed.add(new dev.partnerflow.core.store.ScanClaim(e.getKey(), row.version, wasDue));
      }
      return claimed;
    }
  }

  @Override
  public boolean extendScanLease(String organizationId, long version, String owner, Instant leaseUntil) {
    synchronized (scans) {
      ScanRow row = scans.get(organizationId);
      if (row == null || row.version != version || !owner.equals(row.owner)) {
        return false;
      }
      if (leaseUntil.isAfter(row.leaseUntil)) {
        row.leaseUntil = leaseUntil;
        row.dueAt = leaseUntil;
      }
      return true;
    }
  }

  @Override
  public boolean finishScan(String organizationId, long version, String owner, Instant nextDueAt) {
    synchronized (scans) {
      ScanRow row = scans.get(organizationId);
      if (row == null || row.version != version || !owner.equals(row.owner)) {
        return false;
      }
      row.owner = null;
      row.leaseUntil = null;
      row.dueAt = nextDueAt;
      row.version++;
      return true;
    }
  }

  @Override
  public List<Instant> dueScanTimes(Instant until, int limit) {
    synchronized (scans) {
      return scans.values().stream().map(r -> r.dueAt).filter(t -> !t.isAfter(until)).sorted().limit(limit)
          .toList();
    }
  }

  @Override
  public Set<String> occurrences(String organizationId, String workflowId, Collection<String> keys) {
    Set<String> found = new HashSet<>();
    for (String key : keys) {
      if (occurrences.containsKey(new OccurrenceKey(organizationId, workflowId, key))) {
        found.add(key);
      }
    }
    return found;
  }

  @Override
  public boolean recordOccurrence(String organizationId, String workflowId, String key, Instant at) {
    return occurrences.putIfAbsent(new OccurrenceKey(organizationId, workflowId, key), at) == null;
  }
}
