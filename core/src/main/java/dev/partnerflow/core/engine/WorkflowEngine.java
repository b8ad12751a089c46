package dev.partnerflow.core.engine;

import dev.partnerflow.core.PartnerflowException;
import dev.partnerflow.core.engine.internal.CompiledWorkflow;
import dev.partnerflow.core.engine.internal.CompiledWorkflows;
import dev.partnerflow.core.engine.internal.Dispatcher;
import dev.partnerflow.core.engine.internal.Listeners;
import dev.partnerflow.core.engine.internal.RunProcessor;
import dev.partnerflow.core.engine.internal.StoreOutage;
import dev.partnerflow.core.engine.internal.Scheduler;
import dev.partnerflow.core.engine.internal.Watchdog;
import dev.partnerflow.core.engine.internal.Workers;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.internal.Ids;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.schedule.ScheduledTriggers;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreConfig;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.core.validation.WorkflowValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Partnerflow engine: publish events, and the organization's active workflows whose trigger matches start runs
 * that walk their graph of steps.
 *
 * <pre>{@code
 * try (WorkflowEngine engine = WorkflowEngine.builder()          // in-memory store, system clock
 *     .nodeTypes(StandardSteps.builder().emailSender(smtp).build())
 *     .build()
 *     .start()) {                                               // workers, and the poller for delays and retries
 *   Workflow wf = engine.workflows().create("acme", welcomeWorkflow);
 *   engine.workflows().activate("acme", wf.id());
 *   List<Run> started = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", now, partner));
 *   Run done = engine.awaitFinished("acme", started.get(0).id(), Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Runs are durable by design: every state change goes through the {@link RunStore}; delays and retry backoffs
 * are stored wake-up times picked up by the poller (or by {@link #runDueWork()} in tests), never sleeping threads.
 * A run executes only on a free worker slot; when all are busy, {@link #publish} leaves new runs queued in the
 * store (it never blocks and never grows a queue in memory) and the poller starts them as slots free up.
 * Thread-safe.
 */
public final class WorkflowEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

  /** Worker threads of the default executor: {@value}. */
  public static final int DEFAULT_WORKER_THREADS = 4;
  /** Step timeout when a node sets none: 30 seconds. */
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(30);
  /**
   * How long a worker owns a claimed run before another may take it over: 5 minutes. Extended by a heartbeat every
   * third of it while the run executes, and checked before every step.
   */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
  /** The lease must exceed the step timeout by at least this much: 500 ms. */
  public static final Duration MIN_LEASE_MARGIN = RunProcessor.LEASE_MARGIN;
  /** How often the poller looks for due delays and retries: 1 second. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  /** How long {@link #close()} waits for steps in flight: 30 seconds. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  /** Most due runs claimed by one poll: {@value}. */
  public static final int DEFAULT_CLAIM_BATCH = 100;
  /** SLF4J MDC key holding the run id while a run's steps execute (for log patterns): {@value}. */
  public static final String MDC_RUN_ID = RunProcessor.MDC_RUN_ID;
  /** SLF4J MDC key holding the workflow id while a run's steps execute: {@value}. */
  public static final String MDC_WORKFLOW_ID = RunProcessor.MDC_WORKFLOW_ID;
  /** The store URL used when none is given: {@value}. */
  public static final String DEFAULT_STORE_URL = "memory:";
  /** The trigger type of workflows started only by {@link #startManual} and Run once: {@value}. */
  public static final String MANUAL_TRIGGER = "manual";

  private final WorkflowStore workflowStore;
  private final RunStore runStore;
  private final Clock clock;
  private final NodeTypeRegistry registry;
  private final WorkflowValidator validator;
  private final SampleDataProvider samples;
  private final Duration shutdownGrace;
  private final int claimBatch;
  private final Watchdog watchdog;
  private final CompiledWorkflows compiled;
  private final Workers workers;
  private final RunProcessor processor;
  private final Dispatcher dispatcher;
  private final Workflows workflows;
  private final Scheduler scheduler;
  private final List<AutoCloseable> owned;
  /** Someone waits for a run to finish. */
  private record Waiter(String organizationId, CompletableFuture<Run> future) {}

  private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean warnedNoPoller = new AtomicBoolean();
  private volatile boolean drivenByHand;

  private WorkflowEngine(Builder b, StoreProvider.Stores stores, Executor executor, ThreadPoolExecutor ownedPool,
      NodeTypeRegistry registry, List<WorkflowCheck> checks, List<AutoCloseable> owned) {
    this.workflowStore = stores.workflows();
    this.runStore = stores.runs();
    this.clock = b.clock;
    this.registry = registry;
    WorkflowValidator.Builder vb = WorkflowValidator.builder(registry);
    checks.forEach(vb::check);
    this.validator = vb.build();
    this.samples = b.samples;
    this.shutdownGrace = b.shutdownGrace;
    this.claimBatch = b.claimBatch;
    this.owned = owned;
    this.watchdog = new Watchdog();
    this.compiled = new CompiledWorkflows(workflowStore, validator);
    Listeners listeners = new Listeners(b.listeners, new Listeners.Hooks() {
      @Override
      public void runWaiting(RunRecord run) {
        warnIfNothingPolls(run);
      }

      @Override
      public void runFinished(RunRecord run) {
        Waiter waiter = waiters.remove(run.id());
        if (waiter != null) {
          waiter.future().complete(run.toRun());
        }
      }
    });
    int capacity = b.maxConcurrentRuns > 0 ? b.maxConcurrentRuns : b.workerThreads;
    StoreOutage outage = new StoreOutage();
    this.workers = new Workers(runStore, clock, executor, ownedPool, capacity, b.claimBatch, b.pollInterval,
        b.lease, this::checkWaiters, listeners, outage);
    this.processor = new RunProcessor(runStore, clock, watchdog, listeners, b.stepTimeout, b.retry, b.lease,
        b.owner, compiled::version, new RunProcessor.Threads() {
          @Override
          public void continueElsewhere(Runnable continuation) {
            workers.continueElsewhere(continuation);
          }

          @Override
          public void abandonedThreadReturned() {
            workers.abandonedThreadReturned();
          }
        }, closed::get, outage);
    workers.bind(processor);
    this.dispatcher = new Dispatcher(workflowStore, runStore, compiled, workers, processor, listeners, clock);
    this.scheduler = b.scheduledTriggers == null ? null
        : new Scheduler(b.scheduledTriggers, workflowStore, runStore, compiled, dispatcher, clock, b.owner, b.lease,
            b.pollInterval);
    this.workflows = new Workflows(workflowStore, runStore, stores, validator, clock, this::deleted,
        (org, triggerType) -> {
          if (scheduler != null) {
            scheduler.activated(org, triggerType);
          }
        });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Creating, saving, activating, listing and deleting workflows. */
  public Workflows workflows() {
    return workflows;
  }

  /** The node types this engine knows. */
  public NodeTypeRegistry registry() {
    return registry;
  }

  /** The validator used on activation, with the engine's extra checks (the node type providers' among them). */
  public WorkflowValidator validator() {
    return validator;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Starts the poller: it claims due delays, retries, queued runs and runs whose lease expired, as many as there
   * are free worker slots, and extends the leases of runs in flight. Idempotent. A service calls it once after
   * building the engine; tests drive a {@code TestWorkflowEngine} by hand instead.
   */
  public WorkflowEngine start() {
    requireOpen();
    synchronized (workers) {
      if (!workers.started()) {
        workers.start("partnerflow-poller");
        if (scheduler != null) {
          scheduler.start("partnerflow-scheduler");
        }
        log.info("Partnerflow engine started: store {}, owner {}", runStore.getClass().getSimpleName(),
            processor.owner());
      }
    }
    return this;
  }

  /**
   * Runs everything that is due now, in the calling thread, until nothing is due. For tests: move the clock, then
   * call this, then assert.
   *
   * @return number of run activations processed
   */
  public int runDueWork() {
    requireOpen();
    drivenByHand = true;
    int processed = 0;
    while (true) {
      int scans = scheduler == null ? 0 : scheduler.runDue();
      Instant now = clock.instant();
      List<RunRecord> due = runStore.claimDue(now, claimBatch, processor.owner(), now.plus(processor.lease()));
      if (due.isEmpty() && scans == 0) {
        return processed;
      }
      for (RunRecord run : due) {
        workers.claimed(run, now);
        processor.process(run);
        processed++;
      }
    }
  }

  /**
   * The earliest stored wake-up time after {@code after} and at or before {@code until} (a delay, a retry backoff,
   * a queued run, an expiring lease, the next scheduled-trigger scan), for hosts that schedule {@link #runDueWork()} themselves and for tests that
   * step through time.
   */
  public Optional<Instant> nextWakeUp(Instant after, Instant until) {
    Optional<Instant> run = firstAfter(runStore::dueTimers, after, until);
    if (scheduler == null) {
      return run;
    }
    Optional<Instant> scan = firstAfter(runStore::dueScanTimes, after, until);
    if (run.isEmpty()) {
      return scan;
    }
    return scan.isPresent() && scan.get().isBefore(run.get()) ? scan : run;
  }

  private static Optional<Instant> firstAfter(java.util.function.BiFunction<Instant, Integer, List<Instant>> timers,
      Instant after, Instant until) {
    for (int limit = 16; ; limit *= 4) {
      List<Instant> found = timers.apply(until, limit);
      for (Instant t : found) {
        if (t.isAfter(after)) {
          return Optional.of(t);
        }
      }
      if (found.size() < limit) {
        return Optional.empty();
      }
    }
  }

  /**
   * Starts one run of each Active workflow of the event's organization whose trigger matches the event. Publishing
   * the same event id again (within the store's dedupe window) starts nothing new and returns the runs it already
   * started that the store still keeps.
   *
   * <p>Runs execute on the engine's workers; when every worker is busy the new runs wait in the store, queued, and
   * start as workers free up (this never blocks). A workflow that cannot be matched or run does not stop the other
   * workflows' runs: its own run fails with the reason, or (when even its trigger cannot be read) it is skipped
   * and logged.
   *
   * @return the runs started (or found) for this event, each as it is after the part that ran in the calling
   *     thread: finished already when the executor runs tasks in the caller (the test engine), else as created
   * @throws IllegalArgumentException when the event's type is not a registered trigger type, or is
   *     {@value #MANUAL_TRIGGER} (manual workflows start only through {@link #startManual})
   * @throws IllegalStateException when the engine is closed
   */
  public List<Run> publish(Event event) {
    requireOpen();
    Objects.requireNonNull(event, "event must not be null");
    Optional<NodeType<?>> type = registry.find(event.type());
    if (type.isEmpty() || type.get().kind() != NodeKind.TRIGGER) {
      throw new IllegalArgumentException("event.type must be a registered trigger type, but was '" + event.type()
          + "' (event '" + event.id() + "'); known trigger types: " + triggerNames());
    }
    if (MANUAL_TRIGGER.equals(event.type())) {
      throw new IllegalArgumentException("event.type '" + MANUAL_TRIGGER + "' cannot be published (event '"
          + event.id() + "'): manual workflows start only through startManual(organizationId, workflowId, "
          + "requestId, data) or a test run");
    }
    return dispatcher.publish(event);
  }

  /**
   * Starts a real run of an Active workflow whose trigger is {@code manual}, with optional data. The request id
   * plays the role of an event id: starting twice with the same id starts one run.
   *
   * @throws NotFoundException when the workflow does not exist in the organization
   * @throws IllegalStateException when it is not Active or its trigger is not {@code manual}
   */
  public Run startManual(String organizationId, String workflowId, String requestId, Map<String, Object> data) {
    requireOpen();
    Workflow workflow = workflows.get(organizationId, workflowId);
    if (workflow.status() != WorkflowStatus.ACTIVE) {
      throw new IllegalStateException("workflow '" + workflowId + "' is " + workflow.status().wireName()
          + "; activate it to start real runs, or use testRun for a trial");
    }
    CompiledWorkflow cw = compiled.of(workflow);
    if (!MANUAL_TRIGGER.equals(cw.triggerTypeName())) {
      throw new IllegalStateException("workflow '" + workflowId + "' is triggered by '" + cw.triggerTypeName()
          + "', not 'manual'; publish an event of that type instead");
    }
    Event event = new Event(requestId, organizationId, MANUAL_TRIGGER, clock.instant(), data);
    RunRecord run = dispatcher.start(cw, event, false);
    if (run == null) {
      throw new IllegalStateException("request '" + requestId + "' already started a run of workflow '"
          + workflowId + "' that the store no longer keeps");
    }
    return run.toRun();
  }

  /**
   * Run once: runs a workflow (Draft or Active) on a sample event of its trigger type, from the host's
   * {@link SampleDataProvider} when it has one, else the trigger type's built-in sample. Side effects are off
   * unless a node opts in; delays are skipped. Returns when the run is done. The graph must be structurally valid;
   * the host's activation checks do not apply to a trial.
   *
   * @throws NotFoundException when the workflow does not exist in the organization
   * @throws dev.partnerflow.core.validation.InvalidWorkflowException when its graph has problems
   */
  public RunTrace testRun(String organizationId, String workflowId) {
    return testRun(organizationId, workflowId, null);
  }

  /** Run once on an event the caller passes (null: a sample event). */
  public RunTrace testRun(String organizationId, String workflowId, Event event) {
    requireOpen();
    Workflow workflow = workflows.get(organizationId, workflowId);
    compiled.requireExecutable(workflow);
    CompiledWorkflow cw = compiled.of(workflow);
    Instant now = clock.instant();
    Event source = event;
    if (source == null) {
      source = samples.sampleEvent(organizationId, cw.triggerTypeName(), now)
          .orElseGet(() -> cw.triggerType().sampleEvent(organizationId, now));
    }
    if (!source.organizationId().equals(organizationId)) {
      throw new IllegalArgumentException("event.organizationId must be '" + organizationId + "', but was '"
          + source.organizationId() + "'");
    }
    Event testEvent = new Event(source.id() + "#test-" + Ids.random(), organizationId, source.type(),
        source.occurredAt(), source.data());
    RunRecord started = dispatcher.start(cw, testEvent, true);
    RunRecord last = processor.process(started);
    int guard = 0;
    while (last != null && !last.status().isFinal() && guard++ < 1000) {
      last = processor.claimAndProcess(started.id());
    }
    return trace(organizationId, started.id());
  }

  /** One run with all its step attempts. @throws NotFoundException when not in the organization */
  public RunTrace trace(String organizationId, String runId) {
    RunRecord record = runStore.find(organizationId, runId)
        .orElseThrow(() -> new NotFoundException("run", organizationId, runId));
    return new RunTrace(record.toRun(), runStore.attempts(organizationId, runId));
  }

  /** A workflow's runs, newest first. @throws NotFoundException when the workflow is not in the organization */
  public Page<Run> runs(String organizationId, String workflowId, RunQuery query) {
    workflows.get(organizationId, workflowId);
    Page<RunRecord> page = runStore.list(organizationId, workflowId, query);
    return new Page<>(page.items().stream().map(RunRecord::toRun).toList(), page.page(), page.size(), page.total());
  }

  /**
   * Completes when the run reaches a final status (succeeded, failed or cancelled), on this engine or, seen by
   * this engine's poller, on another one sharing the store.
   *
   * @throws NotFoundException when the run is not in the organization
   */
  public CompletableFuture<Run> whenFinished(String organizationId, String runId) {
    RunRecord now = runStore.find(organizationId, runId)
        .orElseThrow(() -> new NotFoundException("run", organizationId, runId));
    if (now.status().isFinal()) {
      return CompletableFuture.completedFuture(now.toRun());
    }
    Waiter waiter = waiters.computeIfAbsent(runId, id -> new Waiter(organizationId, new CompletableFuture<>()));
    // it may have finished between the read and the registration
    runStore.find(organizationId, runId).filter(r -> r.status().isFinal()).ifPresent(r -> {
      waiters.remove(runId, waiter);
      waiter.future().complete(r.toRun());
    });
    return waiter.future().copy();
  }

  /**
   * Waits until the run reaches a final status. A run parked on a delay finishes only when the poller (or
   * {@link #runDueWork()}) wakes it.
   *
   * @throws TimeoutException when it is not final within {@code timeout}
   * @throws NotFoundException when the run is not in the organization
   */
  public Run awaitFinished(String organizationId, String runId, Duration timeout)
      throws InterruptedException, TimeoutException {
    try {
      return whenFinished(organizationId, runId).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for run " + runId + " failed", e.getCause());
    }
  }

  /** Threads currently stuck in a step that ignored its timeout's interruption (each was replaced). */
  public int abandonedThreads() {
    return watchdog.abandonedNow();
  }

  /** Runs executing on this engine's workers now. */
  public int runsInFlight() {
    return workers.inFlight();
  }

  /**
   * Runs waiting in the store for a worker of any engine on it: queued runs, waiting runs whose delay or retry
   * backoff is over, and runs whose lease expired ({@link RunStore#countDue}). A queue-depth gauge; unlike
   * {@link #stats()} it asks the store (one {@code COUNT} for a JDBC store), so read it once per metrics scrape.
   *
   * @since 0.2
   */
  public long queuedRuns() {
    return runStore.countDue(clock.instant());
  }

  /** A snapshot of this engine's gauges, for metrics. */
  public EngineStats stats() {
    return new EngineStats(workers.inFlight(), workers.capacity(), watchdog.abandonedNow(),
        watchdog.abandonedTotal());
  }

  /** Completes waits for runs that finished elsewhere (another engine, a cancellation). */
  private void checkWaiters() {
    for (Map.Entry<String, Waiter> e : waiters.entrySet()) {
      Waiter w = e.getValue();
      runStore.find(w.organizationId(), e.getKey()).filter(r -> r.status().isFinal()).ifPresent(r -> {
        if (waiters.remove(e.getKey(), w)) {
          w.future().complete(r.toRun());
        }
      });
    }
  }

  private void deleted(String organizationId, String workflowId) {
    compiled.forget(organizationId, workflowId);
    checkWaiters();
  }

  private void warnIfNothingPolls(RunRecord run) {
    if (!workers.started() && !drivenByHand && warnedNoPoller.compareAndSet(false, true)) {
      log.warn("Run {} is waiting until {}, but nothing will wake it: this engine's poller is not running. Call "
          + "engine.start() once after building the engine (tests call runDueWork() or use TestWorkflowEngine)",
          run.id(), run.nextWakeAt());
    }
  }

  private List<String> triggerNames() {
    return registry.types().stream().filter(t -> t.kind() == NodeKind.TRIGGER).map(NodeType::name).sorted()
        .toList();
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the engine is closed");
    }
  }

  /**
   * Stops the poller, gives back runs claimed but not started (another engine claims them at once), lets steps in
   * flight finish for up to the shutdown grace, interrupts and gives back the rest, then closes what the engine
   * owns: its worker pool, stores it opened from a URL and the node type providers it was given or discovered.
   * Idempotent. A {@link #publish} racing it either starts a run that another engine can finish or throws.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (scheduler != null) {
      scheduler.close();
    }
    workers.close(shutdownGrace);
    watchdog.close();
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", c.getClass().getName(), e);
      }
    }
    waiters.values().forEach(w -> w.future().completeExceptionally(new IllegalStateException("the engine is closed")));
  }

  /**
   * Configures an engine. Every setting has a documented default; the stores default to the in-memory ones.
   */
  public static final class Builder {
    private WorkflowStore workflowStore;
    private RunStore runStore;
    private String storeUrl;
    private javax.sql.DataSource dataSource;
    private final Map<String, String> storeProperties = new java.util.LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private boolean discoverNodeTypes = true;
    private final List<NodeTypeProvider> providers = new ArrayList<>();
    private final List<NodeType<?>> types = new ArrayList<>();
    private final List<RunListener> listeners = new ArrayList<>();
    private final List<WorkflowCheck> checks = new ArrayList<>();
    private SampleDataProvider samples = SampleDataProvider.NONE;
    private Duration stepTimeout = DEFAULT_STEP_TIMEOUT;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration lease = DEFAULT_LEASE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private int claimBatch = DEFAULT_CLAIM_BATCH;
    private int maxConcurrentRuns;
    private String owner = "engine-" + Ids.random().substring(0, 8);
    private ScheduledTriggers scheduledTriggers;

    Builder() {}

    /**
     * Trigger types the engine fires by itself from a daily scan per organization, e.g. the partner triggers'
     * {@code PartnerSchedule.of(directory)} for {@code partner_inactive} and {@code contract_renewal_approaching}.
     * Default none. The scans are claimed through the run store (one engine does each scan when several share a
     * store); {@link WorkflowEngine#start()} runs them on a thread of their own, {@link #runDueWork()} in the
     * calling thread, and {@link #nextWakeUp} includes the next scan time.
     *
     * @since 0.2
     */
    public Builder scheduledTriggers(ScheduledTriggers value) {
      this.scheduledTriggers = Objects.requireNonNull(value, "scheduledTriggers must not be null");
      return this;
    }

    /** Both stores explicitly. Wins over {@link #storeUrl}. */
    public Builder stores(WorkflowStore workflows, RunStore runs) {
      this.workflowStore = Objects.requireNonNull(workflows, "workflow store must not be null");
      this.runStore = Objects.requireNonNull(runs, "run store must not be null");
      return this;
    }

    /**
     * Stores on the host's data source, opened by the {@link StoreProvider} on the class path that handles it (the
     * {@code partnerflow-jdbc} module). The host keeps owning and closing the data source.
     */
    public Builder dataSource(javax.sql.DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource must not be null");
      return this;
    }

    /** A setting for the store provider (see the store module's documentation), e.g. {@code schema.migrate}. */
    public Builder storeProperty(String name, String value) {
      storeProperties.put(Objects.requireNonNull(name, "store property name must not be null"),
          Objects.requireNonNull(value, "store property '" + name + "' must not be null"));
      return this;
    }

    /** Stores found through ServiceLoader ({@link StoreProvider}) by URL; default {@value #DEFAULT_STORE_URL}. */
    public Builder storeUrl(String url) {
      this.storeUrl = Objects.requireNonNull(url, "store url must not be null");
      return this;
    }

    /** The engine's clock; default the UTC system clock. Tests pass a settable one. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * Where runs execute; default a pool of {@link #workerThreads} daemon threads owned (and closed) by the engine.
     * {@code Runnable::run} executes runs in the publishing thread.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor must not be null");
      return this;
    }

    /**
     * Size of the default executor, and the default number of runs executing at once; 1 to 1024, default
     * {@value #DEFAULT_WORKER_THREADS}.
     */
    public Builder workerThreads(int value) {
      if (value < 1 || value > 1024) {
        throw new IllegalArgumentException("workerThreads must be between 1 and 1024, but was " + value);
      }
      this.workerThreads = value;
      return this;
    }

    /**
     * Adds the node types of a provider (e.g. a configured {@code StandardSteps}) and its activation checks
     * ({@link NodeTypeProvider#checks()}), once per provider even when given twice; a discovered provider adds its
     * checks only when at least one of its types is registered. The engine owns the provider: when it is {@link AutoCloseable}, the
     * engine closes it on {@link WorkflowEngine#close()}.
     */
    public Builder nodeTypes(NodeTypeProvider provider) {
      providers.add(Objects.requireNonNull(provider, "provider must not be null"));
      return this;
    }

    /** Adds one node type. */
    public Builder nodeType(NodeType<?> type) {
      types.add(Objects.requireNonNull(type, "node type must not be null"));
      return this;
    }

    /**
     * Whether to add every {@link NodeTypeProvider} found with ServiceLoader (default true). Types added by hand
     * with the same name win over discovered ones.
     */
    public Builder discoverNodeTypes(boolean value) {
      this.discoverNodeTypes = value;
      return this;
    }

    public Builder listener(RunListener value) {
      listeners.add(Objects.requireNonNull(value, "listener must not be null"));
      return this;
    }

    /** An extra validation rule, run on activation (e.g. "templates parse", "training is published"). */
    public Builder check(WorkflowCheck value) {
      checks.add(Objects.requireNonNull(value, "check must not be null"));
      return this;
    }

    /** Host sample data for test runs; default none (built-in samples). */
    public Builder sampleData(SampleDataProvider value) {
      this.samples = Objects.requireNonNull(value, "sample data provider must not be null");
      return this;
    }

    /** Timeout of one step attempt when its node sets none; 1 ms to 1 hour, default 30 s. */
    public Builder stepTimeout(Duration value) {
      requireBetween("stepTimeout", value, Duration.ofMillis(1), Duration.ofHours(1));
      this.stepTimeout = value;
      return this;
    }

    /** Retry policy when a node sets none; default {@link RetryPolicy#DEFAULT}. */
    public Builder retry(RetryPolicy value) {
      this.retry = Objects.requireNonNull(value, "retry must not be null");
      return this;
    }

    /**
     * Lease of a claimed run; 1 second to 1 day, default 5 minutes. It must exceed the step timeout by at least
     * {@link #MIN_LEASE_MARGIN} (checked by {@link #build()}); a heartbeat extends the leases of running runs every
     * third of it, so steps with longer node timeouts keep their lease too.
     */
    public Builder lease(Duration value) {
      requireBetween("lease", value, Duration.ofSeconds(1), Duration.ofDays(1));
      this.lease = value;
      return this;
    }

    /**
     * How often the poller looks for due work; 10 ms to 1 hour, default 1 s. When the store holds a run that comes
     * due sooner (a delay, a retry backoff), the poller sleeps only until then, but at least a tenth of the
     * interval (10 to 100 ms): due runs start within about that tenth, and work that appears without a known due
     * time (another instance's queued runs) within the interval.
     */
    public Builder pollInterval(Duration value) {
      requireBetween("pollInterval", value, Duration.ofMillis(10), Duration.ofHours(1));
      this.pollInterval = value;
      return this;
    }

    /** How long close() waits for steps in flight; 0 to 1 hour, default 30 s. */
    public Builder shutdownGrace(Duration value) {
      requireBetween("shutdownGrace", value, Duration.ZERO, Duration.ofHours(1));
      this.shutdownGrace = value;
      return this;
    }

    /** Most due runs claimed per poll; 1 to 10,000, default {@value #DEFAULT_CLAIM_BATCH}. */
    public Builder claimBatch(int value) {
      if (value < 1 || value > 10_000) {
        throw new IllegalArgumentException("claimBatch must be between 1 and 10000, but was " + value);
      }
      this.claimBatch = value;
      return this;
    }

    /**
     * Most runs executing at once; 1 to 100,000, default the number of {@link #workerThreads}. Set it with a host
     * {@link #executor} to match that executor's capacity: runs beyond it wait in the store, not in the executor.
     * With an executor that runs tasks in the calling thread, set it to at least the number of threads that
     * publish (the test engine uses 100,000), or runs beyond it wait for the poller.
     */
    public Builder maxConcurrentRuns(int value) {
      if (value < 1 || value > 100_000) {
        throw new IllegalArgumentException("maxConcurrentRuns must be between 1 and 100000, but was " + value);
      }
      this.maxConcurrentRuns = value;
      return this;
    }

    /** This engine instance's name in leases; default random. Unique per instance sharing a store. */
    public Builder owner(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("owner must not be blank, but was " + value);
      }
      this.owner = value;
      return this;
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
      Objects.requireNonNull(value, name + " must not be null");
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
      }
    }

    /**
     * @throws PartnerflowException when a store URL matches no provider, or node type names clash
     * @throws IllegalArgumentException when the lease does not exceed the step timeout by
     *     {@link #MIN_LEASE_MARGIN}
     */
    public WorkflowEngine build() {
      if (lease.compareTo(stepTimeout.plus(MIN_LEASE_MARGIN)) < 0) {
        throw new IllegalArgumentException("lease must be at least stepTimeout + " + MIN_LEASE_MARGIN + " ("
            + stepTimeout.plus(MIN_LEASE_MARGIN) + "), but was " + lease + "; a run's lease must outlast its "
            + "longest step, or another engine could take it over while the step still runs");
      }
      List<AutoCloseable> owned = new ArrayList<>();
      StoreProvider.Stores stores;
      if (workflowStore != null) {
        stores = StoreProvider.Stores.of(workflowStore, runStore);
      } else {
        StoreConfig config = dataSource != null
            ? StoreConfig.ofDataSource(dataSource, storeProperties, clock)
            : StoreConfig.ofUrl(storeUrl == null ? DEFAULT_STORE_URL : storeUrl, storeProperties, clock);
        stores = ServiceLoader.load(StoreProvider.class, WorkflowEngine.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(StoreProvider::priority).reversed())
            .map(p -> p.open(config))
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow(() -> new PartnerflowException("no StoreProvider handles " + config.describe()
                + "; is the module with that store (partnerflow-jdbc for JDBC URLs and data sources) on the class "
                + "path?"));
        log.info("Partnerflow stores for {}: {}", config.describe(), stores.runs().getClass().getSimpleName());
        owned.add(stores);
      }
      NodeTypeRegistry.Builder rb = NodeTypeRegistry.builder();
      List<NodeTypeProvider> all = new ArrayList<>(providers);
      providers.forEach(rb::add);
      types.forEach(rb::add);
      if (discoverNodeTypes) {
        Set<String> taken = new HashSet<>();
        providers.forEach(p -> p.nodeTypes().forEach(t -> taken.add(t.name())));
        types.forEach(t -> taken.add(t.name()));
        for (NodeTypeProvider p : NodeTypeRegistry.discoverProviders()) {
          addIfCloseable(owned, p);
          // types added by hand win over discovered ones of the same name; a provider whose types all lost
          // contributes no checks either
          List<NodeType<?>> kept = p.nodeTypes().stream().filter(t -> !taken.contains(t.name())).toList();
          if (!kept.isEmpty()) {
            kept.forEach(rb::add);
            all.add(p);
          }
        }
      }
      Set<WorkflowCheck> allChecks = new LinkedHashSet<>(checks);
      all.forEach(p -> allChecks.addAll(p.checks()));
      providers.forEach(p -> addIfCloseable(owned, p));
      Executor exec = executor;
      ThreadPoolExecutor pool = null;
      if (exec == null) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "partnerflow-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
        exec = pool;
      }
      return new WorkflowEngine(this, stores, exec, pool, rb.build(), List.copyOf(allChecks), owned);
    }

    private static void addIfCloseable(List<AutoCloseable> owned, Object candidate) {
      if (candidate instanceof AutoCloseable c && !owned.contains(c)) {
        owned.add(c);
      }
    }
  }
}
