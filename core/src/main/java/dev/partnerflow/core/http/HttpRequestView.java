package dev.partnerflow.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A server-neutral view of an HTTP request: what {@link PartnerflowHttpHandler} needs and nothing more. Host
 * adapters build it from their server's request.
 *
 * <pre>{@code
 * HttpRequestView request = new HttpRequestView(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
 *     exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders());
 * }</pre>
 *
 * @param method the request method, such as {@code GET}
 * @param path the decoded or raw path, without the query, such as {@code /api/workflow-pickers/trainings}
 * @param rawQuery the query string as sent (still percent-encoded), or {@code null} when there is none
 * @param headers request headers; names are matched case-insensitively
 */
public record HttpRequestView(String method, String path, String rawQuery, Map<String, List<String>> headers) {
  public HttpRequestView {
    Objects.requireNonNull(method, "request.method must not be null");
    Objects.requireNonNull(path, "request.path must not be null");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, values) -> {
        if (name != null && values != null) {
          copy.merge(name, List.copyOf(values), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
          });
        }
      });
    }
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of header {@code name} (case-insensitive), if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
