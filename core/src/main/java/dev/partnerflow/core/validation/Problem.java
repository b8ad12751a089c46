package dev.partnerflow.core.validation;

import dev.partnerflow.core.nodes.ConfigViolation;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a workflow graph: a code, the node or edge concerned, a sentence for people and, where the
 * rule knows them, structured fields for programs (an editor marking a field, a model repairing its answer).
 *
 * <pre>{@code
 * for (Problem p : validator.validate(workflow)) {
 *   System.out.println(p.code() + " " + p.message()); // INVALID_CONFIG node 'n3' (send_email): 'to' must not be empty
 *   p.field();    // Optional[to]
 *   p.rule();     // Optional[must not be empty]
 *   p.badValue(); // Optional[[]]
 * }
 * }</pre>
 *
 * @param code stable code
 * @param nodeId the node concerned, if any
 * @param edgeId the edge concerned, if any
 * @param message a sentence a person can act on, naming the node or edge
 * @param field the dotted path of the field concerned inside the node's config ({@code to},
 *     {@code retry.maxAttempts}) or of the edge ({@code sourceHandle}), when the rule concerns one field
 * @param rule the rule that is broken, phrased to follow the field ("must not be empty"), when known
 * @param badValue the offending value as text, when there is one; a secret field's value is never shown, only
 *     its length ("a value of 15 characters (secret, not shown)")
 */
public record Problem(ProblemCode code, Optional<String> nodeId, Optional<String> edgeId, String message,
    Optional<String> field, Optional<String> rule, Optional<String> badValue) {
  public Problem {
    Objects.requireNonNull(code, "code must not be null");
    nodeId = nodeId == null ? Optional.empty() : nodeId;
    edgeId = edgeId == null ? Optional.empty() : edgeId;
    Objects.requireNonNull(message, "message must not be null");
    field = field == null ? Optional.empty() : field;
    rule = rule == null ? Optional.empty() : rule;
    badValue = badValue == null ? Optional.empty() : badValue;
  }

  /** A problem without structured fields. */
  public Problem(ProblemCode code, Optional<String> nodeId, Optional<String> edgeId, String message) {
    this(code, nodeId, edgeId, message, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A problem about a node: the message starts with {@code node 'id' (type): }. */
  public static Problem ofNode(ProblemCode code, String nodeId, String type, String detail) {
    return new Problem(code, Optional.of(nodeId), Optional.empty(),
        "node '" + nodeId + "' (" + type + "): " + detail);
  }

  /** A problem about an edge: the message starts with {@code edge 'id': }. */
  public static Problem ofEdge(ProblemCode code, String edgeId, String detail) {
    return new Problem(code, Optional.empty(), Optional.of(edgeId), "edge '" + edgeId + "': " + detail);
  }

  /** A problem about the graph as a whole. */
  public static Problem ofGraph(ProblemCode code, String detail) {
    return new Problem(code, Optional.empty(), Optional.empty(), detail);
  }

  /** This problem with the field concerned (a dotted path); {@code null} clears it. */
  public Problem withField(String value) {
    return new Problem(code, nodeId, edgeId, message, Optional.ofNullable(value), rule, badValue);
  }

  /** This problem with the rule phrased to follow the field ("must not be empty"); {@code null} clears it. */
  public Problem withRule(String value) {
    return new Problem(code, nodeId, edgeId, message, field, Optional.ofNullable(value), badValue);
  }

  /**
   * This problem with the offending value as text; {@code null} clears it. Never pass a secret field's value: pass
   * a description such as "a value of 15 characters (secret, not shown)".
   */
  public Problem withBadValue(String value) {
    return new Problem(code, nodeId, edgeId, message, field, rule, Optional.ofNullable(value));
  }

  /** This problem with the field, rule and bad value of a config violation (which already hides secrets). */
  public Problem with(ConfigViolation violation) {
    return new Problem(code, nodeId, edgeId, message, violation.field(), Optional.of(violation.rule()),
        violation.badValue());
  }

  /** Whether any of {@link #field}, {@link #rule} or {@link #badValue} is known. */
  public boolean isStructured() {
    return field.isPresent() || rule.isPresent() || badValue.isPresent();
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
