package dev.partnerflow.core.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A summary of one run of a workflow, as run lists show it. {@link RunTrace} adds the step attempts.
 *
 * @param id run id
 * @param organizationId owner
 * @param workflowId the workflow
 * @param workflowVersion the version the run pinned when it started
 * @param eventId the event that started it
 * @param triggerType the event's type
 * @param status where it is
 * @param testRun true for "Run once" test runs
 * @param createdAt when it was created
 * @param updatedAt when its state last changed
 * @param finishedAt when it reached a final status
 * @param nextWakeAt when a waiting run continues
 * @param error why it failed or was cancelled
 */
public record Run(
    String id,
    String organizationId,
    String workflowId,
    int workflowVersion,
    String eventId,
    String triggerType,
    RunStatus status,
    boolean testRun,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> finishedAt,
    Optional<Instant> nextWakeAt,
    Optional<String> error) {
  public Run {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(status, "status must not be null");
    finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    nextWakeAt = nextWakeAt == null ? Optional.empty() : nextWakeAt;
    error = error == null ? Optional.empty() : error;
  }
}
