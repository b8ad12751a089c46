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
 * @param awaitingJoin true for a node where several paths meet, reached by one path and waiting until no other
 *     pending path can still reach it; such an entry is not a wake-up time ({@link RunRecord#nextWakeAt()} skips it)
 */
public record PendingStep(String nodeId, int attempt, Instant dueAt, boolean parked, boolean awaitingJoin) {
  public PendingStep {
    Objects.requireNonNull(nodeId, "nodeId must not be null");
    Objects.requireNonNull(dueAt, "dueAt must not be null");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
  }

  /** A step that is not a join. */
  public PendingStep(String nodeId, int attempt, Instant dueAt, boolean parked) {
    this(nodeId, attempt, dueAt, parked, false);
  }

  public static PendingStep now(String nodeId, Instant now) {
    return new PendingStep(nodeId, 1, now, false, false);
  }

  /** A join node reached by one of its paths at {@code now}. */
  public static PendingStep join(String nodeId, Instant now) {
    return new PendingStep(nodeId, 1, now, false, true);
  }
}
