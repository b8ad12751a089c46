package dev.partnerflow.core.pickers;

import dev.partnerflow.core.PartnerflowException;

/**
 * Thrown when a host's {@link SpecializationSource} or {@link TrainingSource} failed. Carries which source and which
 * organization; the source's exception is the cause. The HTTP handler answers it with {@code 500} and a message
 * that does not repeat the cause (it may contain SQL or host names), and logs the cause.
 *
 * <pre>{@code
 * try {
 *   pickers.trainings(caller);
 * } catch (PickerSourceException e) {
 *   log.error("training source of {} is down", e.organizationId(), e);
 * }
 * }</pre>
 */
public class PickerSourceException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String organizationId;

  public PickerSourceException(String source, String organizationId, Throwable cause) {
    super("the " + source + " source failed for organization '" + organizationId + "': " + cause, cause);
    this.source = source;
    this.organizationId = organizationId;
  }

  /** {@code "specialization"} or {@code "training"}. */
  public String source() {
    return source;
  }

  public String organizationId() {
    return organizationId;
  }
}
