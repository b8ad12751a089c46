package dev.partnerflow.core.schedule;

import java.util.Objects;

/**
 * An Active workflow of a scheduled trigger type, as a scan sees it.
 *
 * @param workflowId the workflow
 * @param version its active version
 * @param triggerType its trigger type name
 * @param triggerConfig its trigger node's bound config (e.g. a {@code DaysConfig}); null when it has none
 * @since 0.2
 */
public record ScheduledWorkflow(String workflowId, int version, String triggerType, Object triggerConfig) {
  public ScheduledWorkflow {
    Objects.requireNonNull(workflowId, "workflowId must not be null");
    Objects.requireNonNull(triggerType, "triggerType must not be null");
  }
}
