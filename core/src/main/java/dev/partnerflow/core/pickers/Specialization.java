package dev.partnerflow.core.pickers;

/**
 * An enablement specialization (a partner competency track) as the host's application stores it. Workflow
 * builders use it to target training programs.
 *
 * <pre>{@code
 * Specialization security = new Specialization("spec-1", "org-acme", "Cloud Security", "For MSSPs", true);
 * }</pre>
 *
 * @param id the host's id, not blank
 * @param organizationId the organization that owns it, not blank
 * @param title shown in pickers and used for ordering, not blank
 * @param description free text; {@code null} becomes {@code ""}
 * @param published only published records are ever returned by {@link PickersService}
 */
public record Specialization(String id, String organizationId, String title, String description,
    boolean published) {
  public Specialization {
    Caller.requireText("specialization.id", id);
    Caller.requireText("specialization.organizationId", organizationId);
    Caller.requireText("specialization.title", title);
    description = description == null ? "" : description;
  }
}
