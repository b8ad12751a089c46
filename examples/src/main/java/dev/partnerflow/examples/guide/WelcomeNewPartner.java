package dev.partnerflow.examples.guide;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.triggers.PartnerEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Guide example 1 — Partner Created: welcome email to the primary contact, notify the partner manager, wait 7
 * days, follow-up email. Run with {@code mvn -q -pl examples -am compile exec:java
 * -Dexec.mainClass=dev.partnerflow.examples.guide.WelcomeNewPartner}.
 */
public final class WelcomeNewPartner {
  private WelcomeNewPartner() {}

  public static Workflow workflow() {
    return Workflow.builder(GuideSupport.ORG, "Welcome new partners").trigger("partner_created")
        .then("welcome", "send_email", Map.of(
            "to", List.of("role:primary_contact"),
            "subject", "Welcome to the partner program, {{partner.name}}",
            "text", "Hi {{#partner.primaryContact.name}}{{partner.primaryContact.name}}{{/partner.primaryContact.name}}"
                + "{{^partner.primaryContact.name}}there{{/partner.primaryContact.name}},\n\nHere is how to get "
                + "started: ..."))
        .then("notify_manager", "send_email", Map.of(
            "to", List.of("role:partner_manager"),
            "subject", "New partner: {{partner.name}}",
            "text", "{{partner.name}} just joined. Primary contact: {{partner.primaryContact.email}}."))
        .then("wait", "delay", Map.of("duration", "P7D"))
        .then("follow_up", "send_email", Map.of(
            "to", List.of("role:primary_contact"),
            "cc", List.of("role:partner_manager"),
            "subject", "How is onboarding going, {{partner.name}}?",
            "text", "A week in: anything we can help with?"))
        .build();
  }

  /** Runs the example and returns the trace after the 7-day delay. */
  public static RunTrace run(GuideSupport s) {
    s.activate(workflow());
    RunTrace first = s.publish(PartnerEvents.partnerCreated("evt-created-1", GuideSupport.ORG, s.test.clock().instant(),
        GuideSupport.PARTNER));
    System.out.println("After publishing:\n" + first.describe());
    s.test.advance(Duration.ofDays(7));
    return s.trace(first.run().id());
  }

  public static void main(String[] args) {
    try (GuideSupport s = new GuideSupport()) {
      System.out.println("After 7 days:\n" + run(s).describe());
    }
  }
}
