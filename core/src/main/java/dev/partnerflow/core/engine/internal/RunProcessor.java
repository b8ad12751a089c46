package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.internal.Json;
import dev.partnerflow.core.internal.Texts;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.ConfigViolation;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepError;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes the due steps of a claimed run, one at a time, writing every state change through the run store before
 * moving on. A run is only ever processed by the worker holding its lease: the lease is checked (and extended)
 * before each step executes, and every write is fenced by it, so a worker that lost its lease neither executes nor
 * writes. Delays and backoffs are stored wake-up times; nothing here waits.
 *
 * <p>Whatever a step throws (an {@code Error}, a checked exception thrown sneakily, an exception whose message
 * cannot be read) becomes a recorded failed attempt, and the run retries or fails by the node's policy. Anything
 * that goes wrong outside a step fails the run with a message rather than leaving it running.
 */
public final class RunProcessor {
  private static final Logger log = LoggerFactory.getLogger(RunProcessor.class);
  /** MDC key holding the run id while a run is processed. */
  public static final String MDC_RUN_ID = "partnerflow.runId";
  /** MDC key holding the workflow id while a run is processed. */
  public static final String MDC_WORKFLOW_ID = "partnerflow.workflowId";
  /** A step starts only when the lease runs at least its timeout plus this much longer; else it is extended. */
  public static final Duration LEASE_MARGIN = Duration.ofMillis(500);

  /** Resolves a pinned workflow version to its compiled form, or null when it no longer exists. */
  @FunctionalInterface
  public interface Versions {
    CompiledWorkflow compiled(String organizationId, String workflowId, int version);
  }

  /** Where the run of an abandoned worker thread continues. */
  public interface Threads {
    /** Runs a continuation on another thread, standing in for one that is stuck in a step. */
    void continueElsewhere(Runnable continuation);

    /** A thread that had been abandoned came back from its stuck step. */
    default void abandonedThreadReturned() {}
  }

  /**
   * One claimed run being processed. Its version follows every write so that the engine can hand the run back
   * (release it) when it closes; {@link #done} runs once, when processing ends on whichever thread ends it.
   */
  public static final class Ticket {
    private final String runId;
    private volatile long version;
    private volatile Instant wakeAt;
    private final Runnable onDone;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    public Ticket(RunRecord claimed, Runnable onDone) {
      this.runId = claimed.id();
      this.version = claimed.version();
      this.onDone = onDone;
    }

    public String runId() {
      return runId;
    }

    public long version() {
      return version;
    }

    /** When the run comes due next as this worker last saved it (a delay, a retry backoff), or null. */
    public Instant wakeAt() {
      return wakeAt;
    }

    void done() {
      if (finished.compareAndSet(false, true)) {
        onDone.run();
      }
    }
  }

  private final RunStore runs;
  private final Clock clock;
  private final Watchdog watchdog;
  private final Listeners listeners;
  private final Duration defaultTimeout;
  private final RetryPolicy defaultRetry;
  private final Duration lease;
  private final String owner;
  private final Versions versions;
  private final Threads threads;
  private final java.util.function.BooleanSupplier stopping;
  private final StoreOutage outage;

  /** A run store call failed: the run is left to its lease (it resumes when the lease expires), not failed. */
  private static final class StoreFailure extends RuntimeException {
    StoreFailure(RuntimeException cause) {
      super(cause);
    }
  }

  /**
   * @param threads runs the continuation of a run whose worker thread was abandoned in a stuck step
   * @param stopping true once the engine is closing: runs are given back at their next step instead of going on
   */
  public RunProcessor(RunStore runs, Clock clock, Watchdog watchdog, Listeners listeners, Duration defaultTimeout,
      RetryPolicy defaultRetry, Duration lease, String owner, Versions versions, Threads threads,
      java.util.function.BooleanSupplier stopping, StoreOutage outage) {
    this.outage = outage;
    this.runs = runs;
    this.clock = clock;
    this.watchdog = watchdog;
    this.listeners = listeners;
    this.defaultTimeout = defaultTimeout;
    this.defaultRetry = defaultRetry;
    this.lease = lease;
    this.owner = owner;
    this.versions = versions;
    this.threads = threads;
    this.stopping = stopping;
  }

  public String owner() {
    return owner;
  }

  public Duration lease() {
    return lease;
  }

  /** Claims a run and processes it; null when another worker holds it or it is final. */
  public RunRecord claimAndProcess(String runId) {
    Instant now = clock.instant();
    Optional<RunRecord> claimed = runs.claim(runId, owner, now, now.plus(lease));
    return claimed.map(this::process).orElse(null);
  }

  /** Processes a claimed run in the calling thread, with no one else to tell when it ends. */
  public RunRecord process(RunRecord claimed) {
    return process(claimed, new Ticket(claimed, () -> { }));
  }

  /**
   * Processes a run this worker has claimed until it waits, finishes, or the lease is lost.
   *
   * @return the last state written, or null when the lease was lost or the run continues on another thread
   */
  public RunRecord process(RunRecord claimed, Ticket ticket) {
    Loop loop = new Loop(claimed, ticket);
    withMdc(claimed, () -> loop.start());
    return loop.result;
  }

  private static void withMdc(RunRecord run, Runnable body) {
    MDC.put(MDC_RUN_ID, run.id());
    MDC.put(MDC_WORKFLOW_ID, run.workflowId());
    try {
      body.run();
    } finally {
      MDC.remove(MDC_RUN_ID);
      MDC.remove(MDC_WORKFLOW_ID);
    }
  }

  /** The state of one run while a thread processes it. */
  private final class Loop {
    private final Ticket ticket;
    private CompiledWorkflow compiled;
    private RunRecord state;
    private List<PendingStep> pending;
    private Map<String, Map<String, Object>> outputs;
    private String error;
    private Instant leaseUntil;
    private RunRecord result;
    private boolean handedOff;

    Loop(RunRecord claimed, Ticket ticket) {
      this.ticket = ticket;
      this.state = claimed;
      this.pending = new ArrayList<>(claimed.pending());
      this.outputs = claimed.outputs();
      this.leaseUntil = claimed.updatedAt().plus(lease);
    }

    /** A copy to continue from on another thread. */
    private Loop(Loop from) {
      this.ticket = from.ticket;
      this.compiled = from.compiled;
      this.state = from.state;
      this.pending = new ArrayList<>(from.pending);
      this.outputs = from.outputs;
      this.error = from.error;
      this.leaseUntil = from.leaseUntil;
    }

    void start() {
      try {
        compiled = versions.compiled(state.organizationId(), state.workflowId(), state.workflowVersion());
        if (compiled == null) {
          result = failWithoutStep("workflow version " + state.workflowVersion() + " no longer exists");
        } else if (compiled.failure().isPresent()) {
          result = failWithoutStep(compiled.failure().get());
        } else {
          result = loop();
        }
      } catch (StoreFailure e) {
        result = null;
      } catch (Throwable t) {
        result = failUnexpectedly(t);
      } finally {
        if (!handedOff) {
          ticket.done();
        }
      }
    }

    /** Continues after the step at {@code index} was abandoned by its thread. */
    void resumeAfterAbandon(PendingStep step, int index, Outcome timedOut) {
      try {
        RunRecord written = apply(step, index, timedOut);
        result = written == null || written.status() == RunStatus.WAITING ? written
            : written.status().isFinal() ? finished(written) : loop();
      } catch (StoreFailure e) {
        result = null;
      } catch (Throwable t) {
        result = failUnexpectedly(t);
      } finally {
        ticket.done();
      }
    }

    private RunRecord loop() {
      while (true) {
        Instant now = clock.instant();
        int index = nextEligible(now);
        if (index < 0) {
          break;
        }
        if (stopping.getAsBoolean()) {
          if (store("releasing a run", () -> runs.release(state.id(), state.version(), owner, now))) {
            log.debug("Run {} given back before step {}: the engine is closing", state.id(),
                pending.get(index).nodeId());
          }
          return null;
        }
        PendingStep step = pending.remove(index);
        Outcome outcome = execute(this, step, index, now);
        if (outcome == Outcome.HANDED_OFF) {
          handedOff = true;
          return null;
        }
        if (outcome == Outcome.LEASE_LOST) {
          return null;
        }
        RunRecord written = apply(step, index, outcome);
        if (written == null || written.status() == RunStatus.WAITING) {
          return written;
        }
        if (written.status().isFinal()) {
          return finished(written);
        }
      }
      if (pending.isEmpty()) {
        // nothing to execute at all (a workflow with only its trigger): done at once
        RunRecord done = state.next(RunStatus.SUCCEEDED, List.of(), outputs, clock.instant(), null);
        return write(done, List.of(), true) ? finished(done) : null;
      }
      RunRecord waiting = state.next(RunStatus.WAITING, pending, outputs, clock.instant(), null);
      if (!write(waiting, List.of(), true)) {
        return null;
      }
      listeners.runWaiting(waiting);
      return waiting;
    }

    /**
     * The first pending step that may execute now: due, and for a join, no other pending path can still reach it.
     */
    private int nextEligible(Instant now) {
      for (int i = 0; i < pending.size(); i++) {
        PendingStep p = pending.get(i);
        if (p.awaitingJoin() ? !blocked(p) : !p.dueAt().isAfter(now)) {
          return i;
        }
      }
      return -1;
    }

    private boolean blocked(PendingStep join) {
      for (PendingStep other : pending) {
        if (other != join && compiled.canReach(other.nodeId(), join.nodeId())) {
          return true;
        }
      }
      return false;
    }

    private void arrive(String target, Instant now) {
      if (!compiled.isJoin(target)) {
        pending.add(PendingStep.now(target, now));
        return;
      }
      for (PendingStep p : pending) {
        if (p.nodeId().equals(target)) {
          return;
        }
      }
      pending.add(PendingStep.join(target, now));
    }

    /**
     * Records what a step did and writes the run's next state: {@code WAITING}, the run let go, when no pending step
     * may execute now (a delay parked it, a retry waits for its backoff), so the step's record and the wait are one
     * write. @return the state written, or null when the lease was lost
     */
    private RunRecord apply(PendingStep step, int index, Outcome outcome) {
      Instant now = clock.instant();
      if (outcome.output != null) {
        outputs = Json.with(outputs, step.nodeId(), outcome.output);
      }
      int at = Math.min(index, pending.size());
      if (outcome.retry != null) {
        pending.add(at, outcome.retry);
      }
      if (outcome.parked != null) {
        pending.add(at, outcome.parked);
      }
      for (String target : outcome.successors) {
        arrive(target, now);
      }
      if (outcome.runError != null) {
        error = cap(outcome.runError);
        pending.clear();
      }
      RunStatus status = error != null ? RunStatus.FAILED : pending.isEmpty() ? RunStatus.SUCCEEDED
          : nextEligible(now) < 0 ? RunStatus.WAITING : RunStatus.RUNNING;
      RunRecord next = state.next(status, pending, outputs, now, error);
      List<StepAttempt> attempts = outcome.attempt == null ? List.of() : List.of(outcome.attempt);
      if (!write(next, attempts, status != RunStatus.RUNNING)) {
        return null;
      }
      StepAttempt attempt = outcome.attempt;
      if (attempt != null) {
        listeners.stepFinished(next, attempt);
      }
      if (status == RunStatus.WAITING) {
        listeners.runWaiting(next);
      }
      return next;
    }

    private boolean write(RunRecord next, List<StepAttempt> attempts, boolean release) {
      Instant until = clock.instant().plus(lease);
      boolean ok;
      try {
        ok = store("saving a run", () -> runs.save(next, attempts, owner, release, until));
      } catch (StoreFailure e) {
        reportIfTakenOver();
        throw e;
      }
      if (!ok) {
        log.info("Run {} was changed by someone else (cancelled, or its lease expired and another worker took it);"
            + " this worker stops processing it", next.id());
        listeners.leaseLost(state);
        return false;
      }
      state = next;
      leaseUntil = until;
      ticket.version = next.version();
      ticket.wakeAt = next.nextWakeAt();
      return true;
    }

    /**
     * After a failed save (the run is left to its lease): if the store answers again and the run has moved on
     * without this worker (a paused process whose session the database ended, then another engine took the run
     * over), the lease loss is reported as for a fenced write.
     */
    private void reportIfTakenOver() {
      try {
        runs.find(state.organizationId(), state.id())
            .filter(now -> now.version() != state.version())
            .ifPresent(now -> {
              log.info("Run {} was changed by someone else while this worker could not save it; this worker stops"
                  + " processing it", state.id());
              listeners.leaseLost(state);
            });
      } catch (RuntimeException stillFailing) {
        // the store is still unreachable: the outage is already reported
      }
    }

    /** Before a step executes: the lease must still be this worker's and outlast the step. */
    private boolean holdLease(Instant now, Duration timeout) {
      if (leaseUntil.isAfter(now.plus(timeout).plus(LEASE_MARGIN))) {
        return true;
      }
      Instant until = now.plus(lease);
      if (store("extending a lease", () -> runs.extendLease(state.id(), state.version(), owner, until))) {
        leaseUntil = until;
        return true;
      }
      log.info("Run {} is no longer leased to {} (its lease expired and another worker took it, or it was "
          + "cancelled); step not executed", state.id(), owner);
      listeners.leaseLost(state);
      return false;
    }

    private RunRecord failWithoutStep(String why) {
      String message = cap(why);
      RunRecord failed = state.next(RunStatus.FAILED, List.of(), outputs, clock.instant(), message);
      return write(failed, List.of(), true) ? finished(failed) : null;
    }

    private RunRecord failUnexpectedly(Throwable t) {
      log.error("Run {} of workflow {} hit an unexpected error outside its steps; failing it", state.id(),
          state.workflowId(), t);
      try {
        return failWithoutStep("the engine could not process the run: " + Failures.type(t) + ": "
            + Failures.message(t));
      } catch (Throwable again) {
        log.error("Run {} could not be marked failed either; it is resumed when its lease expires", state.id(),
            again);
        return null;
      }
    }
  }

  /**
   * A run store call: when it throws (the database is unreachable), the outage is logged once for the engine and
   * the run is left to its lease rather than failed; its last step runs again, with the same idempotency key, on
   * whichever engine claims it after the lease.
   */
  private <T> T store(String what, java.util.function.Supplier<T> call) {
    try {
      T result = call.get();
      outage.ok();
      return result;
    } catch (RuntimeException e) {
      outage.failed(what, e);
      throw new StoreFailure(e);
    }
  }

  /** Error texts are kept and logged up to {@link Texts#MAX_MESSAGE_CHARS}, cut after redaction. */
  private static String cap(String text) {
    return text == null ? null : Texts.capMessage(text);
  }

  private RunRecord finished(RunRecord run) {
    if (run.status() == RunStatus.FAILED) {
      log.warn("Run {} of workflow {} failed: {}", run.id(), run.workflowId(), run.error());
    } else {
      log.debug("Run {} of workflow {} finished: {}", run.id(), run.workflowId(), run.status());
    }
    listeners.runFinished(run);
    return run;
  }

  /** What executing one pending step did. */
  private static final class Outcome {
    /** The step's thread was abandoned; the run continues on another thread. */
    static final Outcome HANDED_OFF = new Outcome();
    /** The lease was lost before the step executed. */
    static final Outcome LEASE_LOST = new Outcome();

    StepAttempt attempt;
    Map<String, Object> output;
    List<String> successors = List.of();
    PendingStep retry;
    PendingStep parked;
    String runError;
  }

  private Outcome execute(Loop loop, PendingStep step, int index, Instant now) {
    CompiledWorkflow.Step node = loop.compiled.step(step.nodeId());
    if (node instanceof CompiledWorkflow.Action action) {
      return executeAction(loop, step, index, action, now);
    }
    if (node instanceof CompiledWorkflow.Delay delay) {
      return executeDelay(loop, step, delay, now);
    }
    return executeBranch(loop, (CompiledWorkflow.Branch) node, now);
  }

  private Outcome executeBranch(Loop loop, CompiledWorkflow.Branch branch, Instant now) {
    RunRecord run = loop.state;
    String id = branch.node().id();
    Condition condition = branch.config().condition();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("condition", branch.node().config().get("condition"));
    Outcome o = new Outcome();
    try {
      Map<String, Object> values = new LinkedHashMap<>();
      comparedValues(condition, run.event().data(), values);
      input.put("values", values);
      boolean result = condition.test(run.event().data());
      o.output = Map.of("result", result);
      o.attempt = attempt(run, id, branch.node().type(), 1, StepStatus.SUCCEEDED, input, o.output, now, now,
          Duration.ZERO, null, false, 0);
      o.successors = loop.compiled.next(id, result ? Edge.TRUE : Edge.FALSE);
    } catch (Throwable t) {
      String message = cap("the branch condition could not be evaluated: " + Failures.type(t) + ": "
          + Failures.message(t));
      o.attempt = attempt(run, id, branch.node().type(), 1, StepStatus.FAILED, input, Map.of(), now, now,
          Duration.ZERO, new StepError(Failures.type(t), message, false), false, 0);
      o.runError = "step '" + id + "' failed: " + message;
    }
    return o;
  }

  /** The event values a condition compares, by field path (null when absent). */
  private static void comparedValues(Condition condition, Object data, Map<String, Object> into) {
    if (condition instanceof Condition.Compare c) {
      into.put(c.field(), Event.resolve(data, c.field()));
    } else if (condition instanceof Condition.All all) {
      all.conditions().forEach(c -> comparedValues(c, data, into));
    } else if (condition instanceof Condition.Any any) {
      any.conditions().forEach(c -> comparedValues(c, data, into));
    } else if (condition instanceof Condition.Not not) {
      comparedValues(not.condition(), data, into);
    }
  }

  private Outcome executeDelay(Loop loop, PendingStep step, CompiledWorkflow.Delay delay, Instant now) {
    RunRecord run = loop.state;
    Outcome o = new Outcome();
    String id = delay.node().id();
    Map<String, Object> input = delay.node().config();
    if (step.parked()) {
      o.output = Map.of("waitedUntil", step.dueAt().toString());
      o.attempt = attempt(run, id, delay.node().type(), 1, StepStatus.SUCCEEDED, input, o.output, now, now,
          Duration.ZERO, null, false, 0);
      o.successors = loop.compiled.next(id, Edge.OUT);
      return o;
    }
    Instant wake;
    try {
      wake = delay.config().wakeUpAt(now, run.event());
    } catch (Throwable t) {
      String message = cap(Failures.message(t));
      o.attempt = attempt(run, id, delay.node().type(), 1, StepStatus.FAILED, input, Map.of(), now, now,
          Duration.ZERO, new StepError(Failures.type(t), message, false), false, 0);
      o.runError = "step '" + id + "' failed: " + message;
      return o;
    }
    if (run.testRun() || !wake.isAfter(now)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("skipped", run.testRun() && wake.isAfter(now));
      out.put("wouldWait", Duration.between(now, wake).toString());
      out.put("wouldWaitUntil", wake.toString());
      o.output = out;
      o.attempt = attempt(run, id, delay.node().type(), 1, StepStatus.SUCCEEDED, input, out, now, now,
          Duration.ZERO, null, run.testRun(), 0);
      o.successors = loop.compiled.next(id, Edge.OUT);
      return o;
    }
    o.parked = delay.parked(wake);
    return o;
  }

  /** What an action attempt has got to so far; read by the watchdog's hand-off if the thread gets stuck. */
  private static final class Draft {
    final Instant startedAt;
    final long t0 = System.nanoTime();
    volatile Map<String, Object> input;

    Draft(Instant startedAt, Map<String, Object> input) {
      this.startedAt = startedAt;
      this.input = input;
    }
  }

  private Outcome executeAction(Loop loop, PendingStep step, int index, CompiledWorkflow.Action action,
      Instant now) {
    RunRecord run = loop.state;
    CompiledWorkflow compiled = loop.compiled;
    String nodeId = action.node().id();
    NodeSettings settings = action.settings();
    Duration timeout = settings.timeout().orElse(defaultTimeout);
    if (!loop.holdLease(now, timeout)) {
      return Outcome.LEASE_LOST;
    }
    boolean dry = run.testRun() && !settings.actInTestRuns();
    Map<String, Object> rendered = action.node().config();
    Redactor redactor = Redactor.of(action.type().secretFields(), rendered);
    Draft draft = new Draft(now, redactor.input(rendered));
    Map<String, Map<String, Object>> outputs = loop.outputs;
    StepResult result = null;
    Throwable failure = null;
    Watchdog.Exit exit;
    // the loop's state does not change while the step runs, so a hand-off copies it only if it happens
    watchdog.enter(timeout, () -> handOff(new Loop(loop), step, index, action, draft, timeout));
    try {
      Object config = action.boundConfig();
      if (action.template() != null) {
        rendered = action.template().render(TemplateContext.of(compiled.workflow(), run, outputs));
        redactor = Redactor.of(action.type().secretFields(), rendered);
        draft.input = redactor.input(rendered);
        ConfigBinding<Object> binding = action.renderedConfigs().bind(rendered);
        if (!binding.valid()) {
          throw StepFailedException.permanent("config after templating breaks the rules of "
              + action.type().name() + ": " + binding.violations().stream().map(ConfigViolation::describe)
              .collect(Collectors.joining("; ")));
        }
        config = binding.config().orElseThrow();
      }
      EngineStepContext ctx = new EngineStepContext(run.organizationId(), run.workflowId(),
          compiled.workflow().name(), run.workflowVersion(), run.id(), nodeId, step.attempt(), run.event(),
          run.testRun(), outputs, clock);
      result = dry ? action.type().dryRun(config, ctx) : action.type().execute(config, ctx);
      if (result == null) {
        result = StepResult.EMPTY;
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      exit = watchdog.exit();
    }
    if (exit == Watchdog.Exit.ABANDONED) {
      threads.abandonedThreadReturned();
      log.warn("Step {} of run {} returned after its thread was abandoned; its result is discarded", nodeId,
          run.id());
      return Outcome.HANDED_OFF;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - draft.t0);
    Instant finishedAt = clock.instant();
    if (exit == Watchdog.Exit.TIMED_OUT) {
      return timedOut(run, compiled, step, action, draft.input, now, finishedAt, took, timeout, false);
    }
    if (failure == null) {
      int minutes = run.testRun() ? 0 : settings.minutesSaved().orElse(action.type().minutesSaved());
      Outcome o = new Outcome();
      o.output = redactor.output(result.output());
      o.attempt = attempt(run, nodeId, action.node().type(), step.attempt(), StepStatus.SUCCEEDED, draft.input,
          o.output, now, finishedAt, took, null, dry, minutes);
      o.successors = compiled.next(nodeId, Edge.OUT);
      return o;
    }
    boolean retryable = true;
    Duration wait = Duration.ZERO;
    if (failure instanceof StepFailedException sfe) {
      retryable = sfe.isRetryable();
      wait = sfe.retryAfter().orElse(Duration.ZERO);
    }
    String message = cap(redactor.text(Failures.message(failure)));
    return failed(run, compiled, step, action, draft.input, now, finishedAt, took,
        new StepError(Failures.type(failure), message, retryable), wait, dry);
  }

  /** Called by the watchdog when the step's thread ignores its interruption: continue the run elsewhere. */
  private void handOff(Loop snapshot, PendingStep step, int index, CompiledWorkflow.Action action, Draft draft,
      Duration timeout) {
    threads.continueElsewhere(() -> withMdc(snapshot.state, () -> {
      Instant finishedAt = clock.instant();
      Duration took = Duration.ofNanos(System.nanoTime() - draft.t0);
      Outcome o = timedOut(snapshot.state, snapshot.compiled, step, action, draft.input, draft.startedAt,
          finishedAt, took, timeout, true);
      snapshot.resumeAfterAbandon(step, index, o);
    }));
  }

  private Outcome timedOut(RunRecord run, CompiledWorkflow compiled, PendingStep step,
      CompiledWorkflow.Action action, Map<String, Object> input, Instant startedAt, Instant finishedAt,
      Duration took, Duration timeout, boolean abandoned) {
    String message = "step timed out after " + timeout
        + (abandoned ? " and ignored its interruption; its thread was abandoned and replaced" : "");
    boolean dry = run.testRun() && !action.settings().actInTestRuns();
    return failed(run, compiled, step, action, input, startedAt, finishedAt, took,
        new StepError("StepTimeoutException", message, true), Duration.ZERO, dry);
  }

  private Outcome failed(RunRecord run, CompiledWorkflow compiled, PendingStep step, CompiledWorkflow.Action action,
      Map<String, Object> input, Instant startedAt, Instant finishedAt, Duration took, StepError error,
      Duration wait, boolean dry) {
    String nodeId = action.node().id();
    NodeSettings settings = action.settings();
    RetryPolicy retry = settings.retry().orElse(defaultRetry);
    boolean again = error.retryable() && step.attempt() < retry.maxAttempts();
    Outcome o = new Outcome();
    o.attempt = attempt(run, nodeId, action.node().type(), step.attempt(),
        again ? StepStatus.RETRYING : StepStatus.FAILED, input, Map.of(), startedAt, finishedAt, took, error, dry, 0);
    if (again) {
      Duration backoff = retry.backoffAfter(step.attempt());
      Duration delay = wait.compareTo(backoff) > 0 ? wait : backoff;
      Instant due = run.testRun() ? finishedAt : finishedAt.plus(delay);
      o.retry = new PendingStep(nodeId, step.attempt() + 1, due, false);
      log.debug("Step {} of run {} failed (attempt {} of {}), retrying at {}: {}", nodeId, run.id(), step.attempt(),
          retry.maxAttempts(), due, error.message());
    } else if (settings.continueOnFailure()) {
      log.warn("Step {} of run {} failed for good after {} attempt(s); continuing as the node allows: {}", nodeId,
          run.id(), step.attempt(), error.message());
      o.successors = compiled.next(nodeId, Edge.OUT);
    } else {
      // a step's own refusal speaks for itself; anything else it threw is named by its type
      String kind = error.type().equals(StepFailedException.class.getSimpleName()) ? "" : error.type() + ": ";
      o.runError = "step '" + nodeId + "' failed after " + step.attempt() + " attempt(s): " + kind + error.message();
    }
    return o;
  }

  private static StepAttempt attempt(RunRecord run, String nodeId, String type, int attempt, StepStatus status,
      Map<String, Object> input, Map<String, Object> output, Instant startedAt, Instant finishedAt, Duration took,
      StepError error, boolean dry, int minutes) {
    return new StepAttempt(run.id(), nodeId, type, attempt, status, input, output, startedAt, finishedAt, took,
        Optional.ofNullable(error), dry, minutes);
  }
}
