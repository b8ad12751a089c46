package dev.partnerflow.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A node a run still has to execute: the state of one path through the graph.
 *
 * @param nodeId the node to execute
 * @param attempt the attempt number to make next (1-based)
 * @param dueAt when it may run (now, a delay's wake-up time, or a retry's backoff)
 * @param parked true for a delay node that already parked the run: when due, the delay is over
 */
public record PendingStep(String nodeId, int attempt, Instant dueAt, boolean parked) {
  public PendingStep {
    Objects.requireNonNull(nodeId, "nodeId must not be null");
    Objects.requireNonNull(dueAt, "dueAt must not be null");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
  }

  public static PendingStep now(String nodeId, Instant now) {
    return new PendingStep(nodeId, 1, now, false);
  }
}
