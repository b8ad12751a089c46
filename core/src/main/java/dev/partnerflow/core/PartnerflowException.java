package dev.partnerflow.core;

/**
 * Base of every exception Partnerflow throws on purpose. Unchecked, like the rest of the library's errors.
 *
 * <pre>{@code
 * try {
 *   engine.workflows().activate(orgId, workflowId);
 * } catch (PartnerflowException e) {
 *   log.warn("could not activate: {}", e.getMessage());
 * }
 * }</pre>
 */
public class PartnerflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PartnerflowException(String message) {
    super(message);
  }

  public PartnerflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
