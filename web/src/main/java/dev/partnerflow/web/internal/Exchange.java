package dev.partnerflow.web.internal;

import dev.partnerflow.web.HttpRequestView;
import dev.partnerflow.web.HttpResponseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request being answered: the request, its path parameters, and the ways to answer it. */
public final class Exchange {
  /**
   * The dashboard's Content-Security-Policy: scripts, styles and connections only from this origin, no inline
   * scripts or styles, no framing, forms post only here.
   */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpRequestView request;
  private final HttpResponseSink response;
  private final Map<String, String> params;
  private Map<String, List<String>> query;
  private Map<String, List<String>> form;

  public Exchange(HttpRequestView request, HttpResponseSink response, Map<String, String> params) {
    this.request = request;
    this.response = response;
    this.params = params;
  }

  public HttpRequestView request() {
    return request;
  }

  public HttpResponseSink response() {
    return response;
  }

  public String param(String name) {
    return params.get(name);
  }

  /** Where the handler is mounted, without a trailing slash. */
  public String base() {
    return request.contextPath();
  }

  /** A query parameter's first value. @throws BadRequest for broken percent-encoding */
  public Optional<String> query(String name) {
    if (query == null) {
      try {
        query = QueryString.parse(request.rawQuery());
      } catch (IllegalArgumentException e) {
        throw new BadRequest("the query string must be valid percent-encoding, but was '"
            + QueryString.shown(String.valueOf(request.rawQuery())) + "'");
      }
    }
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Map<String, List<String>> queryAll() {
    query("");
    return query;
  }

  /** A form field of an {@code application/x-www-form-urlencoded} body. */
  public Optional<String> form(String name) throws IOException {
    if (form == null) {
      String type = request.header("Content-Type").orElse("");
      if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        throw new BadRequest("a form post must be application/x-www-form-urlencoded, but was '"
            + QueryString.shown(type) + "'");
      }
      InputStream in = request.body();
      byte[] bytes = in.readNBytes(HttpRequestView.MAX_BODY_BYTES + 1);
      if (bytes.length > HttpRequestView.MAX_BODY_BYTES) {
        throw new BadRequest("the form must be at most " + HttpRequestView.MAX_BODY_BYTES + " bytes");
      }
      try {
        form = QueryString.parse(new String(bytes, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("the form must be valid percent-encoding");
      }
    }
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private void common(String contentType) {
    common(contentType, "no-store");
  }

  private void common(String contentType, String cacheControl) {
    response.header("Content-Type", contentType);
    response.header("Cache-Control", cacheControl);
    response.header("X-Content-Type-Options", "nosniff");
    response.header("Referrer-Policy", "no-referrer");
    response.header("X-Frame-Options", "DENY");
    response.header("Content-Security-Policy", CSP);
  }

  public void send(int status, String contentType, byte[] bytes) throws IOException {
    common(contentType);
    try (OutputStream out = response.start(status, bytes.length)) {
      out.write(bytes);
    }
  }

  public void html(int status, String page) throws IOException {
    send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  public void json(int status, Object body) throws IOException {
    send(status, "application/json", HttpJson.bytes(body));
  }

  /** {@code 303 See Other} to {@code path} below the mount point. */
  public void redirect(String path) throws IOException {
    common("text/plain; charset=utf-8");
    response.header("Location", base() + path);
    response.start(303, 0).close();
  }

  /** Opens a {@code text/event-stream} response; the caller writes and finally closes the body. */
  public OutputStream eventStream() throws IOException {
    common("text/event-stream", "no-cache");
    response.header("X-Accel-Buffering", "no");
    return response.start(200, HttpResponseSink.UNKNOWN_LENGTH);
  }

  /** A request the client got wrong: answered 400 with the message. */
  public static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** A request refused: answered 403 with the message. */
  public static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(message, null, false, false);
    }
  }
}
