package dev.partnerflow.examples.guide;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.triggers.PartnerEvents;
import java.util.List;
import java.util.Map;

/**
 * Guide example 4 — Partner Inactive (60 days): re-engagement email, and ask the partner manager to schedule a
 * call.
 */
public final class InactivePartnerReengagement {
  private InactivePartnerReengagement() {}

  public static Workflow workflow() {
    return Workflow.builder(GuideSupport.ORG, "Re-engage quiet partners").trigger("partner_inactive",
            Map.of("days", 60))
        .then("reengage", "send_email", Map.of(
            "to", List.of("role:primary_contact"),
            "subject", "We miss you, {{partner.name}}",
            "text", "It has been {{inactiveDays}} days. Here is what is new in the program: ..."))
        .then("notify_manager", "send_email", Map.of(
            "to", List.of("role:partner_manager"),
            "subject", "Schedule a call with {{partner.name}}",
            "text", "{{partner.name}} has been quiet for {{inactiveDays}} days; please schedule a call."))
        .build();
  }

  public static RunTrace run(GuideSupport s) {
    s.activate(workflow());
    return s.publish(PartnerEvents.partnerInactive("evt-quiet-1", GuideSupport.ORG, s.test.clock().instant(),
        GuideSupport.PARTNER, 64));
  }

  public static void main(String[] args) {
    try (GuideSupport s = new GuideSupport()) {
      System.out.println(run(s).describe());
    }
  }
}
