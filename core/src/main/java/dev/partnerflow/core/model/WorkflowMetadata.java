package dev.partnerflow.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about a workflow except its graph.
 *
 * @param id workflow id, unique within the organization (same rules as node ids)
 * @param organizationId the owning organization; every operation is scoped by it
 * @param name 1 to {@value #MAX_NAME_LENGTH} characters, not blank
 * @param description optional free text, at most {@value #MAX_DESCRIPTION_LENGTH} characters
 * @param stage the lifecycle stage the workflow belongs to
 * @param status draft, active or inactive
 * @param createdBy id of the team member who created it
 * @param createdAt when it was first stored; empty until then
 * @param updatedAt when the current version was stored; empty until then
 * @param version 1 for the first version, incremented by every save
 */
public record WorkflowMetadata(
    String id,
    String organizationId,
    String name,
    Optional<String> description,
    LifecycleStage stage,
    WorkflowStatus status,
    String createdBy,
    Optional<Instant> createdAt,
    Optional<Instant> updatedAt,
    int version) {
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_DESCRIPTION_LENGTH = 5_000;

  public WorkflowMetadata {
    Ids.check("workflow.id", id);
    Ids.check("workflow.organizationId", organizationId);
    Objects.requireNonNull(name, "workflow.name must not be null");
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("workflow.name must be 1 to " + MAX_NAME_LENGTH
          + " characters and not blank, but was " + name.length() + " characters: '" + Ids.abbreviate(name) + "'");
    }
    description = description == null ? Optional.empty() : description;
    description.ifPresent(d -> {
      if (d.length() > MAX_DESCRIPTION_LENGTH) {
        throw new IllegalArgumentException("workflow.description must be at most " + MAX_DESCRIPTION_LENGTH
            + " characters, but was " + d.length());
      }
    });
    Objects.requireNonNull(stage, "workflow.stage must not be null");
    Objects.requireNonNull(status, "workflow.status must not be null");
    Objects.requireNonNull(createdBy, "workflow.createdBy must not be null");
    if (createdBy.isBlank()) {
      throw new IllegalArgumentException("workflow.createdBy must not be blank");
    }
    createdAt = createdAt == null ? Optional.empty() : createdAt;
    updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
    if (version < 1) {
      throw new IllegalArgumentException("workflow.version must be at least 1, but was " + version);
    }
  }

  public WorkflowMetadata withStatus(WorkflowStatus value) {
    return new WorkflowMetadata(id, organizationId, name, description, stage, value, createdBy, createdAt,
        updatedAt, version);
  }

  public WorkflowMetadata withName(String value) {
    return new WorkflowMetadata(id, organizationId, value, description, stage, status, createdBy, createdAt,
        updatedAt, version);
  }

  /** A copy stamped as stored: the given version, creation time kept if already set. */
  public WorkflowMetadata stored(int newVersion, Instant created, Instant updated) {
    return new WorkflowMetadata(id, organizationId, name, description, stage, status, createdBy,
        Optional.of(createdAt.orElse(created)), Optional.of(updated), newVersion);
  }
}
