package dev.partnerflow.examples.guide;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.steps.SmtpEmailSender;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.core.run.RunTrace;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the welcome email for real, through a local SMTP server, when one is configured.
 *
 * <p>Start any local SMTP server (for example GreenMail standalone, MailHog or smtp4dev on port 2525), then:
 *
 * <pre>
 * export PARTNERFLOW_SMTP_HOST=127.0.0.1
 * export PARTNERFLOW_SMTP_PORT=2525              # default 25
 * export PARTNERFLOW_SMTP_SECURITY=NONE          # NONE, STARTTLS or TLS; default NONE
 * export PARTNERFLOW_SMTP_USER=... PARTNERFLOW_SMTP_PASSWORD=...   # optional
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=dev.partnerflow.examples.guide.RealSmtpWelcome
 * </pre>
 *
 * <p>Without {@code PARTNERFLOW_SMTP_HOST} it prints these instructions and exits.
 */
public final class RealSmtpWelcome {
  private RealSmtpWelcome() {}

  public static void main(String[] args) {
    Optional<RunTrace> trace = send(System.getenv());
    if (trace.isEmpty()) {
      System.out.println("Set PARTNERFLOW_SMTP_HOST (and PARTNERFLOW_SMTP_PORT, PARTNERFLOW_SMTP_SECURITY, "
          + "PARTNERFLOW_SMTP_USER/PASSWORD) to send the welcome email through your local SMTP server.");
      return;
    }
    System.out.println(trace.get().describe());
  }

  /**
   * Runs the welcome workflow once against the SMTP server the settings name.
   *
   * @param env {@code PARTNERFLOW_SMTP_*} settings (the process environment in {@link #main})
   * @return the run's trace, or empty when no {@code PARTNERFLOW_SMTP_HOST} is set
   */
  public static Optional<RunTrace> send(Map<String, String> env) {
    String host = env.get("PARTNERFLOW_SMTP_HOST");
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    SmtpEmailSender.Builder smtp = SmtpEmailSender.builder().host(host)
        .port(Integer.parseInt(env.getOrDefault("PARTNERFLOW_SMTP_PORT", "25")))
        .security(SmtpEmailSender.Security.valueOf(env.getOrDefault("PARTNERFLOW_SMTP_SECURITY", "NONE")))
        .from("Partner Team <partners@vendor.example>");
    String user = env.get("PARTNERFLOW_SMTP_USER");
    if (user != null && !user.isBlank()) {
      smtp.credentials(user, env.getOrDefault("PARTNERFLOW_SMTP_PASSWORD", ""));
    }
    try (StandardSteps steps = StandardSteps.builder().emailSender(smtp.build()).build();
         TestWorkflowEngine test = TestWorkflowEngine.create(b -> b.discoverNodeTypes(false)
             .nodeTypes(new PartnerTriggerTypes()).nodeTypes(steps))) {
      Workflow wf = test.engine().workflows().create(GuideSupport.ORG, Workflow.builder(GuideSupport.ORG, "Welcome (real SMTP)")
          .trigger("partner_created")
          .then("welcome", "send_email", Map.of("to", List.of("role:primary_contact"),
              "subject", "Welcome, {{partner.name}}",
              "html", "<p>Hi {{partner.primaryContact.name}}, welcome to the program.</p>"))
          .build());
      test.engine().workflows().activate(GuideSupport.ORG, wf.id());
      var runs = test.engine().publish(PartnerEvents.partnerCreated("evt-smtp-1", GuideSupport.ORG,
          test.clock().instant(), GuideSupport.PARTNER));
      return Optional.of(test.engine().trace(GuideSupport.ORG, runs.get(0).id()));
    }
  }
}
