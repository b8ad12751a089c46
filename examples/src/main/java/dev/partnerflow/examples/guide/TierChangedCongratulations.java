package dev.partnerflow.examples.guide;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.triggers.PartnerEvents;
import java.util.List;
import java.util.Map;

/**
 * Guide example 3 — Partner Tier Changed (Silver to Gold only): congratulations email, notify the manager, signed
 * webhook to the CRM (a local stand-in).
 */
public final class TierChangedCongratulations {
  private TierChangedCongratulations() {}

  public static Workflow workflow(String crmUrl) {
    return Workflow.builder(GuideSupport.ORG, "Tier upgrades").trigger("partner_tier_changed",
            Map.of("from", "Silver", "to", "Gold"))
        .then("congratulate", "send_email", Map.of(
            "to", List.of("role:primary_contact"),
            "subject", "Congratulations on reaching {{trigger.to}}, {{partner.name}}!",
            "text", "You moved from {{trigger.from}} to {{trigger.to}}."))
        .then("notify_manager", "send_email", Map.of(
            "to", List.of("role:partner_manager"),
            "subject", "{{partner.name}} is now {{trigger.to}}",
            "text", "Tier change {{trigger.from}} -> {{trigger.to}}."))
        .then("crm", "webhook", Map.of(
            "url", crmUrl,
            "body", Map.of("partnerId", "{{partner.id}}", "tier", "{{trigger.to}}", "previousTier", "{{trigger.from}}"),
            "signingSecret", "whsec_example_only_0123456789"))
        .build();
  }

  public static RunTrace run(GuideSupport s) {
    s.activate(workflow(s.baseUrl() + "crm/partners"));
    return s.publish(PartnerEvents.partnerTierChanged("evt-tier-1", GuideSupport.ORG, s.test.clock().instant(),
        GuideSupport.PARTNER.toBuilder().tier("Gold").build(), "Silver", "Gold"));
  }

  public static void main(String[] args) {
    try (GuideSupport s = new GuideSupport()) {
      System.out.println(run(s).describe());
    }
  }
}
