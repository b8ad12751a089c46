package dev.partnerflow.core.pickers;

import java.util.List;
import java.util.Objects;

/**
 * A training module (one learning unit that a workflow step can assign to a partner) as the host's application
 * stores it.
 *
 * <pre>{@code
 * TrainingModule basics = new TrainingModule("tr-1", "org-acme", "CRM basics", "First steps in the CRM",
 *     List.of("CRM", "onboarding"), true, "spec-1", 30);
 * }</pre>
 *
 * @param id the host's id, not blank
 * @param organizationId the organization that owns it, not blank
 * @param title shown in pickers and used for ordering, not blank
 * @param description free text; {@code null} becomes {@code ""}
 * @param tags topics or audiences as the host stores them; {@code null} becomes empty, {@code null} elements are
 *     dropped. Blank tags and case variants are kept here and only normalized by
 *     {@link PickersService#trainingTags}
 * @param published only published records are ever returned by {@link PickersService}
 * @param specializationId the specialization this module belongs to, or {@code null}
 * @param durationMinutes the expected time to complete, shown by workflow builders, or {@code null} when unknown;
 *     must not be negative
 */
public record TrainingModule(String id, String organizationId, String title, String description, List<String> tags,
    boolean published, String specializationId, Integer durationMinutes) {
  public TrainingModule {
    Caller.requireText("training.id", id);
    Caller.requireText("training.organizationId", organizationId);
    Caller.requireText("training.title", title);
    description = description == null ? "" : description;
    tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).toList();
    if (durationMinutes != null && durationMinutes < 0) {
      throw new IllegalArgumentException("training.durationMinutes must not be negative, but was "
          + durationMinutes + " (training '" + id + "')");
    }
  }
}
