package dev.partnerflow.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealSmtpWelcomeTest {
  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @Test
  void sends_the_welcome_email_through_the_configured_smtp_server() throws Exception {
    RunTrace trace = RealSmtpWelcome.send(Map.of(
        "PARTNERFLOW_SMTP_HOST", "127.0.0.1",
        "PARTNERFLOW_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()))).orElseThrow();

    assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Welcome, " + GuideSupport.PARTNER.name());
    assertThat(received[0].getAllRecipients()[0].toString())
        .isEqualTo(GuideSupport.PARTNER.primaryContact().email());
  }

  @Test
  void without_a_host_it_sends_nothing() {
    assertThat(RealSmtpWelcome.send(Map.of())).isEmpty();
  }
}
