package dev.partnerflow.core.store;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The full state of a run as a store keeps it. Every change is a new record with {@link #version()} one higher;
 * stores accept a change only from the worker that holds the run's lease and only on top of the version it read,
 * so a worker that lost its lease writes nothing.
 *
 * @param id run id
 * @param organizationId owner
 * @param workflowId the workflow
 * @param workflowVersion the pinned version
 * @param event the event that started the run
 * @param testRun true for test runs
 * @param status where it is
 * @param pending the nodes still to execute, in order
 * @param outputs outputs of finished steps by node id, for later templates
 * @param createdAt creation time
 * @param updatedAt last change
 * @param finishedAt when final
 * @param error why it failed or was cancelled
 * @param version optimistic-concurrency version, 1 on creation
 */
public record RunRecord(
    String id,
    String organizationId,
    String workflowId,
    int workflowVersion,
    Event event,
    boolean testRun,
    RunStatus status,
    List<PendingStep> pending,
    Map<String, Map<String, Object>> outputs,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    String error,
    long version) {

  public RunRecord {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(organizationId, "organizationId must not be null");
    Objects.requireNonNull(workflowId, "workflowId must not be null");
    Objects.requireNonNull(event, "event must not be null");
    Objects.requireNonNull(status, "status must not be null");
    pending = pending == null ? List.of() : List.copyOf(pending);
    outputs = outputs == null ? Map.of() : outputs;
    Objects.requireNonNull(createdAt, "createdAt must not be null");
    Objects.requireNonNull(updatedAt, "updatedAt must not be null");
  }

  /** Earliest due time among pending steps (joins waiting for other paths excepted), or null when none. */
  public Instant nextWakeAt() {
    Instant min = null;
    for (PendingStep p : pending) {
      if (p.awaitingJoin()) {
        continue;
      }
      if (min == null || p.dueAt().isBefore(min)) {
        min = p.dueAt();
      }
    }
    return min;
  }

  /** The next state: same run, new fields, version + 1. */
  public RunRecord next(RunStatus newStatus, List<PendingStep> newPending, Map<String, Map<String, Object>> newOutputs,
      Instant now, String newError) {
    return new RunRecord(id, organizationId, workflowId, workflowVersion, event, testRun, newStatus, newPending,
        newOutputs, createdAt, now, newStatus.isFinal() ? now : null, newError, version + 1);
  }

  /** The public view. */
  public Run toRun() {
    return new Run(id, organizationId, workflowId, workflowVersion, event.id(), event.type(), status, testRun,
        createdAt, updatedAt, Optional.ofNullable(finishedAt),
        status.isFinal() ? Optional.empty() : Optional.ofNullable(nextWakeAt()), Optional.ofNullable(error));
  }
}
