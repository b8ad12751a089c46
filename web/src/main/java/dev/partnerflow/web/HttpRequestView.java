package dev.partnerflow.web;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A server-neutral view of an HTTP request: what {@link PartnerflowHttpHandler} needs and nothing more. The adapters
 * ({@link JdkHttpServerAdapter}, {@link PartnerflowServlet}) build it; a host with another server builds it the same
 * way.
 *
 * <pre>{@code
 * HttpRequestView request = new HttpRequestView(exchange.getRequestMethod(), "/partnerflow",
 *     "/workflows/wf-1", exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
 *     exchange.getRequestBody());
 * }</pre>
 *
 * @param method the request method, such as {@code GET}
 * @param contextPath where the handler is mounted, such as {@code /partnerflow}, without a trailing slash; empty when
 *     mounted at the root. Pages use it to build their links.
 * @param path the decoded path below {@code contextPath}, starting with {@code /}, without the query, such as
 *     {@code /api/workflow-pickers/trainings}
 * @param rawQuery the query string as sent (still percent-encoded), or {@code null} when there is none
 * @param headers request headers; names are matched case-insensitively
 * @param body the request body (read only by form posts, at most {@value #MAX_BODY_BYTES} bytes); empty when null
 */
public record HttpRequestView(String method, String contextPath, String path, String rawQuery,
    Map<String, List<String>> headers, InputStream body) {
  /** The largest request body read: 64 KB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  public HttpRequestView {
    Objects.requireNonNull(method, "request.method must not be null");
    Objects.requireNonNull(path, "request.path must not be null");
    contextPath = contextPath == null ? "" : contextPath;
    if (contextPath.endsWith("/")) {
      contextPath = contextPath.substring(0, contextPath.length() - 1);
    }
    if (!contextPath.isEmpty() && !contextPath.startsWith("/")) {
      throw new IllegalArgumentException("request.contextPath must be empty or start with '/', but was '"
          + contextPath + "'");
    }
    if (path.isEmpty()) {
      path = "/";
    }
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
    body = body == null ? InputStream.nullInputStream() : body;
  }

  /** A request without a body, mounted at the root. */
  public HttpRequestView(String method, String path, String rawQuery, Map<String, List<String>> headers) {
    this(method, "", path, rawQuery, headers, null);
  }

  /** The first value of header {@code name} (case-insensitive), if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
