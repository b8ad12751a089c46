package dev.partnerflow.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how fast a step that fails with a retryable failure is tried again. Backoff between attempts
 * is a stored wake-up time, never a sleeping thread.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.DEFAULT.withMaxAttempts(5);
 * }</pre>
 *
 * @param maxAttempts total attempts including the first, 1 to 100
 * @param initialBackoff wait before the second attempt, at least 0
 * @param multiplier factor applied to the wait after each attempt, 1.0 to 10.0
 * @param maxBackoff upper bound of a single wait, not below {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
  /** Default attempts: {@value}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Default first backoff: 1 second. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** Default multiplier: {@value}. */
  public static final double DEFAULT_MULTIPLIER = 2.0;
  /** Default longest backoff: 5 minutes. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
  /** 3 attempts, 1 s first backoff, doubling, at most 5 minutes. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MULTIPLIER, DEFAULT_MAX_BACKOFF);
  /** A single attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "retry.initialBackoff must not be null");
    Objects.requireNonNull(maxBackoff, "retry.maxBackoff must not be null");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("retry.maxAttempts must be between 1 and 100, but was " + maxAttempts);
    }
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("retry.initialBackoff must not be negative, but was " + initialBackoff);
    }
    if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
      throw new IllegalArgumentException("retry.multiplier must be between 1.0 and 10.0, but was " + multiplier);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "retry.maxBackoff must not be below retry.initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
    }
  }

  /** A copy with another number of attempts. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, multiplier, maxBackoff);
  }

  /**
   * The wait after attempt {@code attempt} (1-based) failed: {@code initialBackoff * multiplier^(attempt-1)},
   * capped at {@code maxBackoff}.
   */
  public Duration backoffAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    if (millis >= maxBackoff.toMillis()) {
      return maxBackoff;
    }
    return Duration.ofMillis((long) millis);
  }
}
