package dev.partnerflow.core.store;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.store.internal.InMemoryRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where runs, their state and their step attempts live. A run's start (its event, workflow version and test flag)
 * never changes after creation; what changes is its status, pending steps, error and lease, and its step attempts
 * are appended. {@link RunRecord#outputs()} is always the output of each node's succeeded attempt, so a durable
 * store may keep outputs with the attempt rows and rebuild the map when it reads a run, instead of rewriting them
 * on every save. Every state change of a run goes through here, so a durable
 * store can replace the in-memory one without touching the engine.
 *
 * <p>Concurrency contract: a worker must {@linkplain #claim claim} a run (take its lease) before executing it;
 * {@link #save} accepts a new state only from the lease holder and only on top of the version it read (fencing).
 * A lease that expires (a dead worker) lets {@link #claimDue} hand the run to another worker. Workers extend the
 * leases of the runs they are executing with {@link #heartbeat} and check a lease with {@link #extendLease} before
 * each step, so a worker that lost its lease neither writes nor executes; a worker that stops without executing a
 * run it claimed gives it back with {@link #release}.
 *
 * <p>Dedupe: one event id starts at most one run per workflow for at least the store's dedupe window (by time,
 * {@link #DEFAULT_DEDUPE_WINDOW} by default), independent of how long finished runs are kept.
 *
 * <p>Stability: public SPI, implemented by stores. Extend {@code RunStoreContract} in the core test-jar to check an
 * implementation.
 *
 * @since 0.1
 */
public interface RunStore {

  /**
   * The embedded default, keeping at most {@link #DEFAULT_MAX_FINISHED_RUNS} finished runs and event dedupe
   * entries for {@link #DEFAULT_DEDUPE_WINDOW}.
   */
  static RunStore inMemory() {
    return inMemory(DEFAULT_MAX_FINISHED_RUNS);
  }

  /** Finished runs the in-memory store keeps before forgetting the oldest: {@value}. */
  int DEFAULT_MAX_FINISHED_RUNS = InMemoryRunStore.DEFAULT_MAX_FINISHED_RUNS;

  /** How long an event id is remembered so that publishing it again starts nothing: 30 days. */
  Duration DEFAULT_DEDUPE_WINDOW = Duration.ofDays(30);

  /**
   * An in-memory store keeping at most {@code maxFinishedRuns} finished runs; older ones are forgotten. Which event
   * already started a run is remembered for {@link #DEFAULT_DEDUPE_WINDOW} regardless (up to a million events, to
   * bound memory; a durable store has no such cap).
   */
  static RunStore inMemory(int maxFinishedRuns) {
    return new InMemoryRunStore(maxFinishedRuns, DEFAULT_DEDUPE_WINDOW);
  }

  /**
   * An in-memory store keeping at most {@code maxFinishedRuns} finished runs and remembering for
   * {@code dedupeWindow} (measured on run creation times) which event started which run.
   */
  static RunStore inMemory(int maxFinishedRuns, Duration dedupeWindow) {
    return new InMemoryRunStore(maxFinishedRuns, dedupeWindow);
  }

  /**
   * Atomically creates the run unless the same event already started a run of the same workflow.
   */
  CreateResult createIfAbsent(RunRecord run);

  /**
   * {@link #createIfAbsent} and {@link #claim} in one step, for the engine that creates a run and executes it at
   * once: when created, the returned run is already {@code RUNNING} under {@code owner}'s lease. When the event
   * already started a run, that run is returned unclaimed with {@code created = false}. The default makes the two
   * calls; a store may do it in one write (one row insert with the lease set).
   */
  default CreateResult createClaimed(RunRecord run, String owner, Instant now, Instant leaseUntil) {
    CreateResult result = createIfAbsent(run);
    if (!result.created()) {
      return result;
    }
    return claim(run.id(), owner, now, leaseUntil).map(claimed -> new CreateResult(claimed, true)).orElse(result);
  }

  /**
   * Creates the runs one event starts (one per matching workflow) together: in one transaction for a durable store.
   * Each is created unless the same event already started a run of its workflow; of the {@code QUEUED} runs created,
   * the first {@code claimUpTo} are created already {@code RUNNING} under {@code owner}'s lease (the engine has that
   * many free worker slots), the others {@code QUEUED}; a run given {@code WAITING} (its first steps are delays that
   * wait) is created waiting, never claimed. The default calls {@link #createClaimed} and {@link #createIfAbsent}.
   *
   * @return one result per run, in order
   */
  default List<CreateResult> createRuns(List<RunRecord> runs, int claimUpTo, String owner, Instant now,
      Instant leaseUntil) {
    List<CreateResult> results = new java.util.ArrayList<>(runs.size());
    int claimed = 0;
    for (RunRecord run : runs) {
      boolean claim = claimed < claimUpTo && run.status() == RunStatus.QUEUED;
      CreateResult r = claim ? createClaimed(run, owner, now, leaseUntil) : createIfAbsent(run);
      if (r.created() && claim) {
        claimed++;
      }
      results.add(r);
    }
    return results;
  }

  /**
   * Whether {@link #createRunsIfActive} can check an assumed active set against {@code workflows}: true only when
   * this store sees that workflow store's data in the same transaction as its own (the same database). When true,
   * the engine chooses the runs of an event from a remembered {@link ActiveSet} and lets the store check it, instead
   * of reading the active workflows for every event. The default is false.
   */
  default boolean checksActiveSets(WorkflowStore workflows) {
    return false;
  }

  /**
   * {@link #createRuns}, provided the organization's Active workflows for the trigger type are still exactly
   * {@code assumed.workflows()} (the same workflows at the same versions) when the runs are written. If they are
   * not, nothing is created and the result is empty: the caller reads the active set again. A run whose event
   * already started it is reported as such ({@code created = false}) whatever the active set. Only called when
   * {@link #checksActiveSets} is true; the default throws {@link UnsupportedOperationException}.
   *
   * @return one result per run, in order; empty when the assumption no longer holds
   */
  default Optional<List<CreateResult>> createRunsIfActive(List<RunRecord> runs, ActiveSet assumed, int claimUpTo,
      String owner, Instant now, Instant leaseUntil) {
    throw new UnsupportedOperationException(getClass().getName() + " does not check active sets");
  }

  Optional<RunRecord> find(String organizationId, String runId);

  /**
   * Takes the lease of one run for immediate execution, unless another worker holds a lease that has not expired
   * or the run is final. The returned record has its version raised and status {@code RUNNING}.
   */
  Optional<RunRecord> claim(String runId, String owner, Instant now, Instant leaseUntil);

  /**
   * Claims up to {@code limit} runs with due work: queued or waiting runs whose next wake-up time is at or before
   * {@code now}, and running runs whose lease expired. Oldest due first.
   */
  List<RunRecord> claimDue(Instant now, int limit, String owner, Instant leaseUntil);

  /**
   * Stores the next state of a claimed run and appends step attempts, atomically. Accepted only when
   * {@code owner} holds the lease and the stored version is {@code next.version() - 1}.
   *
   * @param release give up the lease (the run is waiting or final)
   * @param leaseUntil the extended lease when not releasing
   * @return false when the write was refused (the lease was lost); nothing was written then
   */
  boolean save(RunRecord next, List<StepAttempt> attempts, String owner, boolean release, Instant leaseUntil);

  /**
   * Extends the leases that {@code owner} still holds on these runs to {@code leaseUntil} (never shortening one).
   *
   * @return the ids among {@code runIds} whose lease {@code owner} no longer holds (taken over, released, final or
   *     gone); their workers must stop
   */
  Set<String> heartbeat(String owner, Collection<String> runIds, Instant leaseUntil);

  /**
   * Checks, before a step executes, that {@code owner} still holds the run at {@code version}, and extends the lease
   * to at least {@code leaseUntil}. @return false when the lease was lost: the step must not execute
   */
  boolean extendLease(String runId, long version, String owner, Instant leaseUntil);

  /**
   * Gives back a run that {@code owner} claimed at {@code version} without finishing it (the engine is closing, or
   * could not start it): the lease is dropped and the run is due again at once for any engine, with its version
   * raised so that the old holder can no longer save. @return false when the lease was not held at that version
   */
  boolean release(String runId, long version, String owner, Instant now);

  /** Every attempt of a run, oldest first. */
  List<StepAttempt> attempts(String organizationId, String runId);

  /** Runs of a workflow, newest first, filtered and paged. */
  Page<RunRecord> list(String organizationId, String workflowId, RunQuery query);

  /**
   * Cancels every run of the workflow that is not final (waiting, queued, and running ones, whose workers then
   * fail to save and stop). @return how many were cancelled
   */
  int cancelAll(String organizationId, String workflowId, Instant now, String reason);

  /**
   * Sum of minutes saved by successful non-test attempts of the workflow finished at or after {@code since}
   * rounded down to the whole minute (stores may keep per-minute totals instead of every attempt).
   */
  long minutesSaved(String organizationId, String workflowId, Instant since);

  /**
   * {@link #minutesSaved} of several workflows at once (the workflow list, the summary cards): one query for a
   * durable store. Workflows with none are 0. The default asks one by one.
   */
  default Map<String, Long> minutesSaved(String organizationId, Collection<String> workflowIds, Instant since) {
    Map<String, Long> result = new java.util.LinkedHashMap<>();
    for (String id : workflowIds) {
      result.put(id, minutesSaved(organizationId, id, since));
    }
    return result;
  }

  /** Wake-up times of waiting runs due at or before {@code until}, earliest first, without claiming them. */
  List<Instant> dueTimers(Instant until, int limit);

  /**
   * How many runs {@link #claimDue claimDue(now, ...)} could claim now: queued or waiting runs whose next wake-up
   * time is at or before {@code now}, and running runs whose lease expired — the backlog no worker holds yet. A
   * gauge of queue depth, read on each metrics scrape: a store answers it from its due index (a durable store with
   * one {@code COUNT}), without reading the runs. The default counts {@link #dueTimers} (reading every due time);
   * stores override it.
   *
   * @since 0.2
   */
  default long countDue(Instant now) {
    return dueTimers(now, Integer.MAX_VALUE).size();
  }

  // ---- Scheduled scans and occurrences (scheduled triggers) -----------------------------------------------------
  //
  // One row per organization that needs scheduled scans, claimed exactly like a run: due when its due time has
  // come and no unexpired lease is held; claiming sets the lease and moves the due time to the lease's end (so a
  // scan whose engine died is due again when its lease expires); finishing stores the next due time. Occurrence
  // records say which scheduled occurrence already started a workflow, for as long as the store lives (not only
  // the dedupe window). The defaults throw UnsupportedOperationException: a store without them cannot host
  // scheduled triggers; the built-in stores implement them.

  /**
   * Makes the organization's scan due at {@code dueAt} at the latest: creates its row when absent, moves an
   * unleased row's due time earlier (never later); a row whose lease is held is left alone.
   *
   * @since 0.2
   */
  default void scheduleScan(String organizationId, Instant dueAt) {
    throw unsupportedScheduling();
  }

  /**
   * Claims up to {@code limit} scans due at or before {@code now} whose lease is free or expired, oldest due
   * first; each claimed row's version is raised and it is due again at {@code leaseUntil}.
   *
   * @since 0.2
   */
  default List<ScanClaim> claimDueScans(Instant now, int limit, String owner, Instant leaseUntil) {
    throw unsupportedScheduling();
  }

  /**
   * Extends a scan lease {@code owner} holds at {@code version} to {@code leaseUntil}. @return false when the lease
   * was lost (taken over after expiry): the scan must stop
   *
   * @since 0.2
   */
  default boolean extendScanLease(String organizationId, long version, String owner, Instant leaseUntil) {
    throw unsupportedScheduling();
  }

  /**
   * Ends a claimed scan: the lease is dropped and the scan is due again at {@code nextDueAt}. @return false when
   * the lease was not held at that version (nothing written)
   *
   * @since 0.2
   */
  default boolean finishScan(String organizationId, long version, String owner, Instant nextDueAt) {
    throw unsupportedScheduling();
  }

  /**
   * Due times of scans (their next scan, or their lease's end while claimed) at or before {@code until}, earliest
   * first. The default (a store without scheduling) has none.
   *
   * @since 0.2
   */
  default List<Instant> dueScanTimes(Instant until, int limit) {
    return List.of();
  }

  /**
   * Which of these occurrence keys are recorded for the workflow.
   *
   * @since 0.2
   */
  default Set<String> occurrences(String organizationId, String workflowId, Collection<String> keys) {
    throw unsupportedScheduling();
  }

  /**
   * Records that an occurrence started (or was handed to) the workflow. @return false when it was recorded already
   *
   * @since 0.2
   */
  default boolean recordOccurrence(String organizationId, String workflowId, String key, Instant at) {
    throw unsupportedScheduling();
  }

  private UnsupportedOperationException unsupportedScheduling() {
    return new UnsupportedOperationException(getClass().getName() + " does not support scheduled scans and "
        + "occurrence records; scheduled triggers need a store that does (the in-memory and JDBC stores do)");
  }
}
