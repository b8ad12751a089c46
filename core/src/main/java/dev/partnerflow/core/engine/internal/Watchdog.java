package dev.partnerflow.core.engine.internal;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces step timeouts without a timer per step: each worker thread has one reusable slot holding its current
 * deadline; one daemon thread checks the slots every {@link #TICK} and interrupts a thread whose step overran.
 * Step timeouts are real elapsed time (not the engine clock): they bound how long a worker thread is held.
 */
public final class Watchdog implements AutoCloseable {
  /** How often deadlines are checked, and so how late a timeout may fire at most. */
  public static final Duration TICK = Duration.ofMillis(20);

  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int TIMED_OUT = 2;

  private static final class Slot {
    final Thread thread = Thread.currentThread();
    final AtomicInteger state = new AtomicInteger(IDLE);
    volatile long deadline;
  }

  private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);
  private final ScheduledExecutorService ticker;

  public Watchdog() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "partnerflow-step-watchdog");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::check, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Slot register() {
    Slot slot = new Slot();
    slots.add(slot);
    return slot;
  }

  /** Starts timing the current thread's step. */
  public void enter(Duration timeout) {
    Slot slot = mine.get();
    slot.deadline = System.nanoTime() + timeout.toNanos();
    slot.state.set(RUNNING);
  }

  /** Stops timing; true when the step overran its timeout (the thread's interrupt flag is then cleared). */
  public boolean exit() {
    Slot slot = mine.get();
    if (slot.state.compareAndSet(RUNNING, IDLE)) {
      return false;
    }
    synchronized (slot) {
      Thread.interrupted();
      slot.state.set(IDLE);
    }
    return true;
  }

  private void check() {
    long now = System.nanoTime();
    for (Slot slot : slots) {
      if (!slot.thread.isAlive()) {
        slots.remove(slot);
        continue;
      }
      if (slot.state.get() == RUNNING && now - slot.deadline > 0) {
        synchronized (slot) {
          if (slot.state.compareAndSet(RUNNING, TIMED_OUT)) {
            slot.thread.interrupt();
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
