package dev.partnerflow.steps.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request for {@link OutboundHttp}.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param uri absolute http or https URI
 * @param headers request headers in order (immutable copy)
 * @param body the body, or null for none
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
  public OutboundRequest {
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(uri, "uri must not be null");
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  @Override
  public String toString() {
    // never print the URI's query or the headers: they may carry tokens
    return "OutboundRequest[" + method + " " + uri.getScheme() + "://" + uri.getHost() + "]";
  }
}
