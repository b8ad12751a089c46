package dev.partnerflow.metrics;

import dev.partnerflow.core.engine.EngineStats;
import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters and Micrometer Observations for one {@link WorkflowEngine}. It is the engine's
 * {@link RunListener} (events: runs, steps, claims, lost leases) and reads {@link WorkflowEngine#stats()} for the
 * gauges. Two lines in the host:
 *
 * <pre>{@code
 * PartnerflowMetrics metrics = PartnerflowMetrics.builder(meterRegistry).observationRegistry(observations).build();
 * WorkflowEngine engine = metrics.bind(WorkflowEngine.builder().listener(metrics).nodeTypes(steps).build()).start();
 * }</pre>
 *
 * <p>Meters (names are constants of this class; tags in brackets):
 * <ul>
 *   <li>{@value #RUNS_STARTED} counter [workflow, trigger, test.run]</li>
 *   <li>{@value #RUNS_FINISHED} counter [workflow, status = succeeded|failed|cancelled, test.run]</li>
 *   <li>{@value #STEP_DURATION} timer, the measured execution time of each step attempt [type, outcome =
 *       succeeded|retrying|failed, test.run]</li>
 *   <li>{@value #STEP_RETRIES} counter, attempts that failed and will be retried [type]</li>
 *   <li>{@value #LEASES_LOST} counter [workflow]</li>
 *   <li>{@value #CLAIM_LATENCY} timer, how late after its due time the poller claimed a run</li>
 *   <li>{@value #RUNS_IN_FLIGHT}, {@value #RUNS_CAPACITY}, {@value #THREADS_ABANDONED} gauges and
 *       {@value #THREADS_ABANDONED_TOTAL} function counter, from {@link WorkflowEngine#stats()} (after
 *       {@link #bind})</li>
 *   <li>{@value #EXPORT_STREAMS_OPEN} gauge, when {@link Builder#exportStreams} is given</li>
 * </ul>
 * The {@code workflow} tag is the workflow id; a host with very many workflows turns it off with
 * {@link Builder#workflowTag(boolean)} (it is then {@code "*"}).
 *
 * <p>Observations (only when an {@link ObservationRegistry} is given): {@value #RUN_OBSERVATION} per run activation
 * (from {@code runStarted}/{@code runClaimed} to {@code runWaiting}/{@code runFinished}/{@code leaseLost}) and
 * {@value #STEP_OBSERVATION} per step attempt, a child of the run's. The engine reports steps only when they end,
 * so a step observation is started and stopped inside {@code stepFinished}: its own timing is the moment of that
 * callback, the measured duration is the key {@value #KEY_STEP_DURATION_MS}, and it is not the current observation
 * (no scope) while the step executes, so spans the step's own code creates (an HTTP client call) are not its
 * children. A run that waits (a delay, a retry backoff) ends its observation; when it wakes, a new one starts.
 *
 * <p>Thread-safe: the engine calls listeners from its worker threads.
 *
 * @since 0.1
 */
public final class PartnerflowMetrics implements RunListener {
  private static final Logger log = LoggerFactory.getLogger(PartnerflowMetrics.class);

  /** Counter of runs created (events, manual starts, test runs). */
  public static final String RUNS_STARTED = "partnerflow.runs.started";
  /** Counter of runs that reached a final status. */
  public static final String RUNS_FINISHED = "partnerflow.runs.finished";
  /** Timer of step attempts (their measured execution time). */
  public static final String STEP_DURATION = "partnerflow.step.duration";
  /** Counter of step attempts that failed and will be retried. */
  public static final String STEP_RETRIES = "partnerflow.step.retries";
  /** Counter of runs whose lease this engine lost while processing them. */
  public static final String LEASES_LOST = "partnerflow.leases.lost";
  /** Timer of how long after its due time the poller claimed a run (zero when on time). */
  public static final String CLAIM_LATENCY = "partnerflow.runs.claim.latency";
  /** Gauge: runs executing on this engine's workers now. */
  public static final String RUNS_IN_FLIGHT = "partnerflow.runs.in.flight";
  /**
   * Gauge: runs due in the store that no worker has claimed yet (queued, delay or backoff over, lease expired),
   * across every engine on the store ({@code WorkflowEngine.queuedRuns()}, one store query per read).
   */
  public static final String RUNS_QUEUED = "partnerflow.runs.queued";
  /** Gauge: the most runs this engine executes at once. */
  public static final String RUNS_CAPACITY = "partnerflow.runs.capacity";
  /** Gauge: worker threads stuck in a step that ignored its timeout's interruption. */
  public static final String THREADS_ABANDONED = "partnerflow.threads.abandoned";
  /** Function counter: threads abandoned since the engine started. */
  public static final String THREADS_ABANDONED_TOTAL = "partnerflow.threads.abandoned.total";
  /** Gauge: export progress streams open now. */
  public static final String EXPORT_STREAMS_OPEN = "partnerflow.export.streams.open";

  /** Observation of one run activation. */
  public static final String RUN_OBSERVATION = "partnerflow.run";
  /** Observation of one step attempt, a child of the run's. */
  public static final String STEP_OBSERVATION = "partnerflow.step";

  /** Meter tag: the workflow id (or {@code *} when turned off). */
  public static final String TAG_WORKFLOW = "workflow";
  /** Meter tag: the trigger type of the run's event. */
  public static final String TAG_TRIGGER = "trigger";
  /** Meter tag: the final status of a run, lower case. */
  public static final String TAG_STATUS = "status";
  /** Meter tag: a step's node type. */
  public static final String TAG_TYPE = "type";
  /** Meter tag: a step attempt's outcome, lower case. */
  public static final String TAG_OUTCOME = "outcome";
  /** Meter tag: {@code true} for "Run once" test runs. */
  public static final String TAG_TEST_RUN = "test.run";

  /** Observation key (high cardinality): the run id. */
  public static final String KEY_RUN_ID = "partnerflow.run.id";
  /** Observation key (high cardinality): the workflow id. */
  public static final String KEY_WORKFLOW_ID = "partnerflow.workflow.id";
  /** Observation key (high cardinality): the organization id. */
  public static final String KEY_ORGANIZATION_ID = "partnerflow.organization.id";
  /** Observation key (low cardinality): the trigger type. */
  public static final String KEY_TRIGGER_TYPE = "partnerflow.trigger.type";
  /** Observation key (low cardinality): how the run activation ended (waiting, succeeded, failed, ...). */
  public static final String KEY_RUN_OUTCOME = "partnerflow.run.outcome";
  /** Observation key (low cardinality): {@code true} for test runs. */
  public static final String KEY_TEST_RUN = "partnerflow.test.run";
  /** Observation key (low cardinality): the step's node type. */
  public static final String KEY_NODE_TYPE = "partnerflow.node.type";
  /** Observation key (low cardinality): the step attempt's outcome. */
  public static final String KEY_STEP_OUTCOME = "partnerflow.step.outcome";
  /** Observation key (high cardinality): the node id. */
  public static final String KEY_NODE_ID = "partnerflow.node.id";
  /** Observation key (high cardinality): the attempt number, 1 for the first. */
  public static final String KEY_ATTEMPT = "partnerflow.step.attempt";
  /** Observation key (high cardinality): the step attempt's measured duration in milliseconds. */
  public static final String KEY_STEP_DURATION_MS = "partnerflow.step.duration.ms";

  /** Run observations kept open at most (runs waiting for a worker count too); more are not observed. */
  public static final int DEFAULT_MAX_OPEN_OBSERVATIONS = 10_000;

  private static final String OUTCOME_WAITING = "waiting";
  private static final String OUTCOME_LEASE_LOST = "lease_lost";

  private final MeterRegistry meters;
  private final ObservationRegistry observations;
  private final boolean workflowTag;
  private final Tags commonTags;
  private final int maxOpenObservations;
  private final ConcurrentMap<String, Observation> open = new ConcurrentHashMap<>();
  private final AtomicBoolean warnedFull = new AtomicBoolean();
  private final Timer claimLatency;

  private PartnerflowMetrics(Builder b) {
    this.meters = b.meters;
    this.observations = b.observations;
    this.workflowTag = b.workflowTag;
    this.commonTags = b.tags;
    this.maxOpenObservations = b.maxOpenObservations;
    this.claimLatency = Timer.builder(CLAIM_LATENCY).tags(commonTags)
        .description("How long after its due time the poller claimed a run").register(meters);
    if (b.exportStreams != null) {
      gauge(EXPORT_STREAMS_OPEN, b.exportStreams, ExportStreams::openStreamCount, "Export progress streams open now");
    }
  }

  /** Meters only; add tracing with {@link Builder#observationRegistry}. */
  public static PartnerflowMetrics of(MeterRegistry meterRegistry) {
    return builder(meterRegistry).build();
  }

  /**
   * Starts a builder.
   *
   * @param meterRegistry where the meters go
   * @throws NullPointerException when {@code meterRegistry} is null
   */
  public static Builder builder(MeterRegistry meterRegistry) {
    return new Builder(meterRegistry);
  }

  /**
   * Registers the gauges read from {@link WorkflowEngine#stats()}: {@value #RUNS_IN_FLIGHT}, {@value #RUNS_CAPACITY},
   * {@value #THREADS_ABANDONED} and {@value #THREADS_ABANDONED_TOTAL}, and {@value #RUNS_QUEUED} from
   * {@link WorkflowEngine#queuedRuns()}. The registry holds the engine weakly. Call it
   * once per engine; register this object as the engine's listener as well, or the event meters stay at zero.
   *
   * @return {@code engine}, for chaining
   */
  public WorkflowEngine bind(WorkflowEngine engine) {
    Objects.requireNonNull(engine, "engine must not be null");
    gauge(RUNS_IN_FLIGHT, engine, e -> e.stats().runsInFlight(), "Runs executing on this engine's workers now");
    gauge(RUNS_CAPACITY, engine, e -> e.stats().maxConcurrentRuns(), "The most runs this engine executes at once");
    gauge(THREADS_ABANDONED, engine, e -> e.stats().abandonedThreadsNow(),
        "Worker threads stuck in a step that ignored its timeout's interruption");
    gauge(RUNS_QUEUED, engine, PartnerflowMetrics::queuedRuns,
        "Runs due in the store that no worker has claimed yet");
    FunctionCounter.builder(THREADS_ABANDONED_TOTAL, engine, e -> stats(e).abandonedThreadsTotal()).tags(commonTags)
        .description("Worker threads abandoned since the engine started").register(meters);
    return engine;
  }

  /** Registers the {@value #EXPORT_STREAMS_OPEN} gauge (held weakly). Same as {@link Builder#exportStreams}. */
  public ExportStreams bind(ExportStreams exportStreams) {
    Objects.requireNonNull(exportStreams, "exportStreams must not be null");
    gauge(EXPORT_STREAMS_OPEN, exportStreams, ExportStreams::openStreamCount, "Export progress streams open now");
    return exportStreams;
  }

  /** Run observations currently open (started and not yet stopped). */
  public int openObservations() {
    return open.size();
  }

  /** The store's backlog; NaN (no sample) while the store cannot answer, instead of failing the scrape. */
  private static double queuedRuns(WorkflowEngine engine) {
    try {
      return engine.queuedRuns();
    } catch (RuntimeException e) {
      log.debug("partnerflow.runs.queued: the run store did not answer", e);
      return Double.NaN;
    }
  }

  private static EngineStats stats(WorkflowEngine engine) {
    return engine.stats();
  }

  private <T> void gauge(String name, T target, ToDoubleFunction<T> value, String description) {
    Gauge.builder(name, target, value).tags(commonTags).description(description).register(meters);
  }

  private String workflow(Run run) {
    return workflowTag && run.workflowId() != null ? run.workflowId() : "*";
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void runStarted(Run run) {
    Counter.builder(RUNS_STARTED).tags(commonTags).tag(TAG_WORKFLOW, workflow(run))
        .tag(TAG_TRIGGER, String.valueOf(run.triggerType())).tag(TAG_TEST_RUN, String.valueOf(run.testRun()))
        .description("Runs created").register(meters).increment();
    startObservation(run);
  }

  @Override
  public void runClaimed(Run run, Duration latency) {
    claimLatency.record(latency.isNegative() ? Duration.ZERO : latency);
    startObservation(run);
  }

  @Override
  public void stepFinished(Run run, StepAttempt attempt) {
    String outcome = lower(attempt.status());
    Timer.builder(STEP_DURATION).tags(commonTags).tag(TAG_TYPE, attempt.nodeType()).tag(TAG_OUTCOME, outcome)
        .tag(TAG_TEST_RUN, String.valueOf(run.testRun())).description("Execution time of step attempts")
        .register(meters).record(attempt.duration());
    if (attempt.status() == StepStatus.RETRYING) {
      Counter.builder(STEP_RETRIES).tags(commonTags).tag(TAG_TYPE, attempt.nodeType())
          .description("Step attempts that failed and will be retried").register(meters).increment();
    }
    if (observations.isNoop()) {
      return;
    }
    Observation step = Observation.createNotStarted(STEP_OBSERVATION, observations)
        .contextualName("partnerflow step " + attempt.nodeType())
        .parentObservation(open.get(run.id()))
        .lowCardinalityKeyValue(KEY_NODE_TYPE, attempt.nodeType())
        .lowCardinalityKeyValue(KEY_STEP_OUTCOME, outcome)
        .lowCardinalityKeyValue(KEY_TEST_RUN, String.valueOf(run.testRun()))
        .highCardinalityKeyValue(KEY_RUN_ID, run.id())
        .highCardinalityKeyValue(KEY_WORKFLOW_ID, String.valueOf(run.workflowId()))
        .highCardinalityKeyValue(KEY_NODE_ID, attempt.nodeId())
        .highCardinalityKeyValue(KEY_ATTEMPT, Integer.toString(attempt.attempt()))
        .highCardinalityKeyValue(KEY_STEP_DURATION_MS, Long.toString(attempt.duration().toMillis()))
        .start();
    attempt.error().ifPresent(e -> step.error(new PartnerflowFailure(e.type() + ": " + e.message())));
    step.stop();
  }

  @Override
  public void runWaiting(Run run) {
    stopObservation(run, OUTCOME_WAITING, null);
  }

  @Override
  public void runFinished(Run run) {
    Counter.builder(RUNS_FINISHED).tags(commonTags).tag(TAG_WORKFLOW, workflow(run))
        .tag(TAG_STATUS, lower(run.status())).tag(TAG_TEST_RUN, String.valueOf(run.testRun()))
        .description("Runs that reached a final status").register(meters).increment();
    String error = run.status() == RunStatus.SUCCEEDED ? null : run.error().orElse(lower(run.status()));
    stopObservation(run, lower(run.status()), error);
  }

  @Override
  public void leaseLost(Run run) {
    Counter.builder(LEASES_LOST).tags(commonTags).tag(TAG_WORKFLOW, workflow(run))
        .description("Runs whose lease this engine lost while processing them").register(meters).increment();
    stopObservation(run, OUTCOME_LEASE_LOST, null);
  }

  private void startObservation(Run run) {
    if (observations.isNoop() || open.containsKey(run.id())) {
      return;
    }
    if (open.size() >= maxOpenObservations) {
      if (warnedFull.compareAndSet(false, true)) {
        log.warn("{} run observations are open, the most allowed; run {} and later ones are not traced until some "
            + "finish. Runs waiting for a worker keep theirs open: raise maxOpenObservations or add workers",
            open.size(), run.id());
      }
      return;
    }
    open.computeIfAbsent(run.id(), id -> Observation.createNotStarted(RUN_OBSERVATION, observations)
        .contextualName("partnerflow run " + run.triggerType())
        .lowCardinalityKeyValue(KEY_TRIGGER_TYPE, String.valueOf(run.triggerType()))
        .lowCardinalityKeyValue(KEY_TEST_RUN, String.valueOf(run.testRun()))
        .highCardinalityKeyValue(KEY_RUN_ID, run.id())
        .highCardinalityKeyValue(KEY_WORKFLOW_ID, String.valueOf(run.workflowId()))
        .highCardinalityKeyValue(KEY_ORGANIZATION_ID, String.valueOf(run.organizationId()))
        .start());
  }

  private void stopObservation(Run run, String outcome, String error) {
    Observation observation = open.remove(run.id());
    if (observation == null) {
      return;
    }
    observation.lowCardinalityKeyValue(KEY_RUN_OUTCOME, outcome);
    if (error != null) {
      observation.error(new PartnerflowFailure(error));
    }
    observation.stop();
  }

  /** A step or run failure reported to an observation: the recorded message, no stack trace. */
  static final class PartnerflowFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PartnerflowFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** Options of {@link PartnerflowMetrics}; each setter checks its value. */
  public static final class Builder {
    private final MeterRegistry meters;
    private ObservationRegistry observations = ObservationRegistry.NOOP;
    private boolean workflowTag = true;
    private Tags tags = Tags.empty();
    private ExportStreams exportStreams;
    private int maxOpenObservations = DEFAULT_MAX_OPEN_OBSERVATIONS;

    private Builder(MeterRegistry meters) {
      this.meters = Objects.requireNonNull(meters, "meterRegistry must not be null");
    }

    /** Where run and step observations go (tracing); default {@link ObservationRegistry#NOOP}: none. */
    public Builder observationRegistry(ObservationRegistry value) {
      this.observations = Objects.requireNonNull(value, "observationRegistry must not be null");
      return this;
    }

    /**
     * Whether run meters carry the workflow id as tag {@value #TAG_WORKFLOW}; default true. Turn it off when the
     * engine serves many organizations with many workflows: each workflow id is a time series.
     */
    public Builder workflowTag(boolean value) {
      this.workflowTag = value;
      return this;
    }

    /** Tags added to every meter (for example the engine instance); default none. */
    public Builder tags(Iterable<Tag> value) {
      this.tags = Tags.of(Objects.requireNonNull(value, "tags must not be null"));
      return this;
    }

    /** Also registers the {@value #EXPORT_STREAMS_OPEN} gauge for these streams; default none. */
    public Builder exportStreams(ExportStreams value) {
      this.exportStreams = Objects.requireNonNull(value, "exportStreams must not be null");
      return this;
    }

    /**
     * Run observations kept open at most; default {@value #DEFAULT_MAX_OPEN_OBSERVATIONS}, 1 to 1,000,000. Beyond
     * it new runs are not traced (meters still count them) and a warning is logged once.
     */
    public Builder maxOpenObservations(int value) {
      if (value < 1 || value > 1_000_000) {
        throw new IllegalArgumentException("maxOpenObservations must be between 1 and 1000000, but was " + value);
      }
      this.maxOpenObservations = value;
      return this;
    }

    public PartnerflowMetrics build() {
      return new PartnerflowMetrics(this);
    }
  }
}
