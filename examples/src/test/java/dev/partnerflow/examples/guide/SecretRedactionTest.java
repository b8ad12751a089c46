package dev.partnerflow.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Deal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A webhook signing secret and a Slack URL never appear in run records, inputs, outputs, errors or log lines. */
class SecretRedactionTest {
  static final String SIGNING_SECRET = "whsec_SUPERSECRET_0123456789";
  static final String HOOK_TOKEN = "HOOKTOKEN987654321";

  @Test
  void secrets_stay_out_of_records_and_logs_through_success_and_failure() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new Tee(logs, originalErr), true, StandardCharsets.UTF_8));
    List<String> everything = new ArrayList<>();
    try (GuideSupport s = new GuideSupport()) {
      String slackUrl = s.baseUrl() + "services/T0/B0/" + HOOK_TOKEN;
      s.activate(Workflow.builder(GuideSupport.ORG, "Secrets").trigger("deal_registered")
          .then("slack", "send_slack", Map.of("webhookUrl", slackUrl, "text", "deal {{deal.id}}"))
          .then("crm", "webhook", Map.of("url", s.baseUrl() + "crm?api_key=" + HOOK_TOKEN,
              "body", Map.of("deal", "{{deal.id}}"), "signingSecret", SIGNING_SECRET))
          // a Slack URL off the Slack base and a refused webhook target: both fail, with messages
          .then("slack_bad", "send_slack", Map.of("webhookUrl", "https://evil.example/services/" + HOOK_TOKEN,
              "text", "x"))
          .build());
      RunTrace trace = s.publish(PartnerEvents.dealRegistered("evt-s-1", GuideSupport.ORG, s.test.clock().instant(),
          GuideSupport.PARTNER, Deal.builder("d-9").amount(5).currency("USD").build()));
      everything.add(trace.toString());
      everything.add(trace.describe());
      for (StepAttempt a : trace.steps()) {
        everything.add(String.valueOf(a.input()));
        everything.add(String.valueOf(a.output()));
        everything.add(String.valueOf(a.error()));
      }
      assertThat(trace.lastAttempt("slack").orElseThrow().input()).containsEntry("webhookUrl", StepAttempt.REDACTED);
      assertThat(trace.lastAttempt("crm").orElseThrow().input()).containsEntry("signingSecret", StepAttempt.REDACTED);
      assertThat(trace.lastAttempt("slack_bad").orElseThrow().error()).isPresent();
      assertThat(s.httpRequests).hasSize(2);
    } finally {
      System.setErr(originalErr);
    }
    everything.add(logs.toString(StandardCharsets.UTF_8));
    assertThat(everything).allSatisfy(text -> assertThat(text)
        .doesNotContain(SIGNING_SECRET).doesNotContain(HOOK_TOKEN));
    assertThat(everything.get(everything.size() - 1)).contains("posted via webhook");
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
