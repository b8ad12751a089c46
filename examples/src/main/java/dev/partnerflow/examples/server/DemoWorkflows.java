package dev.partnerflow.examples.server;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Position;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The example server's engine: in memory, with the partner triggers and the standard steps, and sample workflows and
 * runs so the dashboard shows something at once. Emails are only recorded; an address at {@code bounce.example} is
 * refused the way a real SMTP server refuses an unknown mailbox, so one workflow has a failing step.
 */
public final class DemoWorkflows {
  /** Ids of the seeded workflows of {@link DemoData#ACME}. */
  public static final String WELCOME = "welcome-new-partners";
  public static final String DEAL_ALERT = "deal-registered-alert";
  public static final String TIER = "tier-changed-congratulations";
  public static final String QBR = "quarterly-review-invite";
  public static final String RENEWAL = "renewal-reminder";
  public static final String BOUNCE = "partner-ops-digest";
  public static final String XSS = "xss-sample";
  /** The workflow of {@link DemoData#GLOBEX}. */
  public static final String GLOBEX_ONBOARDING = "globex-onboarding";
  /** The name of the XSS sample, which the dashboard must show as text. */
  public static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  /** What the XSS sample's email text holds, and so its step output. */
  public static final String XSS_TEXT = "</script><script>alert('step output')</script>";

  private static final Partner PARTNER = Partner.builder("p-100", "Northwind Analytics").stage("Onboarding")
      .tier("Silver")
      .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
      .partnerManager(Person.of("Priya Raman", "priya@vendor.example"))
      .build();

  /** Every email handed to the sender, in order. */
  public final List<EmailMessage> sent = new CopyOnWriteArrayList<>();
  private final StandardSteps steps;
  private final WorkflowEngine engine;
  /** Ids of the runs seeded per organization. */
  public final List<String> acmeRuns = new ArrayList<>();
  public final List<String> globexRuns = new ArrayList<>();

  /** On the system clock. */
  public DemoWorkflows() {
    this(java.time.Clock.systemUTC());
  }

  /** On {@code clock}: tests move a {@code SettableClock} to wake the seeded runs parked on their delay. */
  public DemoWorkflows(java.time.Clock clock) {
    EmailSender sender = message -> {
      if (message.allRecipients().stream().anyMatch(r -> r.endsWith("@bounce.example"))) {
        throw StepFailedException.permanent("550 5.1.1 mailbox unavailable: " + message.allRecipients());
      }
      sent.add(message);
    };
    steps = StandardSteps.builder().emailSender(sender).build();
    engine = WorkflowEngine.builder().clock(clock).discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes())
        .nodeTypes(steps).build().start();
  }

  public WorkflowEngine engine() {
    return engine;
  }

  private static Map<String, Object> email(String to, String subject, String text) {
    return Map.of("to", List.of(to), "subject", subject, "text", text);
  }

  /** Creates the sample workflows and publishes a few events, waiting (bounded) for their runs to settle. */
  public DemoWorkflows seed() {
    String acme = DemoData.ACME;
    create(acme, Workflow.builder(acme, "Welcome new partners").id(WELCOME).stage(LifecycleStage.ONBOARD)
        .createdBy("maria").description("Welcome the partner, tell their manager, wait 7 days, then follow up.")
        .trigger("partner_created")
        .then(Node.of("welcome", "send_email", email("role:primary_contact", "Welcome, {{partner.name}}",
            "Here is how to get started.")).withLabel("Welcome email"))
        .then(Node.of("notify_manager", "send_email", email("role:partner_manager", "New partner: {{partner.name}}",
            "{{partner.name}} just joined.")).withLabel("Notify manager"))
        .then(Node.of("wait", "delay", Map.of("duration", "P7D")).withLabel("Wait 7 days"))
        .then(Node.of("follow_up", "send_email", email("role:primary_contact", "How is it going?",
            "Checking in after your first week.")).withLabel("Follow-up email"))
        .build(), true);
    create(acme, Workflow.builder(acme, "Deal registered alert").id(DEAL_ALERT).stage(LifecycleStage.EXECUTE)
        .createdBy("jon").description("Tell the partner manager about every new deal registration; big ones twice.")
        .node(Node.of("trigger", "deal_registered", Map.of()).withLabel("Deal registered")
            .withPosition(new Position(150, 0)))
        .node(Node.of("big", "branch", Map.of("condition", Map.of("field", "partner.tier", "op", "eq",
            "value", "Gold"))).withLabel("Gold partner?").withPosition(new Position(150, 130)))
        .node(Node.of("alert_vip", "send_email", email("role:partner_manager", "Gold deal from {{partner.name}}",
            "Call them today.")).withLabel("Alert VIP desk").withPosition(new Position(0, 270)))
        .node(Node.of("alert", "send_email", email("role:partner_manager", "New deal from {{partner.name}}",
            "A deal was registered.")).withLabel("Alert manager").withPosition(new Position(300, 270)))
        .edge("trigger", "big").edge("big", "true", "alert_vip").edge("big", "false", "alert")
        .build(), true);
    create(acme, Workflow.builder(acme, "Tier changed congratulations").id(TIER).stage(LifecycleStage.ENABLE)
        .createdBy("maria").trigger("partner_tier_changed")
        .then(Node.of("congrats", "send_email", email("role:primary_contact", "Congratulations on {{partner.tier}}",
            "Well done.")).withLabel("Congratulate"))
        .build(), true);
    engine.workflows().deactivate(acme, TIER);
    create(acme, Workflow.builder(acme, "Quarterly review invite").id(QBR).stage(LifecycleStage.OPTIMIZE)
        .createdBy("li").trigger("manual")
        .then(Node.of("invite", "send_email", email("role:partner_manager", "Quarterly business review",
            "Please book a slot.")).withLabel("Invite to QBR"))
        .build(), false);
    create(acme, Workflow.builder(acme, "Renewal reminder").id(RENEWAL).stage(LifecycleStage.OPTIMIZE)
        .createdBy("li").description("Not finished: the email has no recipients and no subject yet.")
        .trigger("contract_renewal_approaching", Map.of("days", 30))
        .then(Node.of("remind", "send_email", Map.of("to", List.of(), "subject", "", "text", "Renewal is near."))
            .withLabel("Remind the partner"))
        .build(), false);
    create(acme, Workflow.builder(acme, "Partner ops digest").id(BOUNCE).stage(LifecycleStage.RECRUIT)
        .createdBy("jon").trigger("partner_created")
        .then(Node.of("digest", "send_email", email("ops@bounce.example", "New partner {{partner.name}}",
            "For the ops digest.")).withLabel("Email partner ops"))
        .build(), true);
    create(acme, Workflow.builder(acme, XSS_NAME).id(XSS).stage(LifecycleStage.RECRUIT).createdBy("mallory")
        .trigger("manual")
        .then(Node.of("payload", "send_email", email("role:primary_contact", "Hello </script>", XSS_TEXT))
            .withLabel("<b>bold?</b>"))
        .build(), false);
    String globex = DemoData.GLOBEX;
    create(globex, Workflow.builder(globex, "Globex onboarding").id(GLOBEX_ONBOARDING).stage(LifecycleStage.ONBOARD)
        .createdBy("bob").trigger("partner_created")
        .then(Node.of("hello", "send_email", email("role:primary_contact", "Hello from Globex", "Welcome.")))
        .build(), true);

    Instant now = engine.clock().instant();
    for (int i = 1; i <= 3; i++) {
      publish(acmeRuns, PartnerEvents.partnerCreated("demo-partner-" + i, acme, now, PARTNER));
    }
    publish(acmeRuns, PartnerEvents.dealRegistered("demo-deal-1", acme, now, PARTNER,
        Deal.builder("d-1").name("Data platform").amount(120_000).currency("USD").build()));
    acmeRuns.add(engine.testRun(acme, XSS).run().id());
    publish(globexRuns, PartnerEvents.partnerCreated("demo-globex-1", globex, now, PARTNER));
    return this;
  }

  private void create(String org, Workflow workflow, boolean activate) {
    engine.workflows().create(org, workflow);
    if (activate) {
      engine.workflows().activate(org, workflow.id());
    }
  }

  private void publish(List<String> into, dev.partnerflow.core.event.Event event) {
    for (Run run : engine.publish(event)) {
      into.add(run.id());
      if (run.workflowId().equals(WELCOME)) {
        continue; // parks on its 7-day delay: the dashboard shows it waiting, its last step grey
      }
      try {
        engine.whenFinished(event.organizationId(), run.id()).get(2, java.util.concurrent.TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // still running on a slow machine: the dashboard shows it live
      } catch (Exception e) {
        throw new IllegalStateException("seeding run " + run.id() + " failed", e);
      }
    }
  }

  public void close() {
    engine.close();
    steps.close();
  }
}
