package dev.partnerflow.core.engine;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.PartnerflowException;
import dev.partnerflow.core.engine.internal.CompiledWorkflow;
import dev.partnerflow.core.engine.internal.Listeners;
import dev.partnerflow.core.engine.internal.RunProcessor;
import dev.partnerflow.core.engine.internal.Watchdog;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.internal.Ids;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.store.CreateResult;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.core.validation.WorkflowValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 *     .build()) {
 *   engine.start();                                             // poll for due delays and retries
 *   Workflow wf = engine.workflows().create("acme", welcomeWorkflow);
 *   engine.workflows().activate("acme", wf.id());
 *   List<Run> started = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", now, partner));
 * }
 * }</pre>
 *
 * <p>Runs are durable by design: every state change goes through the {@link RunStore}; delays and retry backoffs
 * are stored wake-up times picked up by a poller (or by {@link #runDueWork()} in tests), never sleeping threads.
 * Thread-safe.
 */
public final class WorkflowEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

  /** Worker threads of the default executor: {@value}. */
  public static final int DEFAULT_WORKER_THREADS = 4;
  /** Step timeout when a node sets none: 30 seconds. */
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(30);
  /** How long a worker owns a claimed run before another may take it over: 5 minutes. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
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

  private final WorkflowStore workflowStore;
  private final RunStore runStore;
  private final Clock clock;
  private final Executor executor;
  private final boolean ownsExecutor;
  private final NodeTypeRegistry registry;
  private final WorkflowValidator validator;
  private final Listeners listeners;
  private final SampleDataProvider samples;
  private final Duration pollInterval;
  private final Duration shutdownGrace;
  private final int claimBatch;
  private final Watchdog watchdog;
  private final RunProcessor processor;
  private final Workflows workflows;
  private final Map<VersionKey, CompiledWorkflow> compiled = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ScheduledExecutorService poller;

  private record VersionKey(String organizationId, String workflowId, int version) {}

  private WorkflowEngine(Builder b, StoreProvider.Stores stores, Executor executor, boolean ownsExecutor,
      NodeTypeRegistry registry) {
    this.workflowStore = stores.workflows();
    this.runStore = stores.runs();
    this.clock = b.clock;
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
    this.registry = registry;
    WorkflowValidator.Builder vb = WorkflowValidator.builder(registry);
    b.checks.forEach(vb::check);
    this.validator = vb.build();
    this.listeners = new Listeners(b.listeners);
    this.samples = b.samples;
    this.pollInterval = b.pollInterval;
    this.shutdownGrace = b.shutdownGrace;
    this.claimBatch = b.claimBatch;
    this.watchdog = new Watchdog();
    this.processor = new RunProcessor(runStore, clock, watchdog, b.listeners, b.stepTimeout, b.retry,
        b.lease, b.owner, this::compiledVersion);
    this.workflows = new Workflows(workflowStore, runStore, validator, clock, this::forget);
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

  /** The validator used on activation, with the engine's extra checks. */
  public WorkflowValidator validator() {
    return validator;
  }

  public Clock clock() {
    return clock;
  }

  /** Starts the poller that picks up due delays, retries and expired leases. Idempotent. */
  public WorkflowEngine start() {
    requireOpen();
    if (started.compareAndSet(false, true)) {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "partnerflow-poller");
        t.setDaemon(true);
        return t;
      });
      poller.scheduleWithFixedDelay(this::pollOnce, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Partnerflow engine started: store {}, poll every {}, owner {}", runStore.getClass().getSimpleName(),
          pollInterval, processor.owner());
    }
    return this;
  }

  private void pollOnce() {
    try {
      Instant now = clock.instant();
      List<RunRecord> due = runStore.claimDue(now, claimBatch, processor.owner(), now.plus(processor.lease()));
      for (RunRecord run : due) {
        try {
          executor.execute(() -> processor.process(run));
        } catch (RejectedExecutionException e) {
          log.debug("Executor refused run {}; it stays claimed until its lease expires", run.id());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Polling for due runs failed; will try again in {}", pollInterval, e);
    }
  }

  /**
   * Runs everything that is due now, in the calling thread, until nothing is due. For tests: move the clock, then
   * call this, then assert.
   *
   * @return number of run activations processed
   */
  public int runDueWork() {
    requireOpen();
    int processed = 0;
    while (true) {
      Instant now = clock.instant();
      List<RunRecord> due = runStore.claimDue(now, claimBatch, processor.owner(), now.plus(processor.lease()));
      if (due.isEmpty()) {
        return processed;
      }
      for (RunRecord run : due) {
        processor.process(run);
        processed++;
      }
    }
  }

  /**
   * Starts one run of each Active workflow of the event's organization whose trigger matches the event. Publishing
   * the same event id again starts nothing new and returns the runs it already started.
   *
   * @return the runs started (or found) for this event
   * @throws IllegalArgumentException when the event's type is not a registered trigger type
   */
  public List<Run> publish(Event event) {
    requireOpen();
    Objects.requireNonNull(event, "event must not be null");
    Optional<NodeType<?>> type = registry.find(event.type());
    if (type.isEmpty() || type.get().kind() != NodeKind.TRIGGER) {
      throw new IllegalArgumentException("event.type must be a registered trigger type, but was '" + event.type()
          + "' (event '" + event.id() + "'); known trigger types: " + triggerNames());
    }
    List<Workflow> candidates = workflowStore.activeFor(event.organizationId(), event.type());
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<Run> result = new ArrayList<>(candidates.size());
    for (Workflow workflow : candidates) {
      CompiledWorkflow cw = compile(workflow);
      if (cw.matches(event)) {
        result.add(start(cw, event, false).toRun());
      }
    }
    return result;
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
    CompiledWorkflow cw = compile(workflow);
    if (!MANUAL.equals(cw.triggerTypeName())) {
      throw new IllegalStateException("workflow '" + workflowId + "' is triggered by '" + cw.triggerTypeName()
          + "', not 'manual'; publish an event of that type instead");
    }
    Event event = new Event(requestId, organizationId, MANUAL, clock.instant(), data);
    return start(cw, event, false).toRun();
  }

  private static final String MANUAL = "manual";

  /** Creates the run already claimed by this engine and executes it (test runs: the caller executes it). */
  private RunRecord start(CompiledWorkflow cw, Event event, boolean testRun) {
    Instant now = clock.instant();
    Workflow w = cw.workflow();
    RunRecord record = new RunRecord(Ids.random(), w.organizationId(), w.id(), w.version(), event, testRun,
        RunStatus.QUEUED, cw.start(now), Map.of(), now, now, null, null, 1);
    CreateResult created = runStore.createClaimed(record, processor.owner(), now, now.plus(processor.lease()));
    RunRecord run = created.run();
    if (!created.created()) {
      return run;
    }
    listeners.notify("runStarted", run, RunListener::runStarted);
    if (!testRun) {
      try {
        executor.execute(() -> processor.process(run));
      } catch (RejectedExecutionException e) {
        log.warn("Executor refused run {}; it will be resumed when its lease expires ({})", run.id(),
            processor.lease());
      }
    }
    return run;
  }

  /**
   * Run once: runs a workflow (Draft or Active) on a sample event of its trigger type, from the host's
   * {@link SampleDataProvider} when it has one, else the trigger type's built-in sample. Side effects are off
   * unless a node opts in; delays are skipped. Returns when the run is done.
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
    CompiledWorkflow cw = CompiledWorkflow.compile(workflow, validator);
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
    RunRecord started = start(cw, testEvent, true);
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

  private CompiledWorkflow compile(Workflow w) {
    VersionKey key = new VersionKey(w.organizationId(), w.id(), w.version());
    CompiledWorkflow cw = compiled.get(key);
    if (cw == null) {
      cw = compiled.computeIfAbsent(key, k -> CompiledWorkflow.compile(w, validator));
    }
    return cw;
  }

  private CompiledWorkflow compiledVersion(String organizationId, String workflowId, int version) {
    CompiledWorkflow cw = compiled.get(new VersionKey(organizationId, workflowId, version));
    if (cw != null) {
      return cw;
    }
    return workflowStore.findVersion(organizationId, workflowId, version).map(this::compile).orElse(null);
  }

  private void forget(String organizationId, String workflowId) {
    compiled.keySet().removeIf(k -> k.organizationId().equals(organizationId) && k.workflowId().equals(workflowId));
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
   * Stops the poller, lets steps in flight finish (up to the shutdown grace period), then stops the workers.
   * Runs that were interrupted keep their lease until it expires, then another engine instance resumes them.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (poller != null) {
      poller.shutdownNow();
    }
    if (ownsExecutor && executor instanceof ExecutorService service) {
      service.shutdown();
      try {
        if (!service.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("Steps still running after the shutdown grace of {}; interrupting them", shutdownGrace);
          service.shutdownNow();
        }
      } catch (InterruptedException e) {
        service.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    watchdog.close();
  }

  /**
   * Configures an engine. Every setting has a documented default; the stores default to the in-memory ones.
   */
  public static final class Builder {
    private WorkflowStore workflowStore;
    private RunStore runStore;
    private String storeUrl;
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
    private String owner = "engine-" + Ids.random().substring(0, 8);

    Builder() {}

    /** Both stores explicitly. Wins over {@link #storeUrl}. */
    public Builder stores(WorkflowStore workflows, RunStore runs) {
      this.workflowStore = Objects.requireNonNull(workflows, "workflow store must not be null");
      this.runStore = Objects.requireNonNull(runs, "run store must not be null");
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

    /** Size of the default executor; 1 to 1024, default {@value #DEFAULT_WORKER_THREADS}. */
    public Builder workerThreads(int value) {
      if (value < 1 || value > 1024) {
        throw new IllegalArgumentException("workerThreads must be between 1 and 1024, but was " + value);
      }
      this.workerThreads = value;
      return this;
    }

    /**
     * Adds the node types of a provider (e.g. a configured {@code StandardSteps}) and its activation checks
     * ({@link NodeTypeProvider#checks()}), once per provider even when given twice. A provider found by
     * {@link #discoverNodeTypes discovery} adds its checks only when at least one of its types is registered, so a
     * discovered copy of a provider given here adds nothing.
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

    /** Lease of a claimed run; 1 second to 1 day, default 5 minutes. Must exceed the longest step. */
    public Builder lease(Duration value) {
      requireBetween("lease", value, Duration.ofSeconds(1), Duration.ofDays(1));
      this.lease = value;
      return this;
    }

    /** How often the poller looks for due work; 10 ms to 1 hour, default 1 s. */
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
     */
    public WorkflowEngine build() {
      StoreProvider.Stores stores;
      if (workflowStore != null) {
        stores = new StoreProvider.Stores(workflowStore, runStore);
      } else {
        String url = storeUrl == null ? DEFAULT_STORE_URL : storeUrl;
        stores = ServiceLoader.load(StoreProvider.class, WorkflowEngine.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(StoreProvider::priority).reversed())
            .map(p -> p.open(url))
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow(() -> new PartnerflowException("no StoreProvider handles the store URL '" + url
                + "'; is the module with that store on the class path?"));
        log.info("Partnerflow store for '{}': {}", url.replaceAll("//[^@/]*@", "//***@"),
            stores.runs().getClass().getSimpleName());
      }
      NodeTypeRegistry.Builder rb = NodeTypeRegistry.builder();
      java.util.Set<String> manual = new java.util.HashSet<>();
      providers.forEach(p -> p.nodeTypes().forEach(t -> manual.add(t.name())));
      types.forEach(t -> manual.add(t.name()));
      providers.forEach(rb::add);
      types.forEach(rb::add);
      List<WorkflowCheck> providerChecks = new ArrayList<>();
      java.util.Set<NodeTypeProvider> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (NodeTypeProvider p : providers) {
        if (seen.add(p)) {
          providerChecks.addAll(p.checks());
        }
      }
      if (discoverNodeTypes) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        for (NodeTypeProvider p : ServiceLoader.load(NodeTypeProvider.class,
            cl == null ? WorkflowEngine.class.getClassLoader() : cl)) {
          boolean registered = false;
          for (NodeType<?> t : p.nodeTypes()) {
            if (!manual.contains(t.name()) && !"delay".equals(t.name()) && !"branch".equals(t.name())) {
              rb.add(t);
              registered = true;
            }
          }
          if (registered) {
            providerChecks.addAll(p.checks());
          }
        }
      }
      Executor exec = executor;
      boolean owns = false;
      if (exec == null) {
        AtomicInteger n = new AtomicInteger();
        exec = Executors.newFixedThreadPool(workerThreads, r -> {
          Thread t = new Thread(r, "partnerflow-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
        owns = true;
      }
      // the constructor builds the validator from 'checks'; the providers' checks join them for this engine only,
      // so that build() can be called again
      int handGiven = checks.size();
      checks.addAll(providerChecks);
      try {
        return new WorkflowEngine(this, stores, exec, owns, rb.build());
      } finally {
        checks.subList(handGiven, checks.size()).clear();
      }
    }
  }
}
