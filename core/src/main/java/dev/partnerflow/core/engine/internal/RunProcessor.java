package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepError;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.internal.Json;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.ConfigViolation;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
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
 * moving on. A run is only ever processed by the worker holding its lease, so two steps of one run never execute
 * at once. Delays and backoffs are stored wake-up times; nothing here waits.
 */
public final class RunProcessor {
  private static final Logger log = LoggerFactory.getLogger(RunProcessor.class);
  /** MDC key holding the run id while a run is processed. */
  public static final String MDC_RUN_ID = "partnerflow.runId";
  /** MDC key holding the workflow id while a run is processed. */
  public static final String MDC_WORKFLOW_ID = "partnerflow.workflowId";

  /** Resolves a pinned workflow version to its compiled form, or null when it no longer exists. */
  @FunctionalInterface
  public interface Versions {
    CompiledWorkflow compiled(String organizationId, String workflowId, int version);
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

  public RunProcessor(RunStore runs, Clock clock, Watchdog watchdog,
      List<RunListener> listeners, Duration defaultTimeout, RetryPolicy defaultRetry, Duration lease, String owner,
      Versions versions) {
    this.runs = runs;
    this.clock = clock;
    this.watchdog = watchdog;
    this.listeners = new Listeners(listeners);
    this.defaultTimeout = defaultTimeout;
    this.defaultRetry = defaultRetry;
    this.lease = lease;
    this.owner = owner;
    this.versions = versions;
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

  /**
   * Processes a run this worker has claimed until it waits, finishes, or the lease is lost.
   *
   * @return the last state written, or null when the lease was lost
   */
  public RunRecord process(RunRecord claimed) {
    MDC.put(MDC_RUN_ID, claimed.id());
    MDC.put(MDC_WORKFLOW_ID, claimed.workflowId());
    try {
      return processLocked(claimed);
    } finally {
      MDC.remove(MDC_RUN_ID);
      MDC.remove(MDC_WORKFLOW_ID);
    }
  }

  private RunRecord processLocked(RunRecord claimed) {
    CompiledWorkflow compiled =
        versions.compiled(claimed.organizationId(), claimed.workflowId(), claimed.workflowVersion());
    if (compiled == null) {
      RunRecord failed = claimed.next(RunStatus.FAILED, List.of(), claimed.outputs(), clock.instant(),
          "workflow version " + claimed.workflowVersion() + " no longer exists");
      return write(failed, List.of(), true) ? finished(failed) : null;
    }
    RunRecord state = claimed;
    List<PendingStep> pending = new ArrayList<>(state.pending());
    Map<String, Map<String, Object>> outputs = state.outputs();
    String error = null;
    while (true) {
      Instant now = clock.instant();
      int index = firstDue(pending, now);
      if (index < 0) {
        break;
      }
      PendingStep step = pending.remove(index);
      Outcome outcome = execute(compiled, state, step, outputs, now);
      if (outcome.output != null) {
        outputs = Json.with(outputs, step.nodeId(), outcome.output);
      }
      if (outcome.retry != null) {
        pending.add(index, outcome.retry);
      }
      if (outcome.parked != null) {
        pending.add(index, outcome.parked);
      }
      for (String target : outcome.successors) {
        pending.add(PendingStep.now(target, now));
      }
      if (outcome.runError != null) {
        error = outcome.runError;
        pending.clear();
      }
      boolean done = pending.isEmpty();
      RunStatus status = error != null ? RunStatus.FAILED : done ? RunStatus.SUCCEEDED : RunStatus.RUNNING;
      RunRecord next = state.next(status, pending, outputs, clock.instant(), error);
      List<StepAttempt> attempts = outcome.attempt == null ? List.of() : List.of(outcome.attempt);
      if (!write(next, attempts, status.isFinal())) {
        return null;
      }
      state = next;
      StepAttempt attempt = outcome.attempt;
      if (attempt != null) {
        listeners.notify("stepFinished", state, (l, run) -> l.stepFinished(run, attempt));
      }
      if (status.isFinal()) {
        return finished(state);
      }
    }
    RunRecord waiting = state.next(RunStatus.WAITING, pending, outputs, clock.instant(), null);
    if (!write(waiting, List.of(), true)) {
      return null;
    }
    listeners.notify("runWaiting", waiting, RunListener::runWaiting);
    return waiting;
  }

  private boolean write(RunRecord next, List<StepAttempt> attempts, boolean release) {
    boolean ok = runs.save(next, attempts, owner, release, clock.instant().plus(lease));
    if (!ok) {
      log.info("Run {} was changed by someone else (cancelled, or its lease expired and another worker took it);"
          + " this worker stops processing it", next.id());
    }
    return ok;
  }

  private RunRecord finished(RunRecord run) {
    if (run.status() == RunStatus.FAILED) {
      log.warn("Run {} of workflow {} failed: {}", run.id(), run.workflowId(), run.error());
    } else {
      log.debug("Run {} of workflow {} finished: {}", run.id(), run.workflowId(), run.status());
    }
    listeners.notify("runFinished", run, RunListener::runFinished);
    return run;
  }

  private static int firstDue(List<PendingStep> pending, Instant now) {
    for (int i = 0; i < pending.size(); i++) {
      if (!pending.get(i).dueAt().isAfter(now)) {
        return i;
      }
    }
    return -1;
  }

  /** What executing one pending step did. */
  private static final class Outcome {
    StepAttempt attempt;
    Map<String, Object> output;
    List<String> successors = List.of();
    PendingStep retry;
    PendingStep parked;
    String runError;
  }

  private Outcome execute(CompiledWorkflow compiled, RunRecord run, PendingStep step,
      Map<String, Map<String, Object>> outputs, Instant now) {
    CompiledWorkflow.Step node = compiled.step(step.nodeId());
    if (node instanceof CompiledWorkflow.Action action) {
      return executeAction(compiled, run, step, action, outputs, now);
    }
    if (node instanceof CompiledWorkflow.Delay delay) {
      return executeDelay(compiled, run, step, delay, now);
    }
    CompiledWorkflow.Branch branch = (CompiledWorkflow.Branch) node;
    boolean result = branch.config().condition().test(run.event().data());
    Outcome o = new Outcome();
    o.output = Map.of("result", result);
    o.attempt = attempt(run, branch.node().id(), branch.node().type(), 1, StepStatus.SUCCEEDED, Map.of(),
        o.output, now, now, Duration.ZERO, null, false, 0);
    o.successors = compiled.next(branch.node().id(), result ? Edge.TRUE : Edge.FALSE);
    return o;
  }

  private Outcome executeDelay(CompiledWorkflow compiled, RunRecord run, PendingStep step,
      CompiledWorkflow.Delay delay, Instant now) {
    Outcome o = new Outcome();
    String id = delay.node().id();
    if (step.parked()) {
      o.output = Map.of("waitedUntil", step.dueAt().toString());
      o.attempt = attempt(run, id, delay.node().type(), 1, StepStatus.SUCCEEDED, Map.of(), o.output, now, now,
          Duration.ZERO, null, false, 0);
      o.successors = compiled.next(id, Edge.OUT);
      return o;
    }
    Instant wake;
    try {
      wake = delay.config().wakeUpAt(now, run.event());
    } catch (IllegalArgumentException e) {
      o.attempt = attempt(run, id, delay.node().type(), 1, StepStatus.FAILED, Map.of(), Map.of(), now, now,
          Duration.ZERO, new StepError("IllegalArgumentException", e.getMessage(), false), false, 0);
      o.runError = "step '" + id + "' failed: " + e.getMessage();
      return o;
    }
    if (run.testRun() || !wake.isAfter(now)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("skipped", run.testRun() && wake.isAfter(now));
      out.put("wouldWait", Duration.between(now, wake).toString());
      out.put("wouldWaitUntil", wake.toString());
      o.output = out;
      o.attempt = attempt(run, id, delay.node().type(), 1, StepStatus.SUCCEEDED, Map.of(), out, now, now,
          Duration.ZERO, null, run.testRun(), 0);
      o.successors = compiled.next(id, Edge.OUT);
      return o;
    }
    o.parked = new PendingStep(id, 1, wake, true);
    return o;
  }

  private Outcome executeAction(CompiledWorkflow compiled, RunRecord run, PendingStep step,
      CompiledWorkflow.Action action, Map<String, Map<String, Object>> outputs, Instant now) {
    Outcome o = new Outcome();
    String nodeId = action.node().id();
    NodeSettings settings = action.settings();
    RetryPolicy retry = settings.retry().orElse(defaultRetry);
    boolean dry = run.testRun() && !settings.actInTestRuns();
    Map<String, Object> rendered = action.node().config();
    Redactor redactor = Redactor.of(action.type().secretFields(), rendered);
    Instant startedAt = now;
    long t0 = System.nanoTime();
    StepResult result = null;
    RuntimeException failure = null;
    boolean timedOut = false;
    try {
      Object config = action.boundConfig();
      if (action.template() != null) {
        rendered = action.template().render(TemplateContext.of(compiled.workflow(), run, outputs));
        redactor = Redactor.of(action.type().secretFields(), rendered);
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
      watchdog.enter(settings.timeout().orElse(defaultTimeout));
      try {
        result = dry ? action.type().dryRun(config, ctx) : action.type().execute(config, ctx);
      } finally {
        timedOut = watchdog.exit();
      }
      if (result == null) {
        result = StepResult.EMPTY;
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    Instant finishedAt = clock.instant();
    Map<String, Object> input = redactor.input(rendered);
    if (failure == null) {
      int minutes = run.testRun() ? 0 : settings.minutesSaved().orElse(action.type().minutesSaved());
      o.output = redactor.output(result.output());
      o.attempt = attempt(run, nodeId, action.node().type(), step.attempt(), StepStatus.SUCCEEDED, input, o.output,
          startedAt, finishedAt, took, null, dry, minutes);
      o.successors = compiled.next(nodeId, Edge.OUT);
      return o;
    }
    boolean retryable;
    Duration wait;
    String type;
    String message;
    if (timedOut) {
      retryable = true;
      wait = Duration.ZERO;
      type = "StepTimeoutException";
      message = "step timed out after " + settings.timeout().orElse(defaultTimeout);
    } else if (failure instanceof StepFailedException sfe) {
      retryable = sfe.isRetryable();
      wait = sfe.retryAfter().orElse(Duration.ZERO);
      type = failure.getClass().getSimpleName();
      message = redactor.text(failure.getMessage());
    } else {
      retryable = true;
      wait = Duration.ZERO;
      type = failure.getClass().getSimpleName();
      message = redactor.text(String.valueOf(failure.getMessage()));
    }
    boolean again = retryable && step.attempt() < retry.maxAttempts();
    StepError error = new StepError(type, message, retryable);
    o.attempt = attempt(run, nodeId, action.node().type(), step.attempt(),
        again ? StepStatus.RETRYING : StepStatus.FAILED, input, Map.of(), startedAt, finishedAt, took, error, dry, 0);
    if (again) {
      Duration backoff = retry.backoffAfter(step.attempt());
      Duration delay = wait.compareTo(backoff) > 0 ? wait : backoff;
      Instant due = run.testRun() ? finishedAt : finishedAt.plus(delay);
      o.retry = new PendingStep(nodeId, step.attempt() + 1, due, false);
      log.debug("Step {} of run {} failed (attempt {} of {}), retrying at {}: {}", nodeId, run.id(), step.attempt(),
          retry.maxAttempts(), due, message);
    } else if (settings.continueOnFailure()) {
      log.warn("Step {} of run {} failed for good after {} attempt(s); continuing as the node allows: {}", nodeId,
          run.id(), step.attempt(), message);
      o.successors = compiled.next(nodeId, Edge.OUT);
    } else {
      o.runError = "step '" + nodeId + "' failed after " + step.attempt() + " attempt(s): " + message;
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
