package dev.partnerflow.examples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.partnerflow.core.http.HttpRequestView;
import dev.partnerflow.core.http.HttpResponseSink;
import dev.partnerflow.core.http.PartnerflowHttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;

/**
 * Mounts a {@link PartnerflowHttpHandler} in the JDK's {@code com.sun.net.httpserver}. About thirty lines: this is
 * all a host writes for its own server.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * server.createContext("/api/", new JdkHttpServerAdapter(partnerflowHandler));
 * }</pre>
 *
 * <p>The JDK server reports no client disconnects, so a stream notices a closed connection at its next write (a
 * heartbeat); servers that do report them (Servlet {@code AsyncListener}, Netty) should call
 * {@code ExportStream.cancel()}.
 */
public final class JdkHttpServerAdapter implements HttpHandler {
  private final PartnerflowHttpHandler handler;

  public JdkHttpServerAdapter(PartnerflowHttpHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler must not be null");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    HttpRequestView request = new HttpRequestView(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
        exchange.getRequestHeaders());
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
