package dev.partnerflow.core.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.partnerflow.core.event.Event;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Config of the {@code delay} node: wait a fixed duration, or until a date taken from the event plus an offset.
 * The run parks with its wake-up time stored; no thread waits.
 *
 * <pre>{@code
 * DelayConfig week = DelayConfig.of(Duration.ofDays(7));                                   // {"duration":"P7D"}
 * DelayConfig before = DelayConfig.until("partner.contractRenewalDate", Duration.ofDays(-14)); // 14 days before
 * }</pre>
 *
 * @param duration how long to wait (ISO-8601, e.g. {@code PT1H}, {@code P7D}); positive, at most
 *     {@link #MAX_DELAY}
 * @param until dotted path to a date ({@code 2026-12-01}, read as midnight UTC) or instant in the event data
 * @param offset added to the date of {@code until}; may be negative; at most {@link #MAX_DELAY} either way
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DelayConfig(
    Duration duration,
    @Pattern(regexp = "[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*", message = "must be a dotted field path") String until,
    Duration offset) {
  /** Longest delay: 3,650 days. */
  public static final Duration MAX_DELAY = Duration.ofDays(3650);

  public static DelayConfig of(Duration duration) {
    return new DelayConfig(duration, null, null);
  }

  public static DelayConfig until(String fieldPath, Duration offset) {
    return new DelayConfig(null, fieldPath, offset);
  }

  @JsonIgnore
  @AssertTrue(message = "exactly one of 'duration' or 'until' must be set")
  public boolean isExactlyOneModeSet() {
    return (duration == null) != (until == null);
  }

  @JsonIgnore
  @AssertTrue(message = "'duration' must be positive and at most 3650 days")
  public boolean isDurationInRange() {
    return duration == null || (duration.compareTo(Duration.ZERO) > 0 && duration.compareTo(MAX_DELAY) <= 0);
  }

  @JsonIgnore
  @AssertTrue(message = "'offset' must be at most 3650 days either way, and only with 'until'")
  public boolean isOffsetInRange() {
    return offset == null || (until != null && offset.abs().compareTo(MAX_DELAY) <= 0);
  }

  /**
   * When a run that reaches this node at {@code now} wakes up. A date in the past means "no wait" ({@code now}).
   *
   * @throws IllegalArgumentException when the {@code until} field is missing or not a date, naming the path
   */
  public Instant wakeUpAt(Instant now, Event event) {
    if (duration != null) {
      return now.plus(duration);
    }
    Object raw = event.value(until).orElseThrow(() ->
        new IllegalArgumentException("delay 'until' field '" + until + "' is missing from the event data"));
    Instant date = parseDate(raw).orElseThrow(() -> new IllegalArgumentException("delay 'until' field '" + until
        + "' must be an ISO-8601 date or instant, but was '" + raw + "'"));
    Instant wake = offset == null ? date : date.plus(offset);
    return wake.isBefore(now) ? now : wake;
  }

  private static Optional<Instant> parseDate(Object raw) {
    String text = raw.toString();
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException ignored) {
      // try the other accepted forms
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException ignored) {
      // try a plain date
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
