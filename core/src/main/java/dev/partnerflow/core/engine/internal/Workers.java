package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's worker capacity and its poller. A run is executed only when a worker slot is free for it: the
 * dispatcher reserves a slot before creating a run already claimed, and the poller claims at most as many due runs
 * as there are free slots (db-scheduler's lock-and-fetch), so a claimed run starts executing at once and its lease
 * is never spent waiting in a queue. Runs that find no free slot stay queued in the store, where the poller (of
 * this engine or another) picks them up when capacity frees; nothing piles up in the heap.
 *
 * <p>The poller also extends the leases of the runs in flight (a heartbeat every third of the lease) and, on
 * {@link #close}, hands back runs this engine claimed but did not finish, so that another engine resumes them at
 * once instead of after their lease.
 */
public final class Workers {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);
  /** How long close waits for interrupted steps to return before releasing their runs anyway. */
  private static final Duration INTERRUPTED_GRACE = Duration.ofSeconds(2);

  private final RunStore runs;
  private final Clock clock;
  private final Executor executor;
  private final ThreadPoolExecutor ownedPool;
  private final Semaphore slots;
  private final int claimBatch;
  private final Duration pollInterval;
  private final Duration heartbeatInterval;
  private final Runnable afterPoll;
  private final Listeners listeners;
  private final int capacity;
  private final Map<String, RunProcessor.Ticket> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger replacements = new AtomicInteger();
  private volatile RunProcessor processor;
  private volatile boolean backlog;
  private volatile boolean closing;
  private volatile Thread poller;
  /** When the poller means to poll next (engine time); null before it first planned. */
  private volatile Instant nextPollAt;
  private long lastHeartbeatNanos = System.nanoTime();
  private final StoreOutage outage;

  /**
   * @param executor where runs execute
   * @param ownedPool the same executor when the engine created it (it may then grow by one thread per abandoned
   *     thread, and is drained and shut down on close), else null
   * @param capacity the most runs executing at once
   * @param afterPoll runs on the poller thread after each poll (the engine checks runs someone waits for)
   */
  public Workers(RunStore runs, Clock clock, Executor executor, ThreadPoolExecutor ownedPool, int capacity,
      int claimBatch, Duration pollInterval, Duration lease, Runnable afterPoll, Listeners listeners,
      StoreOutage outage) {
    this.outage = outage;
    this.listeners = listeners;
    this.capacity = capacity;
    this.runs = runs;
    this.clock = clock;
    this.executor = executor;
    this.ownedPool = ownedPool;
    this.slots = new Semaphore(capacity);
    this.claimBatch = claimBatch;
    this.pollInterval = pollInterval;
    this.heartbeatInterval = lease.dividedBy(3);
    this.afterPoll = afterPoll;
  }

  public void bind(RunProcessor value) {
    this.processor = value;
  }

  /** Takes a free worker slot if there is one; the caller then {@link #submit}s a claimed run or unreserves. */
  public boolean tryReserve() {
    return !closing && slots.tryAcquire();
  }

  /** Gives back reserved slots that were not used. */
  public void unreserve(int count) {
    if (count > 0) {
      slots.release(count);
    }
  }

  /** A run was left queued in the store for lack of a slot: claim it as soon as one frees. */
  public void backlog() {
    backlog = true;
  }

  /** Runs executing now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** The most runs executing at once. */
  public int capacity() {
    return capacity;
  }

  /**
   * Executes a run claimed for this engine on a reserved slot. @return the state after the part that ran in the
   * calling thread (everything, for an executor that runs tasks in the caller), else the claimed state
   */
  public RunRecord submit(RunRecord claimed) {
    RunTask task = new RunTask(claimed);
    inFlight.put(claimed.id(), task.ticket);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      giveBack(task, "the executor refused it");
      return task.result != null ? task.result : claimed;
    }
    return task.result != null ? task.result : claimed;
  }

  private final class RunTask implements Runnable {
    final RunRecord claimed;
    final RunProcessor.Ticket ticket;
    volatile RunRecord result;

    RunTask(RunRecord claimed) {
      this.claimed = claimed;
      this.ticket = new RunProcessor.Ticket(claimed, this::done);
    }

    @Override
    public void run() {
      if (closing) {
        giveBack(this, "the engine is closing");
        return;
      }
      result = processor.process(claimed, ticket);
    }

    private void done() {
      inFlight.remove(claimed.id(), ticket);
      slots.release();
      if (closing) {
        return;
      }
      if (backlog || wakesBeforeNextPoll(ticket.wakeAt())) {
        wakePoller();
      }
    }
  }

  /** Hands a claimed run that will not execute here back to the store, due at once for any engine. */
  private void giveBack(RunTask task, String why) {
    try {
      if (runs.release(task.claimed.id(), task.ticket.version(), processor.owner(), clock.instant())) {
        log.debug("Run {} released without executing: {}", task.claimed.id(), why);
      }
    } catch (Throwable t) {
      log.warn("Could not release run {} ({}); it is resumed when its lease expires", task.claimed.id(), why, t);
    } finally {
      task.ticket.done();
    }
  }

  /** For an abandoned worker thread: continue on a stand-in thread. */
  public void continueElsewhere(Runnable continuation) {
    if (ownedPool != null && !closing) {
      synchronized (ownedPool) {
        ownedPool.setMaximumPoolSize(ownedPool.getMaximumPoolSize() + 1);
        ownedPool.setCorePoolSize(ownedPool.getCorePoolSize() + 1);
      }
      try {
        ownedPool.execute(continuation);
        return;
      } catch (RejectedExecutionException e) {
        log.debug("Pool closed; continuing the abandoned run on a thread of its own");
      }
    }
    Thread t = new Thread(continuation, "partnerflow-replacement-" + replacements.incrementAndGet());
    t.setDaemon(true);
    t.start();
  }

  /** The stuck thread is back: the pool shrinks to its size again. */
  public void abandonedThreadReturned() {
    if (ownedPool != null) {
      synchronized (ownedPool) {
        ownedPool.setCorePoolSize(ownedPool.getCorePoolSize() - 1);
        ownedPool.setMaximumPoolSize(ownedPool.getMaximumPoolSize() - 1);
      }
    }
  }

  /** Tells listeners that a due run was claimed, and how late. */
  public void claimed(RunRecord run, Instant now) {
    Instant due = run.nextWakeAt();
    Duration late = due == null || !due.isBefore(now) ? Duration.ZERO : Duration.between(due, now);
    listeners.runClaimed(run, late);
  }

  /** Starts the poller thread. */
  public void start(String name) {
    Thread t = new Thread(this::pollLoop, name);
    t.setDaemon(true);
    poller = t;
    t.start();
  }

  public boolean started() {
    return poller != null;
  }

  private void wakePoller() {
    Thread t = poller;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void pollLoop() {
    while (!closing) {
      long park = Math.min(pollInterval.toNanos(), heartbeatInterval.toNanos());
      try {
        pollOnce();
        heartbeatIfDue();
        afterPoll.run();
        // published before looking, so a run that parks after the look wakes this poller (wakesBeforeNextPoll)
        nextPollAt = clock.instant().plusNanos(park);
        park = untilNextPoll(park);
        outage.ok();
      } catch (Throwable t) {
        outage.failed("polling for due runs", t);
      }
      if (!backlog || slots.availablePermits() == 0) {
        nextPollAt = clock.instant().plusNanos(park);
        LockSupport.parkNanos(this, park);
      }
    }
  }

  /** A run was created waiting until {@code wakeAt}: the poller plans its sleep with it if it comes due first. */
  public void parked(Instant wakeAt) {
    if (!closing && wakesBeforeNextPoll(wakeAt)) {
      wakePoller();
    }
  }

  /**
   * Whether a run that just parked here (a delay, a retry backoff) comes due before the poller means to look again:
   * the poller then wakes to plan its sleep with it, instead of finding it only at its next poll.
   */
  private boolean wakesBeforeNextPoll(Instant wakeAt) {
    Instant planned = nextPollAt;
    return wakeAt != null && (planned == null || wakeAt.isBefore(planned));
  }

  /**
   * How long the poller sleeps: the full interval, or, when a stored run comes due before that and a worker is
   * free, until it does — but at least a tenth of the interval (at most 100 ms, at least 10 ms), so that a stream of
   * due times is claimed in batches, a poller looks at most ten times a second, and one step polls as it did
   * before. Without this a due run waited for the next poll, half an interval on average; and the pollers of
   * several engines, each sleeping a fixed delay after its poll, drift into step (docs/benchmarks.md, claim
   * latency), so more engines did not shorten the wait. A store that cannot answer keeps the interval.
   */
  private long untilNextPoll(long interval) {
    if (slots.availablePermits() == 0 || backlog) {
      // no worker free to take an earlier run, or the poller polls again at once without sleeping: no need to look
      return interval;
    }
    Instant now = clock.instant();
    List<Instant> due = runs.dueTimers(now.plusNanos(interval), 1);
    if (due.isEmpty()) {
      return interval;
    }
    // already due: it came due during this poll, or another engine holds it; either way look again soon
    long nanos = due.get(0).isAfter(now) ? Duration.between(now, due.get(0)).toNanos() : 0;
    return Math.max(nanos, Math.max(MIN_PARK_NANOS, Math.min(interval / 10, MAX_FLOOR_NANOS)));
  }

  private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Claims as many due runs as there are free slots (at most one batch) and starts them. */
  public int pollOnce() {
    int wanted = Math.min(slots.availablePermits(), claimBatch);
    if (wanted <= 0 || closing) {
      return 0;
    }
    int reserved = 0;
    while (reserved < wanted && slots.tryAcquire()) {
      reserved++;
    }
    List<RunRecord> claimed = List.of();
    try {
      Instant now = clock.instant();
      claimed = runs.claimDue(now, reserved, processor.owner(), now.plus(processor.lease()));
    } finally {
      slots.release(reserved - claimed.size());
    }
    backlog = reserved > 0 && claimed.size() == reserved;
    Instant now = clock.instant();
    for (RunRecord run : claimed) {
      claimed(run, now);
      submit(run);
    }
    return claimed.size();
  }

  private void heartbeatIfDue() {
    long now = System.nanoTime();
    if (now - lastHeartbeatNanos < heartbeatInterval.toNanos() || inFlight.isEmpty()) {
      return;
    }
    lastHeartbeatNanos = now;
    Set<String> lost = runs.heartbeat(processor.owner(), List.copyOf(inFlight.keySet()),
        clock.instant().plus(processor.lease()));
    if (!lost.isEmpty()) {
      log.info("Lost the lease of {} run(s) in flight ({}); their workers stop at their next step", lost.size(),
          lost.size() <= 5 ? lost : lost.size() + " runs");
    }
  }

  /**
   * Stops the poller, releases runs claimed but not started, lets runs in flight finish within the grace, then
   * releases the ones still running so that another engine resumes them at once.
   */
  public void close(Duration grace) {
    closing = true;
    Thread t = poller;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(Math.max(1, pollInterval.toMillis() * 2 + 1000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int queuedReleased = 0;
    if (ownedPool != null) {
      List<Runnable> notStarted = new ArrayList<>();
      ownedPool.getQueue().drainTo(notStarted);
      for (Runnable r : notStarted) {
        if (r instanceof RunTask task) {
          giveBack(task, "the engine is closing");
          queuedReleased++;
        }
      }
      ownedPool.shutdown();
      try {
        if (!ownedPool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{} run(s) still executing after the shutdown grace of {}; interrupting them", inFlight.size(),
              grace);
          ownedPool.shutdownNow();
          // interrupted steps end and their runs are given back at the next step; what is still stuck after
          // this is released below
          ownedPool.awaitTermination(INTERRUPTED_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        ownedPool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    int runningReleased = 0;
    for (RunProcessor.Ticket ticket : List.copyOf(inFlight.values())) {
      try {
        if (runs.release(ticket.runId(), ticket.version(), processor.owner(), clock.instant())) {
          runningReleased++;
        }
      } catch (Throwable e) {
        log.warn("Could not release run {} on close; it is resumed when its lease expires", ticket.runId(), e);
      }
    }
    if (queuedReleased > 0 || runningReleased > 0) {
      log.info("Engine {} closed: released {} run(s) that had not started and {} run(s) interrupted after the "
          + "grace; the next engine on this store claims them at once", processor.owner(), queuedReleased,
          runningReleased);
    }
  }
}
