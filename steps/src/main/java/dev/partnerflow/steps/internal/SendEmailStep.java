package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.SendEmailConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code send_email}: resolves roles and lists, then hands the message to the host's {@link EmailSender}. */
public final class SendEmailStep implements ActionType<SendEmailConfig> {
  public static final int MINUTES_SAVED = 5;
  private static final Logger log = LoggerFactory.getLogger(SendEmailStep.class);

  private final EmailSender sender;
  private final Recipients recipients;

  public SendEmailStep(EmailSender sender, Recipients recipients) {
    this.sender = sender;
    this.recipients = recipients;
  }

  @Override
  public String name() {
    return "send_email";
  }

  @Override
  public Class<SendEmailConfig> configType() {
    return SendEmailConfig.class;
  }

  @Override
  public SendEmailConfig defaultConfig() {
    return new SendEmailConfig(List.of("role:primary_contact"), List.of(), List.of(), null, null,
        "Welcome to the program, {{partner.name}}",
        "Hi {{#partner.primaryContact.name}}{{partner.primaryContact.name}}{{/partner.primaryContact.name}}"
            + "{{^partner.primaryContact.name}}there{{/partner.primaryContact.name}},\n\nWelcome aboard.", null);
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Send email",
        "Sends an email to addresses, to roles (role:primary_contact, role:partner_manager, role:contact) or to "
            + "distribution lists (list:<name>), with a templated subject and a text and/or HTML body.",
        "messaging",
        List.of("send a welcome email", "email the partner manager", "notify the team by email",
            "send a follow-up email"));
  }

  @Override
  public int minutesSaved() {
    return MINUTES_SAVED;
  }

  @Override
  public Set<String> htmlFields() {
    return Set.of("html");
  }

  @Override
  public Set<String> headerFields() {
    return Set.of("to", "cc", "bcc", "from", "replyTo", "subject");
  }

  @Override
  public StepResult execute(SendEmailConfig config, StepContext ctx) {
    EmailMessage message = message(config, ctx);
    try {
      sender.send(message);
    } catch (StepFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StepFailedException.retryable("node '" + ctx.nodeId() + "' (send_email): the EmailSender failed: "
          + e.getClass().getSimpleName(), e);
    }
    if (log.isDebugEnabled()) {
      log.debug("send_email of run {} node {} handed {} recipient(s) to {}", ctx.runId(), ctx.nodeId(),
          message.allRecipients().size(), sender.getClass().getSimpleName());
    }
    Map<String, Object> out = summary(message);
    out.put("idempotencyKey", message.idempotencyKey());
    return StepResult.of(out);
  }

  @Override
  public StepResult dryRun(SendEmailConfig config, StepContext ctx) {
    EmailMessage message = message(config, ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", true);
    if (sender == Unconfigured.EMAIL_SENDER) {
      out.put("emailSender", "none configured: a real run would fail and send nothing; "
          + Unconfigured.EMAIL_SENDER_FIX);
    }
    out.putAll(summary(message));
    message.text().ifPresent(t -> out.put("text", t));
    message.html().ifPresent(h -> out.put("html", h));
    return StepResult.of(out);
  }

  private EmailMessage message(SendEmailConfig config, StepContext ctx) {
    List<String> to = recipients.resolve("to", config.to(), ctx);
    List<String> cc = recipients.resolve("cc", config.cc(), ctx);
    List<String> bcc = recipients.resolve("bcc", config.bcc(), ctx);
    Optional<String> replyTo = blankToEmpty(config.replyTo())
        .map(r -> recipients.resolve("replyTo", List.of(r), ctx).get(0));
    Optional<String> from = blankToEmpty(config.from()).map(f -> recipients.resolve("from", List.of(f), ctx).get(0));
    return new EmailMessage(from, to, cc, bcc, replyTo, config.subject(), blankToEmpty(config.text()),
        blankToEmpty(config.html()), ctx.idempotencyKey());
  }

  private static Map<String, Object> summary(EmailMessage m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("to", m.to());
    if (!m.cc().isEmpty()) {
      out.put("cc", m.cc());
    }
    if (!m.bcc().isEmpty()) {
      out.put("bcc", m.bcc());
    }
    m.replyTo().ifPresent(r -> out.put("replyTo", r));
    out.put("subject", m.subject());
    return out;
  }

  private static Optional<String> blankToEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
