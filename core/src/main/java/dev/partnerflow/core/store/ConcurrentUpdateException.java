package dev.partnerflow.core.store;

import dev.partnerflow.core.PartnerflowException;

/** Someone else changed the workflow first: reload it and apply the change again. */
public class ConcurrentUpdateException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String workflowId, int expectedVersion, int actualVersion) {
    super("workflow '" + workflowId + "' is at version " + actualVersion + ", but the change was made on version "
        + expectedVersion + "; reload it and apply the change again");
  }
}
