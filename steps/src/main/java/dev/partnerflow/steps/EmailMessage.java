package dev.partnerflow.steps;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One email as the {@code send_email} step hands it to an {@link EmailSender}: recipients already resolved from
 * roles and lists, subject and bodies already rendered.
 *
 * <pre>{@code
 * EmailMessage m = new EmailMessage(Optional.empty(), List.of("dana@northwind.example"), List.of(), List.of(),
 *     Optional.empty(), "Welcome", Optional.of("Hi Dana"), Optional.empty(), "run-1:welcome");
 * }</pre>
 *
 * @param from sender address; empty means the sender's configured default
 * @param to at least one address
 * @param cc copy recipients
 * @param bcc blind copy recipients
 * @param replyTo optional Reply-To address
 * @param subject the subject, one line
 * @param text the plain-text body, if any
 * @param html the HTML body, if any; at least one of text and html is present
 * @param idempotencyKey the same for every attempt of the step; {@link SmtpEmailSender} puts it in the Message-ID
 * @since 0.1
 */
public record EmailMessage(Optional<String> from, List<String> to, List<String> cc, List<String> bcc,
                           Optional<String> replyTo, String subject, Optional<String> text, Optional<String> html,
                           String idempotencyKey) {
  public EmailMessage {
    from = from == null ? Optional.empty() : from;
    to = List.copyOf(Objects.requireNonNull(to, "email.to must not be null"));
    cc = cc == null ? List.of() : List.copyOf(cc);
    bcc = bcc == null ? List.of() : List.copyOf(bcc);
    replyTo = replyTo == null ? Optional.empty() : replyTo;
    text = text == null ? Optional.empty() : text;
    html = html == null ? Optional.empty() : html;
    if (to.isEmpty()) {
      throw new IllegalArgumentException("email.to must not be empty, but was []");
    }
    Objects.requireNonNull(subject, "email.subject must not be null");
    if (text.isEmpty() && html.isEmpty()) {
      throw new IllegalArgumentException("email must have a text or an HTML body, but had neither");
    }
    Objects.requireNonNull(idempotencyKey, "email.idempotencyKey must not be null");
  }

  /** All recipients: to, cc and bcc. */
  public List<String> allRecipients() {
    return java.util.stream.Stream.of(to, cc, bcc).flatMap(List::stream).toList();
  }
}
