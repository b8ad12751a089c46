package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.http.OutboundPolicy;
import dev.partnerflow.steps.testing.CountingSocket;
import dev.partnerflow.steps.testing.StepHarness;
import dev.partnerflow.steps.testing.TestHttpServer;
import dev.partnerflow.steps.testing.TestHttpServer.Answer;
import dev.partnerflow.steps.testing.TestStepContext;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookStepTest {
  static final String SECRET = "whsec_test_0123456789abcdef";
  private TestHttpServer server;
  private StandardSteps steps;
  private ActionType<WebhookConfig> webhook;
  private TestStepContext ctx;

  @SuppressWarnings("unchecked")
  @BeforeEach
  void start() {
    server = new TestHttpServer();
    steps = StandardSteps.builder()
        .outboundPolicy(OutboundPolicy.builder().allow("127.0.0.1:" + server.port()).build())
        .build();
    webhook = (ActionType<WebhookConfig>) steps.nodeTypes().stream().filter(t -> t.name().equals("webhook"))
        .findFirst().orElseThrow();
    Partner partner = Partner.builder("p-1", "Acme \"Quotes\" {{7*7}} <b>").tier("Gold")
        .primaryContact(Person.of("Dana", "dana@acme.example")).build();
    Event event = PartnerEvents.partnerTierChanged("evt-1", "org-1", TestStepContext.NOW, partner, "Silver", "Gold");
    ctx = TestStepContext.of("crm", event);
  }

  @AfterEach
  void stop() {
    server.close();
    steps.close();
  }

  private Map<String, Object> config(String path) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("url", server.url(path));
    c.put("headers", Map.of("X-Source", "partnerflow"));
    c.put("body", Map.of("partnerId", "{{partner.id}}", "name", "{{partner.name}}", "tier", "{{trigger.to}}"));
    c.put("signingSecret", SECRET);
    return c;
  }

  /** What a receiver does: recompute the HMAC over "t.body", compare in constant time, check the 5-minute window. */
  static boolean verify(String header, byte[] body, String secret, long nowSeconds) throws Exception {
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = kv[1];
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null || Math.abs(nowSeconds - Long.parseLong(t)) > 300) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
  }

  @Test
  void posts_signed_json_with_an_idempotency_key_and_records_the_answer() throws Exception {
    server.answer(new Answer(201, Map.of("Content-Type", "application/json", "X-Request-Id", "r-9"),
        "{\"id\":\"crm-7\"}"));
    StepResult result = StepHarness.execute(webhook, config("/hooks/partner?token=abc"), ctx);

    TestHttpServer.Received req = server.received().get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.header("Idempotency-Key")).isEqualTo("run-1:crm");
    assertThat(req.header("Content-Type")).isEqualTo("application/json");
    assertThat(req.header("X-Source")).isEqualTo("partnerflow");
    long now = TestStepContext.NOW.getEpochSecond();
    assertThat(req.header("Partnerflow-Signature")).startsWith("t=" + now + ",v1=");
    assertThat(verify(req.header("Partnerflow-Signature"), req.body(), SECRET, now)).isTrue();
    assertThat(verify(req.header("Partnerflow-Signature"), req.body(), SECRET, now + 301)).isFalse();
    assertThat(verify(req.header("Partnerflow-Signature"), req.body(), "wrong-secret-0123456", now)).isFalse();
    JsonNode body = new ObjectMapper().readTree(req.body());
    assertThat(body.get("name").asText()).isEqualTo("Acme \"Quotes\" {{7*7}} <b>");
    assertThat(body.get("tier").asText()).isEqualTo("Gold");

    assertThat(result.output()).containsEntry("status", 201)
        .containsEntry("url", server.url("/hooks/partner") + "?<redacted>")
        .containsEntry("body", "{\"id\":\"crm-7\"}")
        .containsEntry("bodyTruncated", false)
        .containsEntry("headers", Map.of("content-type", "application/json"));
    assertThat(result.output().toString()).doesNotContain("token=abc").doesNotContain(SECRET);
  }

  @Test
  void every_attempt_sends_the_same_idempotency_key() {
    server.answer(Answer.of(503, "busy"), Answer.of(200, "ok"));
    assertThatThrownBy(() -> StepHarness.execute(webhook, config("/h"), ctx))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isTrue());
    StepHarness.execute(webhook, config("/h"), ctx.withAttempt(2));
    assertThat(server.received()).extracting(r -> r.header("Idempotency-Key"))
        .containsExactly("run-1:crm", "run-1:crm");
  }

  @Test
  void status_5xx_408_429_are_retryable_other_4xx_permanent() {
    for (int status : new int[] {500, 502, 503, 408, 429}) {
      server.answer(Answer.of(status, "no"));
      assertThatThrownBy(() -> StepHarness.execute(webhook, config("/h"), ctx))
          .as("status %s", status)
          .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isTrue());
    }
    for (int status : new int[] {400, 401, 403, 404, 410, 422}) {
      server.answer(Answer.of(status, "no"));
      assertThatThrownBy(() -> StepHarness.execute(webhook, config("/h"), ctx))
          .as("status %s", status)
          .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse());
    }
  }

  @Test
  void retry_after_is_honoured_in_seconds_and_as_a_date() {
    server.answer(new Answer(429, Map.of("Retry-After", "120"), ""));
    assertThatThrownBy(() -> StepHarness.execute(webhook, config("/h"), ctx))
        .isInstanceOfSatisfying(StepFailedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
    server.answer(new Answer(503, Map.of("Retry-After", "Mon, 05 Jan 2026 09:10:00 GMT"), ""));
    assertThatThrownBy(() -> StepHarness.execute(webhook, config("/h"), ctx))
        .isInstanceOfSatisfying(StepFailedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(10)));
  }

  @Test
  void a_redirect_is_not_followed_even_to_a_refused_address() throws Exception {
    try (CountingSocket internal = new CountingSocket()) {
      server.answer(new Answer(307, Map.of("Location", "http://127.0.0.1:" + internal.port() + "/admin?k=v"), ""));
      assertThatThrownBy(() -> StepHarness.execute(webhook, config("/h"), ctx))
          .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("answered 307")
          .hasMessageContaining("redirects are not followed")
          .hasMessageNotContaining("k=v");
      assertThat(internal.accepted()).isZero();
    }
  }

  @Test
  void a_target_outside_the_allowlist_is_a_permanent_failure_without_connection() throws Exception {
    try (CountingSocket internal = new CountingSocket()) {
      Map<String, Object> c = config("/h");
      c.put("url", "http://127.0.0.1:" + internal.port() + "/x?token=abc");
      assertThatThrownBy(() -> StepHarness.execute(webhook, c, ctx))
          .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("refused")
          .hasMessageNotContaining("token=abc");
      assertThat(internal.accepted()).isZero();
    }
  }

  @Test
  void header_values_with_line_breaks_are_refused() {
    Map<String, Object> c = config("/h");
    c.put("headers", Map.of("X-Partner", "{{partner.name}}"));
    c.remove("body");
    Partner evil = Partner.builder("p-2", "Evil\r\nX-Injected: yes").build();
    TestStepContext evilCtx = TestStepContext.of("crm",
        PartnerEvents.partnerCreated("evt-2", "org-1", TestStepContext.NOW, evil));
    assertThatThrownBy(() -> StepHarness.execute(webhook, c, evilCtx))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("line break");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void dry_run_describes_the_request_without_sending() {
    StepResult r = StepHarness.dryRun(webhook, config("/h?token=abc"), ctx);
    assertThat(r.output()).containsEntry("dryRun", true).containsEntry("method", "POST")
        .containsEntry("signed", true).containsEntry("url", server.url("/h") + "?<redacted>");
    assertThat((String) r.output().get("body")).contains("\"partnerId\":\"p-1\"");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void config_toString_hides_the_secret_and_query() {
    WebhookConfig c = new WebhookConfig("https://x.example/h?token=abc", null, null, null, SECRET, null);
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("token=abc");
    assertThat(webhook.secretFields()).containsExactlyInAnyOrder("signingSecret", "url");
  }
}
