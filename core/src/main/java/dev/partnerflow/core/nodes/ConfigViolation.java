package dev.partnerflow.core.nodes;

import java.util.Optional;

/**
 * One way a node's config breaks its type's rules.
 *
 * @param field the dotted path of the field inside the config ({@code to}, {@code retry.maxAttempts}); empty when
 *     the rule concerns the config as a whole
 * @param rule the rule, phrased to follow the field: "must not be empty", "must be between 1 and 3650"
 * @param badValue the offending value as text, when there is one
 */
public record ConfigViolation(Optional<String> field, String rule, Optional<String> badValue) {
  public ConfigViolation {
    field = field == null ? Optional.empty() : field;
    badValue = badValue == null ? Optional.empty() : badValue;
  }

  /** "'to' must not be empty, but was []" or "exactly one of 'duration' or 'until' must be set". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    field.ifPresent(f -> sb.append('\'').append(f).append("' "));
    sb.append(rule);
    badValue.ifPresent(v -> sb.append(", but was ").append(v));
    return sb.toString();
  }
}
