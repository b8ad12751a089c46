package dev.partnerflow.web;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Mounts a {@link PartnerflowHttpHandler} in the JDK's {@code com.sun.net.httpserver} under a prefix.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * JdkHttpServerAdapter.mount(server, "/partnerflow", handler);   // dashboard at /partnerflow/
 * server.start();
 * }</pre>
 *
 * <p>The JDK server reports no client disconnects, so a stream notices a closed connection at its next write (a
 * heartbeat). Give the server an executor ({@code server.setExecutor}) so one slow client does not hold the others.
 *
 * @since 0.1.0
 */
public final class JdkHttpServerAdapter implements HttpHandler {
  private final String prefix;
  private final PartnerflowHttpHandler handler;

  /**
   * An adapter for a context created at {@code prefix}.
   *
   * @param prefix the mount point, such as {@code /partnerflow}, or {@code /} (or empty) for the root
   */
  public JdkHttpServerAdapter(String prefix, PartnerflowHttpHandler handler) {
    this.prefix = normalize(prefix);
    this.handler = Objects.requireNonNull(handler, "handler must not be null");
  }

  /** Creates the context {@code prefix} on {@code server} and returns it (to add filters, for example). */
  public static HttpContext mount(HttpServer server, String prefix, PartnerflowHttpHandler handler) {
    JdkHttpServerAdapter adapter = new JdkHttpServerAdapter(prefix, handler);
    return server.createContext(adapter.prefix.isEmpty() ? "/" : adapter.prefix, adapter);
  }

  static String normalize(String prefix) {
    Objects.requireNonNull(prefix, "prefix must not be null");
    String p = prefix.strip();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.isEmpty() && !p.startsWith("/")) {
      throw new IllegalArgumentException("prefix must start with '/', but was '" + prefix + "'");
    }
    return p;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String full = exchange.getRequestURI().getPath();
    if (full == null) {
      full = "/";
    }
    // the JDK matches contexts by string prefix: /partnerflowX must not reach the handler
    if (!full.startsWith(prefix) || (full.length() > prefix.length() && full.charAt(prefix.length()) != '/')) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    if (full.length() == prefix.length() && !prefix.isEmpty()) {
      exchange.getResponseHeaders().add("Location", prefix + "/");
      exchange.sendResponseHeaders(308, -1);
      exchange.close();
      return;
    }
    HttpRequestView request = new HttpRequestView(exchange.getRequestMethod(), prefix,
        full.substring(prefix.length()), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
        exchange.getRequestBody());
    HttpResponseSink response = new HttpResponseSink() {
      @Override
      public void header(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
      }

      @Override
      public OutputStream start(int status, long length) throws IOException {
        // JDK convention: 0 = chunked (unknown length), -1 = no body.
        long jdkLength = length == UNKNOWN_LENGTH ? 0 : length == 0 ? -1 : length;
        exchange.sendResponseHeaders(status, jdkLength);
        return exchange.getResponseBody();
      }
    };
    try {
      handler.handle(request, response);
    } catch (IOException e) {
      exchange.close();
    }
  }
}
