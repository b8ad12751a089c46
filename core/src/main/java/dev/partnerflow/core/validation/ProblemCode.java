package dev.partnerflow.core.validation;

/**
 * Stable codes of validation problems. Codes never change meaning; new ones may be added.
 */
public enum ProblemCode {
  /** The graph has no trigger node. */
  NO_TRIGGER,
  /** The graph has more than one trigger node. */
  MULTIPLE_TRIGGERS,
  /** A node names a type the registry does not know. */
  UNKNOWN_NODE_TYPE,
  /** A node's config breaks its type's rules (field, rule, bad value). */
  INVALID_CONFIG,
  /** Two nodes share an id. */
  DUPLICATE_NODE_ID,
  /** Two edges share an id. */
  DUPLICATE_EDGE_ID,
  /** Two edges connect the same output to the same node. */
  DUPLICATE_EDGE,
  /** An edge leaves a node that does not exist. */
  EDGE_SOURCE_MISSING,
  /** An edge enters a node that does not exist. */
  EDGE_TARGET_MISSING,
  /** An edge enters the trigger node. */
  EDGE_INTO_TRIGGER,
  /** An edge leaves a branch from an output other than {@code true} or {@code false}. */
  INVALID_BRANCH_OUTPUT,
  /** An edge leaves a non-branch node from an output other than {@code out}. */
  INVALID_OUTPUT,
  /** Edges form a cycle; the message names the nodes on it. */
  CYCLE,
  /** No path from the trigger reaches the node. */
  UNREACHABLE_NODE,
  /** A text field holds a template that does not parse. */
  INVALID_TEMPLATE,
  /** A node refers to something of the organization that does not exist or is not published. */
  INVALID_REFERENCE,
  /**
   * A node's step needs a collaborator the host did not configure (e.g. {@code send_email} without an
   * {@code EmailSender}), so a real run could not do what the node says; the message names the builder method that
   * configures it.
   */
  MISSING_COLLABORATOR,
  /**
   * A template uses a placeholder that no event of the workflow's trigger type can fill ({@code {{partner.nmae}}});
   * the message names node, field, placeholder and, when one is close, the likely intended name.
   */
  UNKNOWN_PLACEHOLDER
}
