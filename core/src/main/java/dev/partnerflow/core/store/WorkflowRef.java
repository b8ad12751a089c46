package dev.partnerflow.core.store;

import java.util.Objects;

/**
 * A workflow version by reference, as the active index answers: enough to find its compiled form, which the engine
 * caches, without reading the whole graph on every event.
 *
 * @param workflowId the workflow
 * @param version its latest (active) version
 */
public record WorkflowRef(String workflowId, int version) {
  public WorkflowRef {
    Objects.requireNonNull(workflowId, "workflowId must not be null");
  }
}
