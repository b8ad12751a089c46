package dev.partnerflow.examples.server;

import dev.partnerflow.core.pickers.Specialization;
import dev.partnerflow.core.pickers.SpecializationSource;
import dev.partnerflow.core.pickers.TrainingModule;
import dev.partnerflow.core.pickers.TrainingSource;
import java.util.List;

/**
 * In-memory picker data of two organizations, with drafts, mixed-case titles and tags, so every rule of
 * {@code PickersService} shows in the example's answers.
 */
public final class DemoData {
  public static final String ACME = "org-acme";
  public static final String GLOBEX = "org-globex";

  public static final List<Specialization> SPECIALIZATIONS = List.of(
      new Specialization("spec-security", ACME, "Cloud Security", "Competency track for security partners", true),
      new Specialization("spec-data", ACME, "data analytics", "Competency track for analytics partners", true),
      new Specialization("spec-ai", ACME, "AI Services", "Still a draft", false),
      new Specialization("spec-globex", GLOBEX, "Globex Resellers", "Another organization's track", true));

  public static final List<TrainingModule> TRAININGS = List.of(
      new TrainingModule("tr-crm-basics", ACME, "CRM basics", "Log deals and contacts", List.of("CRM", "onboarding"),
          true, "spec-data", 30),
      new TrainingModule("tr-crm-advanced", ACME, "advanced CRM", "Pipelines and forecasts",
          List.of("crm", "Advanced"), true, "spec-data", 45),
      new TrainingModule("tr-api", ACME, "API integration", "Connect your systems", List.of("API", " ", "Onboarding"),
          true, null, 60),
      new TrainingModule("tr-draft", ACME, "Zero-trust deep dive", "Still a draft", List.of("draft-only"), false,
          "spec-security", 90),
      new TrainingModule("tr-globex", GLOBEX, "Globex pricing", "Another organization's training",
          List.of("pricing"), true, null, 20));

  private DemoData() {}

  /** A source that answers for one organization, as a well-behaved host query does. */
  public static SpecializationSource specializations() {
    return org -> SPECIALIZATIONS.stream().filter(s -> s.organizationId().equals(org)).toList();
  }

  /** A source that answers for one organization, as a well-behaved host query does. */
  public static TrainingSource trainings() {
    return org -> TRAININGS.stream().filter(t -> t.organizationId().equals(org)).toList();
  }
}
