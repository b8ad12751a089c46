package dev.partnerflow.core.engine.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the run store is reachable, as the poller and the workers see it. An outage is logged once when it starts
 * (further failures at debug level) and once when the store answers again, instead of once per poll and per run.
 */
public final class StoreOutage {
  private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);
  private final AtomicReference<Long> since = new AtomicReference<>();
  private final AtomicLong failures = new AtomicLong();

  /** A store call failed; @param what what was being done */
  public void failed(String what, Throwable t) {
    failures.incrementAndGet();
    if (since.compareAndSet(null, System.nanoTime())) {
      log.warn("Partnerflow store unreachable ({} failed: {}); retrying, runs in flight are resumed when their "
          + "leases expire. Logged once until the store answers again", what, t.toString(), t);
    } else {
      log.debug("Store still unreachable: {} failed", what, t);
    }
  }

  /** A store call succeeded. */
  public void ok() {
    Long started = since.get();
    if (started != null && since.compareAndSet(started, null)) {
      log.info("Partnerflow store reachable again after {} ({} failed call(s))",
          Duration.ofNanos(System.nanoTime() - started), failures.getAndSet(0));
    }
  }
}
