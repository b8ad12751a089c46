package dev.partnerflow.core.nodes;

/** What role a node type plays in a graph. */
public enum NodeKind {
  /** Starts runs; exactly one per workflow. */
  TRIGGER,
  /** Does something outside the engine: send, call, update. */
  ACTION,
  /** Understood by the engine itself: {@code delay}, {@code branch}. */
  CONTROL
}
