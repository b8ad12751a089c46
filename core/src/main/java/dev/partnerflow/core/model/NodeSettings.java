package dev.partnerflow.core.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-node engine settings, all optional: absent values take the engine's defaults.
 *
 * <pre>{@code
 * NodeSettings settings = NodeSettings.DEFAULTS.withRetry(RetryPolicy.DEFAULT.withMaxAttempts(5))
 *     .withContinueOnFailure(true);
 * }</pre>
 *
 * @param retry retry policy; empty means the engine default ({@link RetryPolicy#DEFAULT})
 * @param timeout how long one attempt may take; empty means the engine default (30 s); 1 ms to 1 hour
 * @param continueOnFailure when the step fails for good, go on along its outgoing edges instead of failing the run
 * @param minutesSaved overrides the step type's minutes-saved figure; 0 to 10,000
 * @param actInTestRuns perform the real side effect in a test run ("Run once") instead of a dry run
 */
public record NodeSettings(
    Optional<RetryPolicy> retry,
    Optional<Duration> timeout,
    boolean continueOnFailure,
    Optional<Integer> minutesSaved,
    boolean actInTestRuns) {
  /** Longest timeout a node may ask for. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  /** Largest minutes-saved override. */
  public static final int MAX_MINUTES_SAVED = 10_000;
  /** Every setting at the engine default. */
  public static final NodeSettings DEFAULTS =
      new NodeSettings(Optional.empty(), Optional.empty(), false, Optional.empty(), false);

  public NodeSettings {
    retry = retry == null ? Optional.empty() : retry;
    timeout = timeout == null ? Optional.empty() : timeout;
    minutesSaved = minutesSaved == null ? Optional.empty() : minutesSaved;
    timeout.ifPresent(t -> {
      if (t.compareTo(Duration.ofMillis(1)) < 0 || t.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("timeout must be between 1 ms and 1 hour, but was " + t);
      }
    });
    minutesSaved.ifPresent(m -> {
      if (m < 0 || m > MAX_MINUTES_SAVED) {
        throw new IllegalArgumentException("minutesSaved must be between 0 and 10000, but was " + m);
      }
    });
  }

  public NodeSettings withRetry(RetryPolicy policy) {
    return new NodeSettings(Optional.of(policy), timeout, continueOnFailure, minutesSaved, actInTestRuns);
  }

  public NodeSettings withTimeout(Duration value) {
    return new NodeSettings(retry, Optional.of(value), continueOnFailure, minutesSaved, actInTestRuns);
  }

  public NodeSettings withContinueOnFailure(boolean value) {
    return new NodeSettings(retry, timeout, value, minutesSaved, actInTestRuns);
  }

  public NodeSettings withMinutesSaved(int value) {
    return new NodeSettings(retry, timeout, continueOnFailure, Optional.of(value), actInTestRuns);
  }

  public NodeSettings withActInTestRuns(boolean value) {
    return new NodeSettings(retry, timeout, continueOnFailure, minutesSaved, value);
  }

  /** True when every setting is the default, so the JSON writer can leave the block out. */
  public boolean isDefault() {
    return equals(DEFAULTS);
  }
}
