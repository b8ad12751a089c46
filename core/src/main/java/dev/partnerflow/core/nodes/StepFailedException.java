package dev.partnerflow.core.nodes;

import dev.partnerflow.core.PartnerflowException;
import java.time.Duration;
import java.util.Optional;

/**
 * Thrown by an {@link ActionType} to say how a step failed: retryable (tried again under the node's retry policy)
 * or permanent (not tried again).
 *
 * <pre>{@code
 * if (status == 429) throw StepFailedException.retryAfter("rate limited by Slack", Duration.ofSeconds(30));
 * if (status >= 400 && status < 500) throw StepFailedException.permanent("webhook refused with " + status);
 * }</pre>
 */
public class StepFailedException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient Optional<Duration> retryAfter;

  protected StepFailedException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = Optional.ofNullable(retryAfter);
  }

  public static StepFailedException retryable(String message) {
    return new StepFailedException(message, true, null, null);
  }

  public static StepFailedException retryable(String message, Throwable cause) {
    return new StepFailedException(message, true, null, cause);
  }

  /** Retryable, and the next attempt should wait at least {@code wait} (e.g. an HTTP Retry-After). */
  public static StepFailedException retryAfter(String message, Duration wait) {
    return new StepFailedException(message, true, wait, null);
  }

  public static StepFailedException permanent(String message) {
    return new StepFailedException(message, false, null, null);
  }

  public static StepFailedException permanent(String message, Throwable cause) {
    return new StepFailedException(message, false, null, cause);
  }

  public boolean isRetryable() {
    return retryable;
  }

  /** The least wait the failing side asked for before the next attempt, if it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
