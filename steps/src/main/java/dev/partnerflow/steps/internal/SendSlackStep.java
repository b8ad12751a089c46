package dev.partnerflow.steps.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.SendSlackConfig;
import dev.partnerflow.steps.http.OutboundHttp;
import dev.partnerflow.steps.http.OutboundRefusedException;
import dev.partnerflow.steps.http.OutboundRequest;
import dev.partnerflow.steps.http.OutboundResponse;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code send_slack}: posts through an incoming webhook or {@code chat.postMessage}. The webhook URL and the bot
 * token never appear in outputs, messages or logs: destinations are described by host only.
 */
public final class SendSlackStep implements ActionType<SendSlackConfig> {
  public static final int MINUTES_SAVED = 2;
  private static final Logger log = LoggerFactory.getLogger(SendSlackStep.class);
  /** Web API errors worth retrying; every other error is permanent (bad token, unknown channel, ...). */
  private static final Set<String> RETRYABLE_API_ERRORS =
      Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private final OutboundHttp http;
  private final URI webhookBase;
  private final URI apiBase;

  public SendSlackStep(OutboundHttp http, URI webhookBase, URI apiBase) {
    this.http = http;
    this.webhookBase = webhookBase;
    this.apiBase = apiBase;
  }

  @Override
  public String name() {
    return "send_slack";
  }

  @Override
  public Class<SendSlackConfig> configType() {
    return SendSlackConfig.class;
  }

  @Override
  public SendSlackConfig defaultConfig() {
    return new SendSlackConfig(null, null, "#partners", "{{partner.name}}: {{trigger.type}}");
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Send Slack message",
        "Posts a templated message to a Slack channel through an incoming-webhook URL or the Web API with a bot "
            + "token. The URL and the token are secrets and are redacted from run records and logs.",
        "messaging", List.of("post to Slack", "notify #deals on Slack", "tell the team in Slack"));
  }

  @Override
  public int minutesSaved() {
    return MINUTES_SAVED;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("webhookUrl", "botToken");
  }

  @Override
  public Set<String> headerFields() {
    return Set.of("channel");
  }

  @Override
  public StepResult execute(SendSlackConfig config, StepContext ctx) {
    boolean viaWebhook = config.webhookUrl() != null && !config.webhookUrl().isBlank();
    Map<String, Object> payload = new LinkedHashMap<>();
    if (config.channel() != null && !config.channel().isBlank()) {
      payload.put("channel", config.channel());
    }
    payload.put("text", config.text());
    byte[] body = json(payload);
    URI target;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    String what;
    if (viaWebhook) {
      target = webhookTarget(config.webhookUrl(), ctx);
      what = "node '" + ctx.nodeId() + "' (send_slack): Slack webhook (host " + target.getHost() + ")";
    } else {
      target = apiBase.resolve("chat.postMessage");
      headers.put("Authorization", "Bearer " + config.botToken().trim());
      what = "node '" + ctx.nodeId() + "' (send_slack): Slack Web API (host " + target.getHost() + ")";
    }
    OutboundResponse response;
    try {
      response = http.send(new OutboundRequest("POST", target, headers, body));
    } catch (OutboundRefusedException e) {
      throw StepFailedException.permanent(what + " refused: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw StepFailedException.retryable(what + " could not be reached: " + e.getMessage());
    }
    HttpFailures.throwIfFailed(response, what, ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("via", viaWebhook ? "webhook" : "api");
    out.put("host", target.getHost());
    if (config.channel() != null) {
      out.put("channel", config.channel());
    }
    out.put("status", response.status());
    if (!viaWebhook) {
      JsonNode answer = parse(response, what);
      if (!answer.path("ok").asBoolean(false)) {
        String error = answer.path("error").asText("unknown_error");
        String message = what + " answered ok=false, error '" + error + "'";
        if (RETRYABLE_API_ERRORS.contains(error)) {
          throw HttpFailures.retryAfter(response, ctx).map(w -> StepFailedException.retryAfter(message, w))
              .orElseGet(() -> StepFailedException.retryable(message));
        }
        throw StepFailedException.permanent(message);
      }
      if (answer.hasNonNull("ts")) {
        out.put("ts", answer.get("ts").asText());
      }
    }
    log.info("Slack message of run {} node {} posted via {} (host {})", ctx.runId(), ctx.nodeId(),
        viaWebhook ? "webhook" : "Web API", target.getHost());
    return StepResult.of(out);
  }

  @Override
  public StepResult dryRun(SendSlackConfig config, StepContext ctx) {
    boolean viaWebhook = config.webhookUrl() != null && !config.webhookUrl().isBlank();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", true);
    out.put("via", viaWebhook ? "webhook" : "api");
    out.put("host", viaWebhook ? webhookTarget(config.webhookUrl(), ctx).getHost() : apiBase.getHost());
    if (config.channel() != null) {
      out.put("channel", config.channel());
    }
    out.put("text", config.text());
    return StepResult.of(out);
  }

  private URI webhookTarget(String url, StepContext ctx) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (send_slack): 'webhookUrl' must be a URL, "
          + "but it does not parse");
    }
    boolean sameOrigin = uri.getScheme() != null && uri.getHost() != null
        && uri.getScheme().equalsIgnoreCase(webhookBase.getScheme())
        && uri.getHost().toLowerCase(Locale.ROOT).equals(webhookBase.getHost().toLowerCase(Locale.ROOT))
        && port(uri) == port(webhookBase)
        && uri.getRawPath() != null && uri.getRawPath().startsWith(webhookBase.getRawPath())
        && uri.getRawUserInfo() == null;
    if (!sameOrigin) {
      throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (send_slack): 'webhookUrl' must be a Slack "
          + "incoming-webhook URL under " + webhookBase.getScheme() + "://" + webhookBase.getHost() + ", but its host "
          + "was '" + uri.getHost() + "'; a host configures another Slack base URL with "
          + "StandardSteps.builder().slackBaseUrl(...)");
    }
    return uri;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static JsonNode parse(OutboundResponse response, String what) {
    try {
      return Mapper.JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw StepFailedException.retryable(what + " answered " + response.status() + " with a body that is not JSON");
    }
  }

  private static byte[] json(Object value) {
    try {
      return Mapper.JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a Slack message", e);
    }
  }
}
