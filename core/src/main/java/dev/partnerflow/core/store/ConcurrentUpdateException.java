package dev.partnerflow.core.store;

import dev.partnerflow.core.PartnerflowException;

/**
 * Someone else changed the workflow first: reload it and apply the change again. Creating a workflow whose id is
 * taken throws the subclass {@link WorkflowAlreadyExistsException}.
 */
public class ConcurrentUpdateException extends PartnerflowException {
  private static final long serialVersionUID = 1L;
  private final int expectedVersion;
  private final int actualVersion;

  public ConcurrentUpdateException(String workflowId, int expectedVersion, int actualVersion) {
    this(workflowId, expectedVersion, actualVersion, "workflow '" + workflowId + "' is at version " + actualVersion
        + ", but the change was made on version " + expectedVersion + "; reload it and apply the change again");
  }

  /** For subclasses with a message of their own. */
  protected ConcurrentUpdateException(String workflowId, int expectedVersion, int actualVersion, String message) {
    super(message);
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /**
   * The exception a store throws when the stored version is not the expected one: {@link
   * WorkflowAlreadyExistsException} when creating ({@code expectedVersion} 0) over an existing workflow.
   *
   * @since 0.2
   */
  public static ConcurrentUpdateException of(String organizationId, String workflowId, int expectedVersion,
      int actualVersion) {
    return expectedVersion == 0 && actualVersion > 0
        ? new WorkflowAlreadyExistsException(organizationId, workflowId, actualVersion)
        : new ConcurrentUpdateException(workflowId, expectedVersion, actualVersion);
  }

  /** The version the change was made on (0 for a create). */
  public int expectedVersion() {
    return expectedVersion;
  }

  /** The version stored when the change arrived. */
  public int actualVersion() {
    return actualVersion;
  }
}
