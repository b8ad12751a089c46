package dev.partnerflow.core.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a workflow graph.
 *
 * <pre>{@code
 * for (Problem p : validator.validate(workflow)) {
 *   System.out.println(p.code() + " " + p.message()); // INVALID_CONFIG node 'n3' (send_email): 'to' must not be empty
 * }
 * }</pre>
 *
 * @param code stable code
 * @param nodeId the node concerned, if any
 * @param edgeId the edge concerned, if any
 * @param message a sentence a person can act on, naming the node or edge
 */
public record Problem(ProblemCode code, Optional<String> nodeId, Optional<String> edgeId, String message) {
  public Problem {
    Objects.requireNonNull(code, "code must not be null");
    nodeId = nodeId == null ? Optional.empty() : nodeId;
    edgeId = edgeId == null ? Optional.empty() : edgeId;
    Objects.requireNonNull(message, "message must not be null");
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

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
