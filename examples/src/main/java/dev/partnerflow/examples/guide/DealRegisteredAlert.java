package dev.partnerflow.examples.guide;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Deal;
import java.util.List;
import java.util.Map;

/**
 * Guide example 2 — Deal Registered: email the partner-team distribution list with the deal, post to Slack #deals
 * (a local stand-in for Slack's incoming webhook).
 */
public final class DealRegisteredAlert {
  private DealRegisteredAlert() {}

  public static Workflow workflow(String slackWebhookUrl) {
    return Workflow.builder(GuideSupport.ORG, "Deal registration alerts").trigger("deal_registered")
        .then("email_team", "send_email", Map.of(
            "to", List.of("list:partner-team"),
            "subject", "Deal registered by {{partner.name}}: {{deal.customer}}",
            "html", "<p>{{partner.name}} registered <b>{{deal.customer}}</b> for {{deal.amount}} {{deal.currency}}.</p>"))
        .then("slack_deals", "send_slack", Map.of(
            "webhookUrl", slackWebhookUrl,
            "channel", "#deals",
            "text", "New deal from {{partner.name}}: {{deal.customer}} ({{deal.amount}} {{deal.currency}})"))
        .build();
  }

  public static RunTrace run(GuideSupport s) {
    s.activate(workflow(s.baseUrl() + "services/T000/B000/EXAMPLEHOOK"));
    return s.publish(PartnerEvents.dealRegistered("evt-deal-1", GuideSupport.ORG, s.test.clock().instant(),
        GuideSupport.PARTNER, Deal.builder("d-1").customer("Contoso Ltd").amount(120_000).currency("USD").build()));
  }

  public static void main(String[] args) {
    try (GuideSupport s = new GuideSupport()) {
      System.out.println(run(s).describe());
    }
  }
}
