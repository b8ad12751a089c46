package dev.partnerflow.steps;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Config of {@code webhook}: an HTTP request to a receiver the host allows.
 *
 * <pre>{@code
 * {"url": "https://crm.example.com/hooks/partnerflow", "method": "POST",
 *  "headers": {"X-Source": "partnerflow"},
 *  "body": {"partnerId": "{{partner.id}}", "tier": "{{trigger.to}}", "name": "{{partner.name}}"},
 *  "signingSecret": "whsec_..."}
 * }</pre>
 *
 * <p>A {@code body} that is a JSON object or array is sent as JSON: each string in it is rendered as a template,
 * then the whole is serialized, so a value with quotes or braces can never break the JSON. A string body is sent
 * as is (with the {@code Content-Type} header you give, {@code text/plain} otherwise).
 *
 * @param url absolute http(s) URL; its query is hidden in run records and messages
 * @param method GET, POST (default), PUT, PATCH or DELETE
 * @param headers extra request headers, at most 20; values must render to one line
 * @param body JSON object/array, a string, or absent
 * @param signingSecret when set, an HMAC-SHA256 signature header is added (see docs/steps.md); a secret, redacted
 * @param responseHeaders response headers copied to the step output (default {@code content-type})
 * @since 0.1
 */
public record WebhookConfig(
    @NotBlank @Size(max = 2000) String url,
    @Pattern(regexp = "GET|POST|PUT|PATCH|DELETE", message = "must be GET, POST, PUT, PATCH or DELETE") String method,
    @Size(max = 20) Map<@NotBlank @Size(max = 100) String, @Size(max = 2000) String> headers,
    Object body,
    @Size(min = 16, max = 500, message = "must be 16 to 500 characters long") String signingSecret,
    @Size(max = 20) List<@NotBlank String> responseHeaders) {
  /** The method when none is given. */
  public static final String DEFAULT_METHOD = "POST";

  public WebhookConfig {
    method = method == null ? DEFAULT_METHOD : method;
    headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    responseHeaders = responseHeaders == null ? List.of("content-type") : List.copyOf(responseHeaders);
  }

  @Override
  public String toString() {
    return "WebhookConfig[url=" + dev.partnerflow.steps.internal.Urls.redact(url) + ", method=" + method
        + ", headers=" + headers.keySet() + ", signingSecret=" + (signingSecret == null ? "null" : "<redacted>")
        + "]";
  }
}
