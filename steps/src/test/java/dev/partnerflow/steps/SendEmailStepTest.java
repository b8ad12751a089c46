package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.testing.StepHarness;
import dev.partnerflow.steps.testing.TestStepContext;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendEmailStepTest {
  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private ActionType<SendEmailConfig> email;
  private TestStepContext ctx;

  @SuppressWarnings("unchecked")
  @BeforeEach
  void setUp() {
    SmtpEmailSender smtp = SmtpEmailSender.builder().host("127.0.0.1")
        .port(greenMail.getSmtp().getPort()).security(SmtpEmailSender.Security.NONE)
        .from("Partner Team <partners@vendor.example>")
        .clock(Clock.fixed(TestStepContext.NOW, ZoneOffset.UTC))
        .build();
    StandardSteps steps = StandardSteps.builder().emailSender(smtp)
        .distributionList("partner-team", List.of("alice@vendor.example", "bob@vendor.example"))
        .build();
    email = (ActionType<SendEmailConfig>) steps.nodeTypes().stream().filter(t -> t.name().equals("send_email"))
        .findFirst().orElseThrow();
    Partner partner = Partner.builder("p-1", "<script>alert(1)</script> & {{7*7}}")
        .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
        .partnerManager(Person.of("Priya Raman", "priya@vendor.example"))
        .build();
    Event event = PartnerEvents.partnerCreated("evt-1", "org-1", TestStepContext.NOW, partner);
    ctx = TestStepContext.of("welcome", event);
  }

  private static Map<String, Object> config() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("to", List.of("role:primary_contact"));
    c.put("cc", List.of("role:partner_manager"));
    c.put("bcc", List.of("list:partner-team"));
    c.put("replyTo", "role:partner_manager");
    c.put("subject", "Welcome, {{partner.primaryContact.name}}");
    c.put("text", "Welcome {{partner.name}}");
    c.put("html", "<p>Welcome {{partner.name}}</p>");
    return c;
  }

  @Test
  void sends_through_smtp_with_roles_lists_escaping_and_the_idempotency_key_as_message_id() throws Exception {
    StepResult r = StepHarness.execute(email, config(), ctx);

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(4); // one copy per recipient: dana (to), priya (cc), alice and bob (bcc list)
    MimeMessage m = received[0];
    assertThat(m.getMessageID()).isEqualTo("<run-1%3Awelcome@vendor.example>");
    assertThat(m.getSubject()).isEqualTo("Welcome, Dana Whitaker");
    assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("dana@northwind.example");
    assertThat(m.getRecipients(Message.RecipientType.CC)).extracting(Object::toString)
        .containsExactly("priya@vendor.example");
    assertThat(m.getReplyTo()).extracting(Object::toString).containsExactly("priya@vendor.example");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(0)).trim())
        .isEqualTo("Welcome <script>alert(1)</script> & {{7*7}}");
    assertThat(parts.getBodyPart(1).getContent().toString())
        .isEqualTo("<p>Welcome &lt;script&gt;alert(1)&lt;/script&gt; &amp; {{7*7}}</p>");
    assertThat(r.output()).containsEntry("to", List.of("dana@northwind.example"))
        .containsEntry("bcc", List.of("alice@vendor.example", "bob@vendor.example"))
        .containsEntry("idempotencyKey", "run-1:welcome");
  }

  @Test
  void a_role_that_resolves_to_nothing_fails_naming_role_and_node() {
    Event noContact = PartnerEvents.partnerCreated("evt-2", "org-1", TestStepContext.NOW,
        Partner.builder("p-2", "Globex").build());
    TestStepContext c2 = TestStepContext.of("welcome", noContact);
    assertThatThrownBy(() -> StepHarness.execute(email, config(), c2))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("node 'welcome'");
    Map<String, Object> c = config();
    c.put("subject", "Hello");
    assertThatThrownBy(() -> StepHarness.execute(email, c, c2))
        .hasMessage("node 'welcome' (send_email): 'to' role:primary_contact resolved to no address: the event has "
            + "no partner.primaryContact.email");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void unknown_lists_roles_and_bad_addresses_are_permanent() {
    Map<String, Object> c = config();
    c.put("bcc", List.of("list:nobody"));
    assertThatThrownBy(() -> StepHarness.execute(email, c, ctx)).hasMessageContaining("no distribution list 'nobody'");
    c.put("bcc", List.of("role:ceo"));
    assertThatThrownBy(() -> StepHarness.execute(email, c, ctx)).hasMessageContaining("but was 'role:ceo'");
    c.put("bcc", List.of("not an address"));
    assertThatThrownBy(() -> StepHarness.execute(email, c, ctx))
        .hasMessageContaining("must be an email address, role:<role> or list:<name>, but was 'not an address'");
  }

  @Test
  void a_subject_with_a_line_break_is_refused() {
    Event evil = PartnerEvents.partnerCreated("evt-3", "org-1", TestStepContext.NOW,
        Partner.builder("p-3", "Evil\r\nBcc: victim@example.com")
            .primaryContact(Person.of("Dana", "dana@northwind.example")).build());
    Map<String, Object> c = config();
    c.put("subject", "Welcome {{partner.name}}");
    assertThatThrownBy(() -> StepHarness.execute(email, c, TestStepContext.of("welcome", evil)))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("'subject' must not contain a line break");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void dry_run_says_what_and_to_whom_without_sending() {
    StepResult r = StepHarness.dryRun(email, config(), ctx);
    assertThat(r.output()).containsEntry("dryRun", true)
        .containsEntry("to", List.of("dana@northwind.example"))
        .containsEntry("cc", List.of("priya@vendor.example"))
        .containsEntry("subject", "Welcome, Dana Whitaker");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void an_unreachable_smtp_server_is_retryable() {
    SmtpEmailSender down = SmtpEmailSender.builder().host("127.0.0.1").port(1).security(SmtpEmailSender.Security.NONE)
        .from("partners@vendor.example").build();
    EmailMessage m = new EmailMessage(null, List.of("a@b.example"), null, null, null, "s",
        java.util.Optional.of("t"), null, "k");
    assertThatThrownBy(() -> down.send(m))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isTrue());
  }
}
