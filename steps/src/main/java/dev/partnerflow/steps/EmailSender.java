package dev.partnerflow.steps;

/**
 * Sends the emails of the {@code send_email} step. Implemented by the host, or use {@link SmtpEmailSender}.
 *
 * <pre>{@code
 * EmailSender sender = SmtpEmailSender.builder().host("smtp.example.com").port(587)
 *     .security(SmtpEmailSender.Security.STARTTLS).credentials("user", password)
 *     .from("partners@vendor.example").build();
 * NodeTypeProvider steps = StandardSteps.builder().emailSender(sender).build();
 * }</pre>
 *
 * <p>There is no default: without one, {@code send_email} nodes fail activation ({@code MISSING_COLLABORATOR}) and
 * a real run of one fails permanently, so a run never claims an email that was not sent. A test run ("Run once")
 * needs none; it shows what would have been sent.
 *
 * <p>Delivery is at least once: a retried step sends again with the same {@link EmailMessage#idempotencyKey()}, so
 * a sender that can deduplicate should use it.
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EmailSender {
  /**
   * Sends one message.
   *
   * @throws dev.partnerflow.core.nodes.StepFailedException to say whether a failure is worth retrying; any other
   *     exception counts as retryable
   */
  void send(EmailMessage message);
}
