package dev.partnerflow.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuideExamplesTest {
  @Test
  void welcome_sends_two_emails_then_the_follow_up_after_seven_days() {
    try (GuideSupport s = new GuideSupport()) {
      s.activate(WelcomeNewPartner.workflow());
      RunTrace first = s.publish(dev.partnerflow.triggers.PartnerEvents.partnerCreated("evt-1", GuideSupport.ORG,
          s.test.clock().instant(), GuideSupport.PARTNER));
      assertThat(first.run().status()).isEqualTo(RunStatus.WAITING);
      assertThat(s.sent).extracting(m -> m.to().get(0) + " | " + m.subject()).containsExactly(
          "dana@northwind.example | Welcome to the partner program, Northwind Analytics",
          "priya@vendor.example | New partner: Northwind Analytics");

      s.test.advance(Duration.ofDays(6));
      assertThat(s.sent).hasSize(2);
      s.test.advance(Duration.ofDays(1));

      RunTrace done = s.trace(first.run().id());
      assertThat(done.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(done.steps()).filteredOn(a -> a.nodeType().equals("send_email"))
          .extracting(StepAttempt::nodeId, StepAttempt::status).containsExactly(
              org.assertj.core.groups.Tuple.tuple("welcome", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple("notify_manager", StepStatus.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple("follow_up", StepStatus.SUCCEEDED));
      assertThat(s.sent).hasSize(3);
      assertThat(s.sent.get(2).cc()).containsExactly("priya@vendor.example");
      assertThat(done.lastAttempt("follow_up").orElseThrow().startedAt())
          .isEqualTo(first.lastAttempt("welcome").orElseThrow().startedAt().plus(Duration.ofDays(7)));
    }
  }

  @Test
  void deal_registered_emails_the_team_list_and_posts_to_slack() {
    try (GuideSupport s = new GuideSupport()) {
      RunTrace trace = DealRegisteredAlert.run(s);
      assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(s.sent).singleElement().satisfies(m -> {
        assertThat(m.to()).containsExactly("partner-team@vendor.example");
        assertThat(m.html()).contains("<p>Northwind Analytics registered <b>Contoso Ltd</b> for 120000 USD.</p>");
      });
      assertThat(s.httpRequests).singleElement().asString()
          .startsWith("POST /services/T000/B000/EXAMPLEHOOK ")
          .contains("\"channel\":\"#deals\"", "New deal from Northwind Analytics: Contoso Ltd (120000 USD)");
      StepAttempt slack = trace.lastAttempt("slack_deals").orElseThrow();
      assertThat(slack.input().get("webhookUrl")).isEqualTo(StepAttempt.REDACTED);
      assertThat(trace.describe()).doesNotContain("EXAMPLEHOOK");
    }
  }

  @Test
  void tier_change_congratulates_notifies_and_calls_the_crm() {
    try (GuideSupport s = new GuideSupport()) {
      RunTrace trace = TierChangedCongratulations.run(s);
      assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(s.sent).extracting(m -> m.subject()).containsExactly(
          "Congratulations on reaching Gold, Northwind Analytics!", "Northwind Analytics is now Gold");
      assertThat(s.httpRequests).singleElement().asString().startsWith("POST /crm/partners ")
          .contains("\"tier\":\"Gold\"", "\"previousTier\":\"Silver\"");
      assertThat(trace.lastAttempt("crm").orElseThrow().output()).containsEntry("status", 200);
      assertThat(trace.describe()).doesNotContain("whsec_example_only");
    }
  }

  @Test
  void inactive_partner_gets_a_reengagement_email_and_the_manager_a_call_request() {
    try (GuideSupport s = new GuideSupport()) {
      RunTrace trace = InactivePartnerReengagement.run(s);
      assertThat(trace.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(s.sent).extracting(m -> m.to().get(0) + " | " + m.subject()).containsExactly(
          "dana@northwind.example | We miss you, Northwind Analytics",
          "priya@vendor.example | Schedule a call with Northwind Analytics");
      assertThat(s.sent.get(1).text().orElseThrow()).contains("quiet for 64 days");
    }
  }

  @Test
  void mains_print_their_traces() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      WelcomeNewPartner.main(new String[0]);
      DealRegisteredAlert.main(new String[0]);
      TierChangedCongratulations.main(new String[0]);
      InactivePartnerReengagement.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    for (String node : List.of("follow_up [send_email]", "slack_deals [send_slack]", "crm [webhook]",
        "reengage [send_email]")) {
      assertThat(printed).contains(node);
    }
  }
}
