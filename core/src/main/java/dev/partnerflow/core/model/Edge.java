package dev.partnerflow.core.model;

import java.util.Objects;

/**
 * A connection from one node's output handle to another node's input.
 *
 * <pre>{@code
 * Edge yes = new Edge("e2", "is-gold", Edge.TRUE, "send-gift");
 * }</pre>
 *
 * @param id unique within the workflow
 * @param source the node the edge leaves
 * @param sourceHandle the output handle: {@value #OUT} for most nodes, {@value #TRUE} or {@value #FALSE} for a branch
 * @param target the node the edge enters
 */
public record Edge(String id, String source, String sourceHandle, String target) {
  /** The single output of a trigger, action or delay node. */
  public static final String OUT = "out";
  /** The branch output taken when the condition holds. */
  public static final String TRUE = "true";
  /** The branch output taken when the condition does not hold. */
  public static final String FALSE = "false";

  public Edge {
    Ids.check("edge.id", id);
    Objects.requireNonNull(source, "edge.source must not be null (edge '" + id + "')");
    Objects.requireNonNull(target, "edge.target must not be null (edge '" + id + "')");
    sourceHandle = sourceHandle == null || sourceHandle.isBlank() ? OUT : sourceHandle;
  }

  /** An edge from the default {@value #OUT} handle. */
  public static Edge of(String id, String source, String target) {
    return new Edge(id, source, OUT, target);
  }
}
