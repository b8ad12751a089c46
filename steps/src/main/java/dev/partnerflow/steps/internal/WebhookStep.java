package dev.partnerflow.steps.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.WebhookConfig;
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
 * {@code webhook}: an HTTP request with an {@code Idempotency-Key}, an optional HMAC-SHA256 signature, and a
 * status-based retry rule.
 */
public final class WebhookStep implements ActionType<WebhookConfig> {
  public static final int MINUTES_SAVED = 3;
  /** Response body characters kept in the step output. */
  public static final int MAX_OUTPUT_BODY_CHARS = 4096;
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
      "connection", IDEMPOTENCY_HEADER.toLowerCase(Locale.ROOT), Signatures.HEADER.toLowerCase(Locale.ROOT));
  private static final Logger log = LoggerFactory.getLogger(WebhookStep.class);

  private final OutboundHttp http;

  public WebhookStep(OutboundHttp http) {
    this.http = http;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Class<WebhookConfig> configType() {
    return WebhookConfig.class;
  }

  @Override
  public WebhookConfig defaultConfig() {
    return new WebhookConfig("https://example.com/hooks/partnerflow", "POST", Map.of(),
        Map.of("partnerId", "{{partner.id}}", "event", "{{trigger.type}}"), null, null);
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Call webhook",
        "Sends an HTTP request with a templated JSON body to an external system such as a CRM, signed with "
            + "HMAC-SHA256 when a signing secret is set, with an Idempotency-Key header. 5xx, 408 and 429 are "
            + "retried; other 4xx are not.",
        "integration", List.of("call a webhook", "update the CRM", "notify an external system",
            "send the deal to Salesforce"));
  }

  @Override
  public int minutesSaved() {
    return MINUTES_SAVED;
  }

  /**
   * The signing secret, and the URL: a webhook URL often carries a token in its query, so the engine records the
   * input URL as redacted while the output shows it without its query.
   */
  @Override
  public Set<String> secretFields() {
    return Set.of("signingSecret", "url");
  }

  /** The request line and the configured headers (names and values): none may hold a line break. */
  @Override
  public Set<String> headerFields() {
    return Set.of("url", "method", "headers");
  }

  @Override
  public StepResult execute(WebhookConfig config, StepContext ctx) {
    Prepared p = prepare(config, ctx);
    String what = "node '" + ctx.nodeId() + "' (webhook): " + p.method + " " + Urls.redact(config.url());
    Map<String, String> headers = new LinkedHashMap<>(p.headers);
    if (config.signingSecret() != null) {
      long t = ctx.clock().instant().getEpochSecond();
      headers.put(Signatures.HEADER, Signatures.header(config.signingSecret(), t, p.body == null ? new byte[0]
          : p.body));
    }
    OutboundResponse response;
    try {
      response = http.send(new OutboundRequest(p.method, p.uri, headers, p.body));
    } catch (OutboundRefusedException e) {
      throw StepFailedException.permanent(what + " refused: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw StepFailedException.retryable(what + " failed: " + e.getMessage());
    }
    HttpFailures.throwIfFailed(response, what, ctx);
    log.info("Webhook of run {} node {}: {} {} answered {}", ctx.runId(), ctx.nodeId(), p.method,
        Urls.redact(config.url()), response.status());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", Urls.redact(config.url()));
    out.put("status", response.status());
    Map<String, Object> selected = new LinkedHashMap<>();
    for (String name : config.responseHeaders()) {
      response.header(name).ifPresent(v -> selected.put(name.toLowerCase(Locale.ROOT), v));
    }
    out.put("headers", selected);
    String text = response.bodyText();
    boolean truncated = response.truncated() || text.length() > MAX_OUTPUT_BODY_CHARS;
    out.put("body", text.length() > MAX_OUTPUT_BODY_CHARS ? text.substring(0, MAX_OUTPUT_BODY_CHARS) : text);
    out.put("bodyTruncated", truncated);
    return StepResult.of(out);
  }

  @Override
  public StepResult dryRun(WebhookConfig config, StepContext ctx) {
    Prepared p = prepare(config, ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", true);
    out.put("method", p.method);
    out.put("url", Urls.redact(config.url()));
    out.put("headers", p.headers.keySet().stream().toList());
    out.put("signed", config.signingSecret() != null);
    out.put("body", p.body == null ? "" : new String(p.body, StandardCharsets.UTF_8));
    return StepResult.of(out);
  }

  private Prepared prepare(WebhookConfig config, StepContext ctx) {
    URI uri;
    try {
      uri = URI.create(config.url().trim());
    } catch (IllegalArgumentException e) {
      throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (webhook): 'url' must be an absolute http(s) "
          + "URL, but it does not parse (" + Urls.redact(config.url()) + ")");
    }
    if (uri.getHost() == null || uri.getScheme() == null
        || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (webhook): 'url' must be an absolute http(s) "
          + "URL, but was " + Urls.redact(config.url()));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    config.headers().forEach((name, value) -> {
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (webhook): header '" + name
            + "' is set by Partnerflow and must not be configured");
      }
      if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (webhook): header name must be an HTTP "
            + "token, but was '" + name + "'");
      }
      if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
        throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (webhook): header '" + name
            + "' must not contain a line break after rendering (header injection refused)");
      }
      headers.put(name, value == null ? "" : value);
    });
    byte[] body = null;
    if (config.body() instanceof String s) {
      body = s.getBytes(StandardCharsets.UTF_8);
      headers.putIfAbsent("Content-Type", "text/plain; charset=utf-8");
    } else if (config.body() != null) {
      try {
        body = Mapper.JSON.writeValueAsBytes(config.body());
      } catch (JsonProcessingException e) {
        throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (webhook): 'body' cannot be written as JSON");
      }
      if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
        headers.put("Content-Type", "application/json");
      }
    }
    headers.put(IDEMPOTENCY_HEADER, ctx.idempotencyKey());
    return new Prepared(config.method(), uri, headers, body);
  }

  private record Prepared(String method, URI uri, Map<String, String> headers, byte[] body) {}
}
