package dev.partnerflow.steps;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Config of {@code assign_training}: assigns a published training module to the event partner's contacts through
 * the host's {@link TrainingAssigner}. At activation, {@code trainingId} must name a published training of the
 * organization (checked through {@link PublishedTrainings} when the host provides it).
 *
 * <pre>{@code
 * {"trainingId": "tr-onboarding-101", "contacts": "all", "dueInDays": 14}
 * }</pre>
 *
 * @param trainingId the module's id
 * @param contacts {@code all} (default) or {@code primary_contact}
 * @param dueInDays optional, 1 to 365
 * @since 0.1
 */
public record AssignTrainingConfig(
    @NotBlank @Size(max = 200) String trainingId,
    @Pattern(regexp = "all|primary_contact", message = "must be all or primary_contact") String contacts,
    @Min(1) @Max(365) Integer dueInDays) {
  /** Who gets the module when {@code contacts} is absent. */
  public static final String DEFAULT_CONTACTS = "all";

  public AssignTrainingConfig {
    contacts = contacts == null ? DEFAULT_CONTACTS : contacts;
  }
}
