package dev.partnerflow.core.engine.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the run store is reachable, as the poller and the workers see it. An outage is logged once when it starts
 * (further failures at debug level) and once when it is over, instead of once per poll and per run.
 *
 * <p>An outage is over when the store has answered for {@link #SETTLE} with no failure in between. Right after a
 * database comes back, calls still fail for a moment (pooled connections that broke during the outage fail once
 * each before the pool replaces them) while others already succeed: those failures belong to the same outage. The
 * rule counts from the first answer, not from the last failure: while a database is cut off, calls usually hang
 * until a timeout instead of failing, so a long silence says nothing about recovery.
 */
public final class StoreOutage {
  /** How long the store must have answered without a failure before an outage counts as over. */
  static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);
  private final LongSupplier nanoTime;
  private final AtomicReference<Long> since = new AtomicReference<>();
  /** When the store first answered after the latest failure; {@link #NOT_ANSWERING} until it does. */
  private final AtomicLong answeringSince = new AtomicLong(NOT_ANSWERING);
  private static final long NOT_ANSWERING = Long.MIN_VALUE;
  private final AtomicLong failures = new AtomicLong();

  public StoreOutage() {
    this(System::nanoTime);
  }

  /** @param nanoTime a monotonic time source in nanoseconds (tests pass their own) */
  StoreOutage(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** A store call failed; @param what what was being done */
  public void failed(String what, Throwable t) {
    long now = nanoTime.getAsLong();
    failures.incrementAndGet();
    answeringSince.set(NOT_ANSWERING);
    if (since.compareAndSet(null, now)) {
      log.warn("Partnerflow store unreachable ({} failed: {}); retrying, runs in flight are resumed when their "
          + "leases expire. Logged once until the store answers again", what, t.toString(), t);
    } else {
      log.debug("Store still unreachable: {} failed", what, t);
    }
  }

  /** A store call succeeded. */
  public void ok() {
    Long started = since.get();
    if (started == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    long answering = answeringSince.get();
    if (answering == NOT_ANSWERING) {
      answeringSince.compareAndSet(NOT_ANSWERING, now);
    } else if (now - answering >= SETTLE.toNanos() && since.compareAndSet(started, null)) {
      log.info("Partnerflow store reachable again after {} ({} failed call(s))",
          Duration.ofNanos(answering - started), failures.getAndSet(0));
    }
  }

  /** Whether an outage is going on (a failure not yet followed by {@link #SETTLE} of answers without a failure). */
  boolean ongoing() {
    return since.get() != null;
  }
}
