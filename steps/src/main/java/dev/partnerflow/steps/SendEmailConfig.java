package dev.partnerflow.steps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Config of {@code send_email}. Every text may hold {@code {{...}}} placeholders; {@code html} is HTML-escaped,
 * the others are not; recipients, subject, from and reply-to must render to one line.
 *
 * <pre>{@code
 * {"to": ["role:primary_contact"], "cc": ["role:partner_manager"], "bcc": ["list:partner-team"],
 *  "subject": "Welcome, {{partner.name}}", "text": "Hi {{partner.primaryContact.name}}, ...",
 *  "html": "<p>Hi {{partner.primaryContact.name}}</p>", "replyTo": "{{partner.partnerManager.email}}"}
 * }</pre>
 *
 * <p>A recipient is an address ({@code dana@northwind.example}), a role ({@code role:primary_contact},
 * {@code role:partner_manager}, {@code role:contact} for the event's contact) or a distribution list
 * ({@code list:<name>}, configured with {@link StandardSteps.Builder#distributionList}).
 *
 * @param to at least one recipient, at most 100
 * @param cc optional
 * @param bcc optional
 * @param from optional sender address; the {@link EmailSender}'s default otherwise
 * @param replyTo optional Reply-To address or role
 * @param subject one line, at most 998 characters
 * @param text plain-text body; at least one of text and html
 * @param html HTML body; at least one of text and html
 * @since 0.1
 */
public record SendEmailConfig(
    @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 320) String> to,
    @Size(max = 100) List<@NotBlank @Size(max = 320) String> cc,
    @Size(max = 100) List<@NotBlank @Size(max = 320) String> bcc,
    @Size(max = 320) String from,
    @Size(max = 320) String replyTo,
    @NotBlank @Size(max = 998) String subject,
    @Size(max = 1_000_000) String text,
    @Size(max = 1_000_000) String html) {
  public SendEmailConfig {
    to = to == null ? List.of() : List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
    bcc = bcc == null ? List.of() : List.copyOf(bcc);
  }

  @JsonIgnore
  @AssertTrue(message = "send_email must have a 'text' or an 'html' body, but had neither")
  public boolean isBodyPresent() {
    return (text != null && !text.isBlank()) || (html != null && !html.isBlank());
  }
}
