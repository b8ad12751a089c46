package dev.partnerflow.examples.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal event-stream reader over {@code java.net.http}: a background thread reads lines into a queue, and the
 * test takes them with a bounded wait (for bytes in flight on the loopback socket, never for the stream's timings,
 * which the test drives with a manual scheduler).
 */
final class SseClient implements AutoCloseable {
  static final String END = "\u0000END";
  private static final Duration WAIT = Duration.ofSeconds(10);

  final HttpResponse<InputStream> response;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  static SseClient connect(HttpClient client, URI uri, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(WAIT).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // closed by the test, or the server went away: either way the stream ended
    }
    lines.add(END);
  }

  /** The next line, waiting a bounded time for it to arrive. */
  String nextLine() throws InterruptedException {
    String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("no line arrived within " + WAIT);
    }
    return line;
  }

  /** The lines of the next message (up to, not including, its blank line), or [END] when the stream ended. */
  List<String> nextMessage() throws InterruptedException {
    List<String> message = new ArrayList<>();
    while (true) {
      String line = nextLine();
      if (line.equals(END)) {
        message.add(END);
        return message;
      }
      if (line.isEmpty()) {
        return message;
      }
      message.add(line);
    }
  }

  /** Closes the response body, which makes the HTTP client drop the connection. */
  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
