package dev.partnerflow.core.nodes;

import dev.partnerflow.core.internal.Json;
import java.util.Map;

/**
 * What a step produced: a JSON-like map recorded in the run's trace and readable by later steps' templates as
 * {@code steps.<nodeId>.<field>}.
 *
 * @param output the step's output (immutable copy)
 */
public record StepResult(Map<String, Object> output) {
  /** A result with no output. */
  public static final StepResult EMPTY = new StepResult(Map.of());

  public StepResult {
    output = output == null ? Map.of() : Json.freezeMap(output);
  }

  public static StepResult of(Map<String, ?> output) {
    return new StepResult(Json.freezeMap(output));
  }
}
