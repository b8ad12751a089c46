package dev.partnerflow.steps.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A JDK HttpServer on 127.0.0.1 (port 0) that records requests and answers from a script. */
public final class TestHttpServer implements AutoCloseable {
  /** A request as received. */
  public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }

    public String bodyText() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();
  private Answer fallback = Answer.of(200, "ok");

  public TestHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
      Answer a;
      synchronized (script) {
        a = script.isEmpty() ? fallback : script.poll();
      }
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] out = a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
      exchange.close();
    });
    server.start();
  }

  public TestHttpServer answer(Answer... answers) {
    synchronized (script) {
      script.addAll(List.of(answers));
    }
    return this;
  }

  public TestHttpServer always(Answer answer) {
    this.fallback = answer;
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
