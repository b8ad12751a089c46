package dev.partnerflow.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that only moves when told to. Thread-safe.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
 * clock.advance(Duration.ofDays(7));
 * }</pre>
 */
public final class SettableClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  public SettableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private SettableClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start must not be null");
    this.zone = zone;
  }

  /** A clock at an ISO-8601 instant. */
  public static SettableClock at(String instant) {
    return new SettableClock(Instant.parse(instant));
  }

  public void set(Instant value) {
    this.now = Objects.requireNonNull(value, "instant must not be null");
  }

  /** Moves forward (or back, with a negative duration). */
  public synchronized void advance(Duration by) {
    this.now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId value) {
    return new SettableClock(now, value);
  }
}
