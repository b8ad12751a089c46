package dev.partnerflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.ManualStreamScheduler;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.Specialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartnerflowHttpHandlerTest {
  private final ManualStreamScheduler scheduler = new ManualStreamScheduler(Instant.parse("2025-03-01T10:00:00Z"));
  private final PartnerflowHttpHandler handler = PartnerflowHttpHandler.builder()
      .authenticator(r -> r.header("Authorization").filter("Bearer ok"::equals)
          .map(h -> new Caller("alice", "org-acme")))
      .pickers(PickersService.builder()
          .specializations(org -> List.of(new Specialization("s1", org, "Security", "d", true)))
          .trainings(org -> {
            throw new IllegalStateException("jdbc:postgresql://secret-host/db is down");
          })
          .build())
      .exportStreams(ExportStreams.builder().poller(q -> ExportStatus.pending()).scheduler(scheduler)
          .clock(scheduler.clock()).build())
      .build();

  static final class Response implements HttpResponseSink {
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status;
    long length;

    @Override
    public void header(String name, String value) {
      headers.put(name, value);
    }

    @Override
    public OutputStream start(int status, long length) {
      this.status = status;
      this.length = length;
      return body;
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }

  private Response get(String method, String path, String query, boolean authenticated) throws IOException {
    Response response = new Response();
    Map<String, List<String>> headers = authenticated ? Map.of("authorization", List.of("Bearer ok")) : Map.of();
    handler.handle(new HttpRequestView(method, path, query, headers), response);
    return response;
  }

  @Test
  void specializations_answer_a_json_array_with_explicit_field_names() throws IOException {
    Response r = get("GET", PartnerflowHttpHandler.SPECIALIZATIONS_PATH, null, true);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers).containsEntry("Content-Type", "application/json");
    assertThat(r.text()).isEqualTo("[{\"id\":\"s1\",\"organizationId\":\"org-acme\",\"title\":\"Security\","
        + "\"description\":\"d\",\"isPublished\":true}]");
  }

  @Test
  void unauthenticated_request_gets_401_with_json_error() throws IOException {
    Response r = get("GET", PartnerflowHttpHandler.TRAINING_TAGS_PATH, null, false);
    assertThat(r.status).isEqualTo(401);
    assertThat(r.headers).containsEntry("WWW-Authenticate", "Bearer");
    assertThat(r.text()).startsWith("{\"error\":\"unauthenticated\",\"message\":");
  }

  @Test
  void failing_source_gets_500_without_leaking_the_cause() throws IOException {
    Response r = get("GET", PartnerflowHttpHandler.TRAININGS_PATH, null, true);
    assertThat(r.status).isEqualTo(500);
    assertThat(r.text()).contains("\"internal_error\"").doesNotContain("secret-host");
  }

  @Test
  void unknown_path_gets_404_and_wrong_method_gets_405() throws IOException {
    assertThat(get("GET", "/api/workflow-pickers/nope", null, true).status).isEqualTo(404);
    Response r = get("POST", PartnerflowHttpHandler.TRAININGS_PATH, null, true);
    assertThat(r.status).isEqualTo(405);
    assertThat(r.headers).containsEntry("Allow", "GET");
  }

  @Test
  void stream_rejects_missing_malformed_or_repeated_lesson_id_naming_the_parameter() throws IOException {
    assertThat(get("GET", PartnerflowHttpHandler.EXPORT_STREAM_PATH, null, true).text())
        .contains("lessonId is required");
    Response bad = get("GET", PartnerflowHttpHandler.EXPORT_STREAM_PATH, "lessonId=abc", true);
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.text()).isEqualTo(
        "{\"error\":\"bad_request\",\"message\":\"lessonId must be a UUID, but was 'abc'\"}");
    assertThat(get("GET", PartnerflowHttpHandler.EXPORT_STREAM_PATH, "lessonId=1-1-1-1-1", true).status)
        .isEqualTo(400);
    String id = "2f1c7f4e-8a7b-4c1e-9a4b-1f0e2d3c4b5a";
    assertThat(get("GET", PartnerflowHttpHandler.EXPORT_STREAM_PATH, "lessonId=" + id + "&lessonId=" + id, true)
        .text()).contains("lessonId must be given once");
    assertThat(get("GET", PartnerflowHttpHandler.EXPORT_STREAM_PATH, "lessonId=%zz", true).text())
        .contains("percent-encoding");
  }

  @Test
  void stream_answers_event_stream_and_writes_connected() throws IOException {
    Response r = get("GET", PartnerflowHttpHandler.EXPORT_STREAM_PATH,
        "lessonId=2f1c7f4e-8a7b-4c1e-9a4b-1f0e2d3c4b5a&cacheKey=k%201", true);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.length).isEqualTo(HttpResponseSink.UNKNOWN_LENGTH);
    assertThat(r.headers).containsEntry("Content-Type", "text/event-stream");
    assertThat(r.text()).isEqualTo(": connected\n\n");
  }

  @Test
  void header_lookup_ignores_case() {
    HttpRequestView view = new HttpRequestView("GET", "/", null, Map.of("X-Token", List.of("a")));
    assertThat(view.header("x-token")).isEqualTo(Optional.of("a"));
  }

  @Test
  void builder_requires_an_authenticator() {
    assertThatThrownBy(() -> PartnerflowHttpHandler.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("authenticator");
  }
}
