package dev.partnerflow.benchmarks;

import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.steps.FieldChange;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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

  /** A deal-registered workflow whose first step is an email to the partner-team list with the deal. */
  private static Workflow.Builder teamEmailFirst(String organizationId, String name, String id) {
    return Workflow.builder(organizationId, name)
        .id(id)
        .createdBy("bench")
        .trigger("deal_registered")
        .then("team-email", "send_email", Map.of(
            "to", List.of("list:partner-team"),
            "subject", "New deal: {{deal.name}}",
            "text", "{{partner.name}} registered {{deal.name}} ({{deal.amount}} {{deal.currency}})."));
  }

  /**
   * The guide's "deal registered" workflow: an internal email to the partner-team list with deal details, a
   * notification to the partner manager, and an update of the deal record.
   */
  static Workflow dealRegistered(String organizationId, String id) {
    return teamEmailFirst(organizationId, "Deal registered alerts", id)
        .then("manager-email", "send_email", Map.of(
            "to", List.of("role:partner_manager"),
            "subject", "{{partner.name}} registered a deal",
            "text", "Please review {{deal.name}}."))
        .then("mark-deal", "update_record", Map.of(
            "record", "deal",
            "fields", Map.of("partnerTeamNotified", true)))
        .build();
  }

  /**
   * The Flowable peer's timer process ({@code partner3timer} in {@code ../shared/peers/flowable-bench}): an email,
   * a 7-day delay, a Slack message and a record update, started by a deal registration. One step attempt, the
   * email's, is recorded before the run parks, as Flowable's instance runs its first service task before the timer.
   */
  static Workflow dealFollowUp(String organizationId, String id) {
    return teamEmailFirst(organizationId, "Deal follow-up after a week", id)
        .then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
        .then("slack", "send_slack", Map.of(
            "webhookUrl", "https://hooks.slack.com/services/T000/B000/EXAMPLEHOOK",
            "text", "A week since {{partner.name}} registered {{deal.name}}: time to follow up."))
        .then("mark-deal", "update_record", Map.of(
            "record", "deal",
            "fields", Map.of("followedUp", true)))
        .build();
  }

  /** The event of run {@code i} of {@link #dealFollowUp}: its own partner and deal. */
  static Event dealEvent(String organizationId, int i, Instant now) {
    Deal deal = Deal.builder("deal-" + i).name("Rollout " + i).amount(120_000).currency("USD").build();
    return PartnerEvents.dealRegistered("evt-" + i, organizationId, now, partner(i, "Active"), deal);
  }

  /** "Check in after a week": trigger, delay 7 days, update_record (the in-memory {@link WaitingRunsBenchmark}). */
  static Workflow checkIn(String organizationId, String id) {
    return Workflow.builder(organizationId, "Check in after a week").id(id).trigger("partner_created")
        .then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
        .then("mark", "update_record", Map.of("record", "partner", "fields", Map.of("checkedIn", true)))
        .build();
  }

  /** "Check in when due": trigger, delay until the event's {@code dueAt}, update_record. */
  static Workflow checkInWhenDue(String organizationId, String id) {
    return Workflow.builder(organizationId, "Check in when due").id(id).trigger("partner_created")
        .then("wait", "delay", DelayConfig.until("dueAt", Duration.ZERO))
        .then("mark", "update_record", Map.of("record", "partner", "fields", Map.of("checkedIn", true)))
        .build();
  }

  /** The event of run {@code i} of {@link #checkInWhenDue}: {@link #checkInEvent}'s, with {@code dueAt}. */
  static Event checkInWhenDueEvent(String organizationId, int i, Instant now, Instant dueAt) {
    Event e = checkInEvent(organizationId, i, now);
    Map<String, Object> data = new LinkedHashMap<>(e.data());
    data.put("dueAt", dueAt.toString());
    return new Event(e.id(), organizationId, e.type(), now, data);
  }

  /** The event of run {@code i} of {@link #checkIn}: its own partner with five fields. */
  static Event checkInEvent(String organizationId, int i, Instant now) {
    Map<String, Object> partner = new LinkedHashMap<>();
    partner.put("id", "partner-" + i);
    partner.put("name", "Partner number " + i);
    partner.put("stage", "Onboarding");
    partner.put("tier", (i & 1) == 0 ? "Silver" : "Gold");
    partner.put("email", "contact" + i + "@partner.example");
    return new Event("evt-" + i, organizationId, "partner_created", now, Map.of("partner", partner));
  }

  /**
   * The {@code partner_created} event of run {@code i} of the guide's example 1 ({@code WelcomeNewPartner}): a
   * partner with contact and manager.
   */
  static Event welcomeEvent(String organizationId, int i, Instant now) {
    return PartnerEvents.partnerCreated("evt-" + i, organizationId, now, partner(i, "Onboarding"));
  }

  /** Partner {@code i} with a primary contact and a partner manager, at {@code stage}. */
  private static Partner partner(int i, String stage) {
    return Partner.builder("partner-" + i, "Partner number " + i)
        .tier((i & 1) == 0 ? "Silver" : "Gold").stage(stage)
        .primaryContact(Person.of("Contact " + i, "contact" + i + "@partner.example"))
        .partnerManager(Person.of("Sam Lee", "sam@acme.example"))
        .build();
  }
}
