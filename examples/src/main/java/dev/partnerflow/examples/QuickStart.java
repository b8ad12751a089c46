package dev.partnerflow.examples;

import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The README's quick start: one workflow on the embedded in-memory engine, started the way a service starts it
 * ({@code build().start()}: worker threads run the steps, a poller wakes runs whose delay is over). A partner is
 * created, the welcome email goes out, the run waits 7 days, and the check-in email follows. The only demo
 * shortcut is the clock: it is moved 7 days instead of waiting them; a service keeps the default system clock.
 * Emails are printed by {@link PrintingEmailSender}; a service passes {@code SmtpEmailSender} or its own sender.
 *
 * <pre>
 * mvn -q -pl examples -am compile exec:java
 * </pre>
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    SettableClock clock = SettableClock.at("2026-11-23T09:00:00Z");
    RunEvents runEvents = new RunEvents();

    try (StandardSteps steps = StandardSteps.builder().emailSender(new PrintingEmailSender()).build();
        WorkflowEngine engine = WorkflowEngine.builder()  // in-memory store by default
            .clock(clock)
            .nodeTypes(steps)                                // the five steps and their activation checks
            .listener(runEvents)                             // this demo waits for the runs it starts
            .pollInterval(Duration.ofMillis(50))             // default 1 s; short so the demo ends quickly
            .build()
            .start()) {                                      // workers and the poller for due delays and retries

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
      runEvents.await(run.id(), RunStatus.WAITING);
      System.out.println(engine.trace("acme", run.id()).describe());

      System.out.println("\nSeven days later:");
      clock.advance(Duration.ofDays(7));                     // the poller finds the run due and resumes it
      engine.awaitFinished("acme", run.id(), Duration.ofSeconds(30));
      System.out.println(engine.trace("acme", run.id()).describe());
      System.out.println("\nMinutes saved this week: " + engine.workflows().minutesSavedPerWeek("acme", stored.id()));
    }
  }

  /** Hands the runs that parked or finished to the main thread, which waits for the one it expects. */
  private static final class RunEvents implements RunListener {
    private final BlockingQueue<Run> queue = new LinkedBlockingQueue<>();

    @Override
    public void runWaiting(Run run) {
      queue.add(run);
    }

    @Override
    public void runFinished(Run run) {
      queue.add(run);
    }

    void await(String runId, RunStatus status) throws InterruptedException {
      while (true) {
        Run run = queue.poll(30, TimeUnit.SECONDS);
        if (run == null) {
          throw new IllegalStateException("run " + runId + " did not reach " + status + " within 30 s");
        }
        if (run.id().equals(runId)) {
          if (run.status() == status) {
            return;
          }
          if (run.status() != RunStatus.WAITING) {
            throw new IllegalStateException("run " + runId + " ended " + run.status() + ", not " + status + ": "
                + run.error().orElse(""));
          }
        }
      }
    }
  }
}
