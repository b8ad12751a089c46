package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.http.OutboundPolicy;
import dev.partnerflow.steps.testing.LogCapture;
import dev.partnerflow.steps.testing.StepHarness;
import dev.partnerflow.steps.testing.TestHttpServer;
import dev.partnerflow.steps.testing.TestHttpServer.Answer;
import dev.partnerflow.steps.testing.TestStepContext;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.Partner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendSlackStepTest {
  private TestHttpServer server;
  private StandardSteps steps;
  private ActionType<SendSlackConfig> slack;
  private TestStepContext ctx;
  private String hookPath;
  private String hookUrl;
  private static final String TOKEN = "xoxb-1111-2222-SECRETTOKEN";

  @SuppressWarnings("unchecked")
  @BeforeEach
  void start() {
    server = new TestHttpServer();
    steps = StandardSteps.builder()
        .outboundPolicy(OutboundPolicy.builder().allow("127.0.0.1:" + server.port()).build())
        .slackBaseUrl("http://127.0.0.1:" + server.port() + "/")
        .build();
    slack = (ActionType<SendSlackConfig>) steps.nodeTypes().stream().filter(t -> t.name().equals("send_slack"))
        .findFirst().orElseThrow();
    Event event = PartnerEvents.dealRegistered("evt-1", "org-1", TestStepContext.NOW,
        Partner.builder("p-1", "Northwind").build(),
        Deal.builder("d-1").name("Contoso rollout").amount(120_000).currency("USD").build());
    ctx = TestStepContext.of("slack", event);
    hookPath = "/services/T000/B000/HOOKSECRETXYZ";
    hookUrl = server.url(hookPath);
  }

  @AfterEach
  void stop() {
    server.close();
    steps.close();
  }

  private Map<String, Object> hookConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("webhookUrl", hookUrl);
    c.put("channel", "#deals");
    c.put("text", "New deal from {{partner.name}}: {{deal.name}} ({{deal.amount}} {{deal.currency}})");
    return c;
  }

  @Test
  void posts_to_the_incoming_webhook() {
    StepResult r = StepHarness.execute(slack, hookConfig(), ctx);
    TestHttpServer.Received req = server.received().get(0);
    assertThat(req.path()).isEqualTo(hookPath);
    assertThat(req.bodyText()).isEqualTo(
        "{\"channel\":\"#deals\",\"text\":\"New deal from Northwind: Contoso rollout (120000 USD)\"}");
    assertThat(r.output()).containsEntry("via", "webhook").containsEntry("host", "127.0.0.1")
        .containsEntry("channel", "#deals").containsEntry("status", 200);
    assertThat(r.output().toString()).doesNotContain("HOOKSECRETXYZ");
  }

  @Test
  void a_429_honours_retry_after_as_a_retryable_failure() {
    server.answer(new Answer(429, Map.of("Retry-After", "30"), "rate_limited"));
    assertThatThrownBy(() -> StepHarness.execute(slack, hookConfig(), ctx))
        .isInstanceOfSatisfying(StepFailedException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        })
        .hasMessageContaining("Slack webhook (host 127.0.0.1)")
        .hasMessageNotContaining("HOOKSECRETXYZ");
  }

  @Test
  void a_webhook_url_off_the_slack_host_is_refused() {
    StandardSteps defaults = new StandardSteps();
    @SuppressWarnings("unchecked")
    ActionType<SendSlackConfig> real = (ActionType<SendSlackConfig>) defaults.nodeTypes().stream()
        .filter(t -> t.name().equals("send_slack")).findFirst().orElseThrow();
    Map<String, Object> c = hookConfig();
    c.put("webhookUrl", "https://evil.example/services/T000/B000/HOOKSECRETXYZ");
    assertThatThrownBy(() -> StepHarness.execute(real, c, ctx))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("under https://hooks.slack.com")
        .hasMessageContaining("'evil.example'")
        .hasMessageNotContaining("HOOKSECRETXYZ");
    defaults.close();
  }

  @Test
  void the_web_api_sends_the_bot_token_and_reads_ok_false() {
    server.answer(new Answer(200, Map.of("Content-Type", "application/json"), "{\"ok\":true,\"ts\":\"1.2\"}"),
        new Answer(200, Map.of(), "{\"ok\":false,\"error\":\"channel_not_found\"}"),
        new Answer(429, Map.of("Retry-After", "7"), "{\"ok\":false,\"error\":\"ratelimited\"}"));
    Map<String, Object> c = new LinkedHashMap<>(Map.of("botToken", TOKEN, "channel", "#deals", "text", "hi"));
    StepResult r = StepHarness.execute(slack, c, ctx);
    assertThat(r.output()).containsEntry("via", "api").containsEntry("ts", "1.2");
    assertThat(server.received().get(0).path()).isEqualTo("/api/chat.postMessage");
    assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThatThrownBy(() -> StepHarness.execute(slack, c, ctx))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("channel_not_found").hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> StepHarness.execute(slack, c, ctx))
        .isInstanceOfSatisfying(StepFailedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  @Test
  void the_url_and_the_token_never_reach_outputs_messages_or_logs() {
    List<String> texts = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      server.answer(Answer.of(200, "ok"), Answer.of(500, "boom"), Answer.of(404, "no_service"),
          new Answer(200, Map.of(), "{\"ok\":false,\"error\":\"invalid_auth\"}"));
      texts.add(StepHarness.execute(slack, hookConfig(), ctx).output().toString());
      for (int i = 0; i < 2; i++) {
        try {
          StepHarness.execute(slack, hookConfig(), ctx);
        } catch (StepFailedException e) {
          texts.add(stackTrace(e));
        }
      }
      try {
        StepHarness.execute(slack, new LinkedHashMap<>(Map.of("botToken", TOKEN, "channel", "#d", "text", "x")), ctx);
      } catch (StepFailedException e) {
        texts.add(stackTrace(e));
      }
      texts.add(StepHarness.dryRun(slack, hookConfig(), ctx).output().toString());
      texts.add(StepHarness.bind(slack, hookConfig(), ctx).toString());
      texts.add(logs.text());
    }
    assertThat(texts).hasSize(7).allSatisfy(t -> assertThat(t)
        .doesNotContain("HOOKSECRETXYZ").doesNotContain(hookPath).doesNotContain(TOKEN));
    assertThat(texts.get(6)).contains("posted via webhook (host 127.0.0.1)");
    assertThat(slack.secretFields()).containsExactlyInAnyOrder("webhookUrl", "botToken");
  }

  static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
