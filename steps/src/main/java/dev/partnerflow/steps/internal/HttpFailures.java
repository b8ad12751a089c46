package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.steps.http.OutboundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How an HTTP status becomes a step failure: 5xx, 408 and 429 retryable (honouring Retry-After), others permanent. */
public final class HttpFailures {
  /** Longest Retry-After honoured; longer waits are capped. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  private HttpFailures() {}

  /**
   * Throws the failure for a non-2xx response.
   *
   * @param what a description of the destination without secrets, e.g. "webhook https://crm.example/hooks"
   */
  public static void throwIfFailed(OutboundResponse response, String what, StepContext ctx) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return;
    }
    if (status >= 300 && status < 400) {
      String location = response.header("location").map(Urls::redact).orElse("no Location");
      throw StepFailedException.permanent(what + " answered " + status + " (redirect to " + location
          + "); redirects are not followed: point the step at the final URL");
    }
    if (status == 408 || status == 429 || status >= 500) {
      Optional<Duration> wait = retryAfter(response, ctx);
      String message = what + " answered " + status + (status == 429 ? " (rate limited)" : "")
          + wait.map(w -> "; retry after " + w.toSeconds() + " s as the server asked").orElse("");
      throw wait.isPresent() ? StepFailedException.retryAfter(message, wait.get())
          : StepFailedException.retryable(message);
    }
    throw StepFailedException.permanent(what + " answered " + status + "; a 4xx other than 408 and 429 is not "
        + "retried: check the step's configuration and the receiver");
  }

  /** The Retry-After header as a wait: delta seconds or an HTTP date (read against the step's clock). */
  public static Optional<Duration> retryAfter(OutboundResponse response, StepContext ctx) {
    Optional<String> header = response.header("retry-after");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(ctx.clock().instant(), at);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      wait = Duration.ZERO;
    }
    return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
  }
}
