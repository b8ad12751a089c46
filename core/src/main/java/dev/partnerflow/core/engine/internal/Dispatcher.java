package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.internal.Ids;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.store.ActiveSet;
import dev.partnerflow.core.store.CreateResult;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.WorkflowRef;
import dev.partnerflow.core.store.WorkflowStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into runs: finds the organization's Active workflows for the event's trigger type through the
 * store's index, matches each trigger, and creates one run per matching workflow (deduplicated by event id). When
 * the run store can check it, the active set read for an organization and trigger type is remembered and the store
 * creates the runs only while it still holds (one round trip per event instead of two); when it does not hold, or
 * no remembered workflow matches the event, the set is read again. A run that finds a free worker slot is created
 * already claimed and starts at once; otherwise it is created queued and the poller claims it when capacity frees.
 * A run whose first steps are all delays that wait is created waiting, its delays parked (one write, no worker).
 * One workflow that cannot be matched or compiled never stops the runs of the others.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_REMEMBERED_SETS = 10_000;
  /** Above this many workflows on one trigger the store's check would outweigh the read it saves. */
  private static final int MAX_REMEMBERED_WORKFLOWS = 16;

  private final WorkflowStore workflows;
  private final RunStore runs;
  private final CompiledWorkflows compiled;
  private final Workers workers;
  private final RunProcessor processor;
  private final Listeners listeners;
  private final Clock clock;
  /**
   * The active set last read per organization and trigger type, when the run store checks it as it creates runs
   * ({@link RunStore#checksActiveSets}); null otherwise.
   */
  private final Map<ActiveKey, List<WorkflowRef>> activeSets;

  private record ActiveKey(String organizationId, String triggerType) {}

  public Dispatcher(WorkflowStore workflows, RunStore runs, CompiledWorkflows compiled, Workers workers,
      RunProcessor processor, Listeners listeners, Clock clock) {
    this.workflows = workflows;
    this.runs = runs;
    this.compiled = compiled;
    this.workers = workers;
    this.processor = processor;
    this.listeners = listeners;
    this.clock = clock;
    this.activeSets = runs.checksActiveSets(workflows) ? new ConcurrentHashMap<>() : null;
  }

  /** Starts the runs of an event; see {@code WorkflowEngine.publish}. */
  public List<Run> publish(Event event) {
    if (activeSets != null) {
      List<Run> started = publishFromRemembered(event);
      if (started != null) {
        return started;
      }
    }
    List<WorkflowRef> candidates = workflows.activeFor(event.organizationId(), event.type());
    if (activeSets != null) {
      remember(event, candidates);
    }
    List<RunRecord> starts = matching(event, candidates);
    if (starts.isEmpty()) {
      return List.of();
    }
    return create(starts, null);
  }

  /**
   * Starts the runs of an event from the active set remembered for its organization and type, checked by the store
   * as it creates them. @return null when nothing is remembered, or when it cannot be checked (no run matches, so
   *     nothing would be written to check it with) or no longer holds: the caller reads the active set
   */
  private List<Run> publishFromRemembered(Event event) {
    ActiveKey key = new ActiveKey(event.organizationId(), event.type());
    List<WorkflowRef> remembered = activeSets.get(key);
    if (remembered == null) {
      return null;
    }
    List<RunRecord> starts = matching(event, remembered);
    if (starts.isEmpty()) {
      return null;
    }
    List<Run> started = create(starts, new ActiveSet(key.organizationId(), key.triggerType(), remembered));
    if (started == null) {
      activeSets.remove(key, remembered);
    }
    return started;
  }

  private void remember(Event event, List<WorkflowRef> candidates) {
    ActiveKey key = new ActiveKey(event.organizationId(), event.type());
    if (candidates.isEmpty() || candidates.size() > MAX_REMEMBERED_WORKFLOWS) {
      activeSets.remove(key);
      return;
    }
    if (activeSets.size() >= MAX_REMEMBERED_SETS) {
      // forgetting costs one read per organization and type; a bound keeps a host with many tenants small
      activeSets.clear();
    }
    activeSets.put(key, candidates);
  }

  /** The new runs of the candidates whose trigger matches the event. */
  private List<RunRecord> matching(Event event, List<WorkflowRef> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<RunRecord> starts = new ArrayList<>(candidates.size());
    for (WorkflowRef ref : candidates) {
      try {
        CompiledWorkflow cw = compiled.version(event.organizationId(), ref.workflowId(), ref.version());
        if (cw != null && cw.matches(event)) {
          starts.add(newRun(cw, event, false, now));
        }
      } catch (Throwable t) {
        log.error("Workflow {} of organization {} could not be matched against event {} ({}); it starts no run, "
            + "the other workflows are not affected", ref.workflowId(), event.organizationId(), event.id(),
            event.type(), t);
      }
    }
    return starts;
  }

  /**
   * Creates the runs and starts those that get a worker slot. @param assumed the active set the runs were chosen
   *     from, for the store to check; null when it was just read @return null when {@code assumed} no longer holds
   *     (nothing was created)
   */
  private List<Run> create(List<RunRecord> starts, ActiveSet assumed) {
    Instant now = starts.get(0).createdAt();
    int runnable = 0;
    for (RunRecord start : starts) {
      if (start.status() == RunStatus.QUEUED) {
        runnable++;
      }
    }
    int reserved = 0;
    while (reserved < runnable && workers.tryReserve()) {
      reserved++;
    }
    List<CreateResult> created;
    try {
      created = assumed == null
          ? runs.createRuns(starts, reserved, processor.owner(), now, now.plus(processor.lease()))
          : runs.createRunsIfActive(starts, assumed, reserved, processor.owner(), now, now.plus(processor.lease()))
              .orElse(null);
    } catch (RuntimeException | Error e) {
      workers.unreserve(reserved);
      throw e;
    }
    if (created == null) {
      workers.unreserve(reserved);
      return null;
    }
    List<Run> result = new ArrayList<>(created.size());
    List<Integer> queued = new ArrayList<>();
    int used = 0;
    for (CreateResult c : created) {
      if (!c.created()) {
        if (c.run() != null) {
          result.add(c.run().toRun());
        }
        continue;
      }
      listeners.runStarted(c.run());
      if (c.run().status() == RunStatus.RUNNING && used < reserved) {
        used++;
        result.add(workers.submit(c.run()).toRun());
      } else if (c.run().status() == RunStatus.WAITING) {
        parked(c.run());
        result.add(c.run().toRun());
      } else {
        queued.add(result.size());
        result.add(c.run().toRun());
      }
    }
    workers.unreserve(reserved - used);
    // slots may have freed meanwhile (at once with an executor that runs tasks in the caller): start what waits
    for (int i : queued) {
      if (!workers.tryReserve()) {
        workers.backlog();
        break;
      }
      Instant at = clock.instant();
      Run waiting = result.get(i);
      RunRecord claimed = runs.claim(waiting.id(), processor.owner(), at, at.plus(processor.lease())).orElse(null);
      if (claimed == null) {
        workers.unreserve(1);
        continue;
      }
      result.set(i, workers.submit(claimed).toRun());
    }
    return result;
  }

  /** A new run: waiting when its first steps are delays that wait (test runs skip delays), else queued. */
  private static RunRecord newRun(CompiledWorkflow cw, Event event, boolean testRun, Instant now) {
    Workflow w = cw.workflow();
    List<PendingStep> start = cw.start(now);
    List<PendingStep> parked = testRun ? null : cw.parkedStart(start, event, now).orElse(null);
    return new RunRecord(Ids.timeOrdered(now), w.organizationId(), w.id(), w.version(), event, testRun,
        parked != null ? RunStatus.WAITING : RunStatus.QUEUED, parked != null ? parked : start, Map.of(), now, now,
        null, null, 1);
  }

  /** A run created waiting: told to the listeners as a run that parks is, and to the poller if it wakes first. */
  private void parked(RunRecord run) {
    listeners.runWaiting(run);
    workers.parked(run.nextWakeAt());
  }

  /**
   * Creates the run of a compiled workflow for an event and, unless it is a test run (the caller executes those),
   * executes it when a worker slot is free. @return its state after the part that ran in the calling thread; null
   *     when the event already started a run the store no longer keeps
   */
  public RunRecord start(CompiledWorkflow cw, Event event, boolean testRun) {
    return startRun(cw, event, testRun).run();
  }

  /**
   * {@link #start} for a non-test run, telling whether the run was created now (false: the event id had already
   * started a run of the workflow).
   */
  public CreateResult startIfAbsent(CompiledWorkflow cw, Event event) {
    return startRun(cw, event, false);
  }

  private CreateResult startRun(CompiledWorkflow cw, Event event, boolean testRun) {
    Instant now = clock.instant();
    RunRecord record = newRun(cw, event, testRun, now);
    if (record.status() == RunStatus.WAITING) {
      CreateResult created = runs.createIfAbsent(record);
      if (created.created()) {
        listeners.runStarted(created.run());
        parked(created.run());
      }
      return created;
    }
    if (testRun) {
      CreateResult created = runs.createClaimed(record, processor.owner(), now, now.plus(processor.lease()));
      listeners.runStarted(created.run());
      return created;
    }
    if (!workers.tryReserve()) {
      CreateResult created = runs.createIfAbsent(record);
      if (created.created()) {
        listeners.runStarted(created.run());
        workers.backlog();
        log.debug("Run {} queued in the store: every worker slot is busy", record.id());
      }
      return created;
    }
    CreateResult created;
    try {
      created = runs.createClaimed(record, processor.owner(), now, now.plus(processor.lease()));
    } catch (RuntimeException | Error e) {
      workers.unreserve(1);
      throw e;
    }
    if (!created.created()) {
      workers.unreserve(1);
      return created;
    }
    listeners.runStarted(created.run());
    return new CreateResult(workers.submit(created.run()), true);
  }
}
