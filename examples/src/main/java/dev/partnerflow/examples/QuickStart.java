package dev.partnerflow.examples;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The README's quick start: one workflow on the embedded in-memory engine. A partner is created, the welcome email
 * goes out, the run waits 7 days (the clock is moved instead of waiting), and the check-in email follows.
 *
 * <pre>
 * mvn -q -pl examples -am compile exec:java
 * </pre>
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
    EmailSender printer = message -> System.out.println("  -> email to " + message.to() + ": " + message.subject());
    StandardSteps steps = StandardSteps.builder().emailSender(printer).build();

    try (WorkflowEngine engine = WorkflowEngine.builder()   // in-memory store by default
        .clock(clock)
        .nodeTypes(steps)
        .executor(Runnable::run)                             // run steps in this thread, for a readable demo
        .build()) {

      Workflow welcome = Workflow.builder("acme", "Welcome new partners")
          .stage(LifecycleStage.ONBOARD)
          .createdBy("maria")
          .trigger("partner_created")
          .then("welcome", "send_email", Map.of(
              "to", List.of("role:primary_contact"),
              "subject", "Welcome aboard, {{partner.name}}!",
              "text", "Hi {{partner.primaryContact.name}}, here is how to get started."))
          .then("wait", "delay", Map.of("duration", "P7D"))
          .then("check-in", "send_email", Map.of(
              "to", List.of("role:primary_contact"),
              "cc", List.of("role:partner_manager"),
              "subject", "How is onboarding going, {{partner.name}}?",
              "text", "A week in: anything we can help with?"))
          .build();
      Workflow stored = engine.workflows().create("acme", welcome);
      engine.workflows().activate("acme", stored.id());

      Partner partner = Partner.builder("p-1", "Northwind Analytics")
          .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
          .partnerManager(Person.of("Sam Lee", "sam@acme.example"))
          .build();
      System.out.println("Publishing partner_created for " + partner.name());
      Run run = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", clock.instant(), partner)).get(0);
      System.out.println(engine.trace("acme", run.id()).describe());

      System.out.println("\nSeven days later:");
      clock.advance(Duration.ofDays(7));
      engine.runDueWork();
      RunTrace done = engine.trace("acme", run.id());
      System.out.println(done.describe());
      System.out.println("\nMinutes saved this week: " + engine.workflows().minutesSavedPerWeek("acme", stored.id()));
    }
  }
}
