package dev.partnerflow.core.store;

/**
 * A workflow was created ({@code expectedVersion} 0) with an id the organization already uses. A
 * {@link ConcurrentUpdateException}, so code that catches that keeps working; the message says what happened.
 *
 * <p>Stores throw it from {@link WorkflowStore#save} when creating; see {@link #of}.
 *
 * @since 0.2
 */
public class WorkflowAlreadyExistsException extends ConcurrentUpdateException {
  private static final long serialVersionUID = 1L;
  private final String organizationId;
  private final String workflowId;

  /**
   * @param organizationId the organization the id is taken in
   * @param workflowId the id
   * @param actualVersion the version of the existing workflow
   */
  public WorkflowAlreadyExistsException(String organizationId, String workflowId, int actualVersion) {
    super(workflowId, 0, actualVersion, "a workflow with the id '" + workflowId + "' already exists in organization '"
        + organizationId + "' (at version " + actualVersion + "); choose another id, or load that workflow and"
        + " save your change as its next version");
    this.organizationId = organizationId;
    this.workflowId = workflowId;
  }

  public String organizationId() {
    return organizationId;
  }

  public String workflowId() {
    return workflowId;
  }
}
