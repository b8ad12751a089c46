package dev.partnerflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerflow.core.export.ExportQuery;
import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ManualStreamScheduler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The export stream through the real example server on 127.0.0.1 and {@code java.net.http}. Time is a
 * {@link ManualStreamScheduler}: the test moves it, the stream's tasks run on the test thread and write to the real
 * socket, and the test only waits (boundedly) for those bytes to arrive.
 */
class ExampleServerExportStreamTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final UUID LESSON = UUID.fromString("2f1c7f4e-8a7b-4c1e-9a4b-1f0e2d3c4b5a");
  private static final String CONNECTED = ": connected";

  private final ManualStreamScheduler scheduler = new ManualStreamScheduler(T0);
  private final List<ExportQuery> polls = new CopyOnWriteArrayList<>();
  private final List<Instant> pollTimes = new CopyOnWriteArrayList<>();
  private volatile Function<ExportQuery, ExportStatus> answer = q -> ExportStatus.pending();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ExampleServer server = ExampleServer.builder()
      .port(0)
      .scheduler(scheduler)
      .clock(scheduler.clock())
      .poller(q -> {
        polls.add(q);
        pollTimes.add(scheduler.now());
        return answer.apply(q);
      })
      .start();

  @AfterEach
  void stop() {
    server.close();
  }

  private URI streamUri(String query) {
    return server.baseUri().resolve("/api/exports/pptx/stream?" + query);
  }

  private SseClient connect(String query) throws Exception {
    return SseClient.connect(client, streamUri(query), BearerTokenAuthenticator.ACME_TOKEN);
  }

  private static ExportStatus.Completed completed(String cacheKey, Instant at) {
    return new ExportStatus.Completed("https://files.test/deck.pptx", 37, "deck-model-2",
        Optional.ofNullable(cacheKey), at);
  }

  @Test
  void stream_answers_event_stream_and_sends_connected_at_once() throws Exception {
    try (SseClient sse = connect("lessonId=" + LESSON)) {
      assertThat(sse.response.statusCode()).isEqualTo(200);
      assertThat(sse.response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      assertThat(sse.response.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(sse.nextMessage()).containsExactly(CONNECTED);
    }
  }

  @Test
  void polls_every_one_and_a_half_seconds_sends_heartbeat_every_fifteen_then_completed_and_closes()
      throws Exception {
    try (SseClient sse = connect("lessonId=" + LESSON)) {
      assertThat(sse.nextMessage()).containsExactly(CONNECTED);

      scheduler.advance(Duration.ofSeconds(14));
      assertThat(pollTimes).containsExactly(T0, T0.plusMillis(1500), T0.plusMillis(3000), T0.plusMillis(4500),
          T0.plusMillis(6000), T0.plusMillis(7500), T0.plusMillis(9000), T0.plusMillis(10500), T0.plusMillis(12000),
          T0.plusMillis(13500));
      scheduler.advance(Duration.ofSeconds(1));
      assertThat(sse.nextMessage()).containsExactly(":hb");
      scheduler.advance(Duration.ofSeconds(15));
      assertThat(sse.nextMessage()).containsExactly(":hb");

      answer = q -> completed(null, scheduler.now());
      scheduler.advance(Duration.ofMillis(1500));
      assertThat(sse.nextMessage()).containsExactly("event: completed",
          "data: {\"url\":\"https://files.test/deck.pptx\",\"costCents\":37,\"model\":\"deck-model-2\"}");
      assertThat(sse.nextMessage()).containsExactly(SseClient.END);
    }
    int pollsAtEnd = polls.size();
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(polls).hasSize(pollsAtEnd);
    assertThat(server.exportStreams().openStreamCount()).isZero();
  }

  @Test
  void the_poller_is_asked_about_the_lesson_of_the_callers_organization_with_the_stream_start() throws Exception {
    try (SseClient sse = connect("lessonId=" + LESSON + "&cacheKey=" + URLEncoder.encode("k 1/2",
        StandardCharsets.UTF_8))) {
      sse.nextMessage();
      scheduler.runDueTasks();
      assertThat(polls).containsExactly(new ExportQuery("org-acme", LESSON, Optional.of("k 1/2"), T0));
    }
  }

  @Test
  void failed_export_sends_error_event_with_message_and_closes() throws Exception {
    answer = q -> new ExportStatus.Failed("slide 4:\nimage too large");
    try (SseClient sse = connect("lessonId=" + LESSON)) {
      sse.nextMessage();
      scheduler.runDueTasks();
      assertThat(sse.nextMessage()).containsExactly("event: error",
          "data: {\"message\":\"slide 4:\\nimage too large\"}");
      assertThat(sse.nextMessage()).containsExactly(SseClient.END);
    }
  }

  @Test
  void with_cache_key_only_the_matching_export_completes_the_stream() throws Exception {
    answer = q -> completed("someone-elses-key", scheduler.now());
    try (SseClient sse = connect("lessonId=" + LESSON + "&cacheKey=mine")) {
      sse.nextMessage();
      scheduler.advance(Duration.ofSeconds(14));
      assertThat(server.exportStreams().openStreamCount()).isEqualTo(1);

      answer = q -> completed("mine", T0.minus(Duration.ofHours(1)));
      scheduler.advance(Duration.ofSeconds(1));
      assertThat(sse.nextMessage()).containsExactly(":hb");
      scheduler.advance(Duration.ofMillis(1500));
      assertThat(sse.nextMessage()).first().isEqualTo("event: completed");
      assertThat(sse.nextMessage()).containsExactly(SseClient.END);
    }
  }

  @Test
  void without_cache_key_only_a_fresh_export_completes_the_stream() throws Exception {
    answer = q -> completed("old", T0.minus(Duration.ofMinutes(10)));
    try (SseClient sse = connect("lessonId=" + LESSON)) {
      sse.nextMessage();
      scheduler.advance(Duration.ofSeconds(14));
      assertThat(server.exportStreams().openStreamCount()).isEqualTo(1);

      answer = q -> completed("new", scheduler.now());
      scheduler.advance(Duration.ofMillis(1500));
      assertThat(sse.nextMessage()).containsExactly(":hb");
      assertThat(sse.nextMessage()).first().isEqualTo("event: completed");
    }
  }

  @Test
  void after_five_minutes_sends_an_error_event_and_closes() throws Exception {
    try (SseClient sse = connect("lessonId=" + LESSON)) {
      sse.nextMessage();
      scheduler.advance(Duration.ofMinutes(5));
      for (int i = 0; i < 19; i++) {
        assertThat(sse.nextMessage()).containsExactly(":hb");
      }
      assertThat(sse.nextMessage()).containsExactly("event: error",
          "data: {\"message\":\"export did not complete within 5 minutes\"}");
      assertThat(sse.nextMessage()).containsExactly(SseClient.END);
      assertThat(pollTimes).hasSize(200).last().isEqualTo(T0.plus(Duration.ofMillis(298_500)));
    }
  }

  @Test
  void a_closed_client_connection_stops_the_polling() throws Exception {
    SseClient sse = connect("lessonId=" + LESSON);
    sse.nextMessage();
    scheduler.advance(Duration.ofSeconds(3));
    sse.close();

    // The JDK server learns of the disconnect only when a write fails: TCP accepts the first write after the
    // peer closed, the next one fails. Advance heartbeat by heartbeat until the stream notices, well before the
    // 5-minute timeout.
    Instant deadline = T0.plus(Duration.ofMinutes(2));
    while (server.exportStreams().openStreamCount() > 0 && scheduler.now().isBefore(deadline)) {
      scheduler.advance(Duration.ofSeconds(15));
      waitBrieflyForTheServerToSeeTheReset();
    }
    assertThat(server.exportStreams().openStreamCount()).isZero();
    assertThat(scheduler.now()).isBefore(deadline);
    assertThat(scheduler.pendingTasks()).isZero();
    int pollsAtDisconnect = polls.size();
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(polls).hasSize(pollsAtDisconnect);
  }

  /** A bounded wait for the client's TCP reset to reach the server socket; no stream timing depends on it. */
  private static void waitBrieflyForTheServerToSeeTheReset() throws InterruptedException {
    Object monitor = new Object();
    synchronized (monitor) {
      monitor.wait(50);
    }
  }

  @Test
  void the_demo_poller_completes_an_export_five_seconds_after_the_first_poll() throws Exception {
    server.close();
    server = ExampleServer.builder().port(0).scheduler(scheduler).clock(scheduler.clock()).start();
    try (SseClient sse = connect("lessonId=" + LESSON)) {
      sse.nextMessage();
      scheduler.advance(Duration.ofMillis(4500));
      assertThat(server.exportStreams().openStreamCount()).isEqualTo(1);
      scheduler.advance(Duration.ofMillis(1500));
      assertThat(sse.nextMessage()).containsExactly("event: completed", "data: {\"url\":\"https://exports.example"
          + ".test/lessons/" + LESSON + ".pptx\",\"costCents\":12,\"model\":\"partnerflow-demo-deck\"}");
    }
  }

  @Test
  void stream_requires_authentication() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(streamUri("lessonId=" + LESSON)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(new ObjectMapper().readTree(response.body()).get("error").asText()).isEqualTo("unauthenticated");
  }

  @Test
  void missing_or_malformed_lesson_id_is_400_naming_the_parameter_and_the_value() throws Exception {
    HttpResponse<String> missing = get("cacheKey=x");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("{\"error\":\"bad_request\",\"message\":"
        + "\"lessonId is required (a UUID query parameter), but was missing\"}");
    HttpResponse<String> malformed = get("lessonId=abc");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("lessonId must be a UUID, but was 'abc'");
    assertThat(polls).isEmpty();
  }

  private HttpResponse<String> get(String query) throws Exception {
    return client.send(HttpRequest.newBuilder(streamUri(query))
        .header("Authorization", "Bearer " + BearerTokenAuthenticator.ACME_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
