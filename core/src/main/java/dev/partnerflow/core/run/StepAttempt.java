package dev.partnerflow.core.run;

import dev.partnerflow.core.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one attempt of one step: what "click any step to see its input, output, and timing" shows.
 *
 * @param runId the run
 * @param nodeId the node
 * @param nodeType the node's type name
 * @param attempt 1 for the first attempt
 * @param status outcome
 * @param input the config after templating, secrets replaced by {@value #REDACTED}
 * @param output what the step produced (for a test run with side effects off, what it would have done)
 * @param startedAt when the attempt started (engine clock)
 * @param finishedAt when it ended (engine clock)
 * @param duration measured execution time
 * @param error why it failed, when it did
 * @param dryRun true when side effects were off (test run)
 * @param minutesSaved minutes credited to this attempt (0 unless it succeeded outside a test run)
 */
public record StepAttempt(
    String runId,
    String nodeId,
    String nodeType,
    int attempt,
    StepStatus status,
    Map<String, Object> input,
    Map<String, Object> output,
    Instant startedAt,
    Instant finishedAt,
    Duration duration,
    Optional<StepError> error,
    boolean dryRun,
    int minutesSaved) {
  /** What a secret value is replaced with in run records. */
  public static final String REDACTED = "[redacted]";

  public StepAttempt {
    Objects.requireNonNull(runId, "runId must not be null");
    Objects.requireNonNull(nodeId, "nodeId must not be null");
    Objects.requireNonNull(nodeType, "nodeType must not be null");
    Objects.requireNonNull(status, "status must not be null");
    input = input == null ? Map.of() : Json.freezeMap(input);
    output = output == null ? Map.of() : Json.freezeMap(output);
    Objects.requireNonNull(startedAt, "startedAt must not be null");
    Objects.requireNonNull(finishedAt, "finishedAt must not be null");
    duration = duration == null ? Duration.between(startedAt, finishedAt) : duration;
    error = error == null ? Optional.empty() : error;
  }

  /** {@code runId:nodeId}, the same for every attempt of this step. */
  public String idempotencyKey() {
    return runId + ":" + nodeId;
  }
}
