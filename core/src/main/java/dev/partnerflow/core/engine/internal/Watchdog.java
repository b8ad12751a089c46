package dev.partnerflow.core.engine.internal;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces step timeouts without a timer per step: each worker thread has one reusable slot holding its current
 * deadline; one daemon thread checks the slots every {@link #TICK}. A step that overruns is interrupted; a step that
 * ignores the interruption for {@link #ABANDON_AFTER} loses its thread: the slot is marked abandoned and the
 * step's {@code onAbandon} action runs (the engine records the timeout and continues the run elsewhere), and
 * whatever the stuck step returns later is discarded. Step timeouts are real elapsed time (not the engine clock):
 * they bound how long a worker thread is held.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
  /** How often deadlines are checked, and so how late a timeout may fire at most. */
  public static final Duration TICK = Duration.ofMillis(20);
  /** How long an interrupted step may take to return before its thread is given up. */
  public static final Duration ABANDON_AFTER = Duration.ofMillis(500);

  /** How a timed step ended, as seen by its own thread. */
  public enum Exit {
    /** Within its timeout. */
    IN_TIME,
    /** After its timeout, but it returned soon enough after the interruption: the thread records the timeout. */
    TIMED_OUT,
    /** So late that its run was continued elsewhere: the thread must drop everything about this run. */
    ABANDONED
  }

  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int TIMED_OUT = 2;
  private static final int ABANDONED = 3;

  private static final class Slot {
    final Thread thread = Thread.currentThread();
    final AtomicInteger state = new AtomicInteger(IDLE);
    volatile long deadline;
    volatile long abandonAt;
    volatile Runnable onAbandon;
  }

  private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);
  private final ScheduledExecutorService ticker;
  private final AtomicInteger abandonedNow = new AtomicInteger();
  private final AtomicLong abandonedTotal = new AtomicLong();

  public Watchdog() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "partnerflow-step-watchdog");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::checkSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Slot register() {
    Slot slot = new Slot();
    slots.add(slot);
    return slot;
  }

  /**
   * Starts timing the current thread's step.
   *
   * @param onAbandon runs on the watchdog thread if the step is abandoned; must be quick (hand work off)
   */
  public void enter(Duration timeout, Runnable onAbandon) {
    Slot slot = mine.get();
    slot.onAbandon = onAbandon;
    slot.deadline = System.nanoTime() + timeout.toNanos();
    slot.state.set(RUNNING);
  }

  /** Stops timing the current thread's step; clears the interruption the watchdog made, if any. */
  public Exit exit() {
    Slot slot = mine.get();
    if (slot.state.compareAndSet(RUNNING, IDLE)) {
      slot.onAbandon = null;
      return Exit.IN_TIME;
    }
    synchronized (slot) {
      Thread.interrupted();
      slot.onAbandon = null;
      if (slot.state.compareAndSet(TIMED_OUT, IDLE)) {
        return Exit.TIMED_OUT;
      }
      slot.state.set(IDLE);
      abandonedNow.decrementAndGet();
      log.info("Thread {} returned from a step it had been abandoned for; {} thread(s) still abandoned",
          slot.thread.getName(), abandonedNow.get());
      return Exit.ABANDONED;
    }
  }

  /** Threads currently stuck in a step they were abandoned for. */
  public int abandonedNow() {
    return abandonedNow.get();
  }

  /** Threads abandoned since start. */
  public long abandonedTotal() {
    return abandonedTotal.get();
  }

  private void checkSafely() {
    try {
      check();
    } catch (Throwable t) {
      log.error("Step watchdog check failed; it keeps running", t);
    }
  }

  private void check() {
    long now = System.nanoTime();
    for (Slot slot : slots) {
      if (!slot.thread.isAlive()) {
        slots.remove(slot);
        continue;
      }
      int state = slot.state.get();
      if (state == RUNNING && now - slot.deadline > 0) {
        synchronized (slot) {
          if (slot.state.compareAndSet(RUNNING, TIMED_OUT)) {
            slot.abandonAt = now + ABANDON_AFTER.toNanos();
            slot.thread.interrupt();
          }
        }
      } else if (state == TIMED_OUT && now - slot.abandonAt > 0) {
        Runnable onAbandon;
        synchronized (slot) {
          onAbandon = slot.onAbandon;
          if (!slot.state.compareAndSet(TIMED_OUT, ABANDONED)) {
            continue;
          }
        }
        abandonedNow.incrementAndGet();
        abandonedTotal.incrementAndGet();
        log.warn("Thread {} ignored the interruption of its overdue step for {}; abandoning it ({} abandoned now, "
            + "{} since start); the run continues on another thread", slot.thread.getName(), ABANDON_AFTER,
            abandonedNow.get(), abandonedTotal.get());
        if (onAbandon != null) {
          try {
            onAbandon.run();
          } catch (Throwable t) {
            log.error("Continuing the run of abandoned thread {} failed", slot.thread.getName(), t);
          }
        }
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
