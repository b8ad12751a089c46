package dev.partnerflow.core.engine;

import dev.partnerflow.core.PartnerflowException;

/**
 * The workflow or run does not exist in the caller's organization. Another organization's data is reported this
 * way too, never as "forbidden", so ids of other organizations cannot be probed.
 */
public class NotFoundException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  public NotFoundException(String kind, String organizationId, String id) {
    super(kind + " '" + id + "' not found in organization '" + organizationId + "'");
    this.kind = kind;
    this.id = id;
  }

  /** "workflow" or "run". */
  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }
}
