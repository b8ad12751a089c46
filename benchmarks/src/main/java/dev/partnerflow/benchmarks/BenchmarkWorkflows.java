package dev.partnerflow.benchmarks;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.steps.FieldChange;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import java.util.List;
import java.util.Map;

/** The workflows and engine setups the benchmarks share. */
final class BenchmarkWorkflows {
  private BenchmarkWorkflows() {}

  /** Standard steps with senders that do nothing, so the engine's own cost is measured. */
  static StandardSteps noOpSteps() {
    return StandardSteps.builder()
        .emailSender(message -> { })
        .recordUpdater(update -> Map.of("status", FieldChange.to("notified")))
        .distributionList("partner-team", List.of("partner-team@acme.example"))
        .build();
  }

  /** An engine that executes runs in the publishing thread. */
  static WorkflowEngine.Builder engine() {
    return startableEngine().executor(Runnable::run);
  }

  /** An engine with its own worker pool (the default executor), for benchmarks that start it. */
  static WorkflowEngine.Builder startableEngine() {
    return WorkflowEngine.builder()
        .discoverNodeTypes(false)
        .nodeTypes(new PartnerTriggerTypes())
        .nodeTypes(noOpSteps());
  }

  /**
   * The guide's "deal registered" workflow: an internal email to the partner-team list with deal details, a
   * notification to the partner manager, and an update of the deal record.
   */
  static Workflow dealRegistered(String organizationId, String id) {
    return Workflow.builder(organizationId, "Deal registered alerts")
        .id(id)
        .createdBy("bench")
        .trigger("deal_registered")
        .then("team-email", "send_email", Map.of(
            "to", List.of("list:partner-team"),
            "subject", "New deal: {{deal.name}}",
            "text", "{{partner.name}} registered {{deal.name}} ({{deal.amount}} {{deal.currency}})."))
        .then("manager-email", "send_email", Map.of(
            "to", List.of("role:partner_manager"),
            "subject", "{{partner.name}} registered a deal",
            "text", "Please review {{deal.name}}."))
        .then("mark-deal", "update_record", Map.of(
            "record", "deal",
            "fields", Map.of("partnerTeamNotified", true)))
        .build();
  }
}
