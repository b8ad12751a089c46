package dev.partnerflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerflow.core.pickers.Specialization;
import dev.partnerflow.core.pickers.TrainingModule;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The picker rules, through the real example server on 127.0.0.1 and {@code java.net.http}. */
class ExampleServerPickersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private ExampleServer server = ExampleServer.builder().port(0).start();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(name).asText()));
    return out;
  }

  @Test
  void every_picker_endpoint_answers_401_with_a_json_error_without_a_valid_token() throws Exception {
    for (String path : List.of("/api/workflow-pickers/specializations", "/api/workflow-pickers/trainings",
        "/api/workflow-pickers/training-tags")) {
      for (String token : new String[] {null, "wrong-token"}) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as(path).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthenticated");
      }
    }
  }

  @Test
  void specializations_are_published_ones_of_the_callers_organization_ordered_by_title() throws Exception {
    JsonNode acme = json("/api/workflow-pickers/specializations", BearerTokenAuthenticator.ACME_TOKEN);
    assertThat(field(acme, "title")).containsExactly("Cloud Security", "data analytics");
    assertThat(acme.get(0).toString()).isEqualTo("{\"id\":\"spec-security\",\"organizationId\":\"org-acme\","
        + "\"title\":\"Cloud Security\",\"description\":\"Competency track for security partners\","
        + "\"isPublished\":true}");

    JsonNode globex = json("/api/workflow-pickers/specializations", BearerTokenAuthenticator.GLOBEX_TOKEN);
    assertThat(field(globex, "id")).containsExactly("spec-globex");
  }

  @Test
  void trainings_are_published_ones_of_the_callers_organization_ordered_by_title_ignoring_case() throws Exception {
    JsonNode acme = json("/api/workflow-pickers/trainings", BearerTokenAuthenticator.ACME_TOKEN);
    assertThat(field(acme, "id")).containsExactly("tr-crm-advanced", "tr-api", "tr-crm-basics");
    assertThat(acme.get(2).toString()).isEqualTo("{\"id\":\"tr-crm-basics\",\"organizationId\":\"org-acme\","
        + "\"title\":\"CRM basics\",\"description\":\"Log deals and contacts\",\"tags\":[\"CRM\",\"onboarding\"],"
        + "\"specializationId\":\"spec-data\",\"durationMinutes\":30,\"isPublished\":true}");
  }

  @Test
  void training_tags_are_deduplicated_ignoring_case_sorted_and_drawn_from_published_trainings_only()
      throws Exception {
    HttpResponse<String> response = get("/api/workflow-pickers/training-tags", BearerTokenAuthenticator.ACME_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[\"Advanced\",\"API\",\"CRM\",\"Onboarding\"]");
  }

  @Test
  void records_of_another_organization_are_never_returned_even_if_the_source_returns_them() throws Exception {
    server.close();
    server = ExampleServer.builder().port(0)
        .specializations(org -> DemoData.SPECIALIZATIONS)
        .trainings(org -> DemoData.TRAININGS)
        .start();

    assertThat(field(json("/api/workflow-pickers/specializations", BearerTokenAuthenticator.ACME_TOKEN),
        "organizationId")).containsOnly("org-acme");
    assertThat(field(json("/api/workflow-pickers/trainings", BearerTokenAuthenticator.GLOBEX_TOKEN), "id"))
        .containsExactly("tr-globex");
    assertThat(get("/api/workflow-pickers/training-tags", BearerTokenAuthenticator.GLOBEX_TOKEN).body())
        .isEqualTo("[\"pricing\"]");
  }

  @Test
  void ties_on_title_are_broken_by_id_whatever_the_source_order() throws Exception {
    server.close();
    server = ExampleServer.builder().port(0)
        .specializations(org -> List.of(
            new Specialization("b", org, "Same", "", true),
            new Specialization("a", org, "same", "", true),
            new Specialization("c", org, "Same", "", true)))
        .trainings(org -> List.<TrainingModule>of())
        .start();
    assertThat(field(json("/api/workflow-pickers/specializations", BearerTokenAuthenticator.ACME_TOKEN), "id"))
        .containsExactly("b", "c", "a");
  }

  @Test
  void a_failing_source_answers_500_without_details() throws Exception {
    server.close();
    server = ExampleServer.builder().port(0)
        .trainings(org -> {
          throw new IllegalStateException("connection to db-7.internal refused");
        })
        .start();
    HttpResponse<String> response = get("/api/workflow-pickers/training-tags", BearerTokenAuthenticator.ACME_TOKEN);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("internal_error").doesNotContain("db-7");
  }

  @Test
  void unknown_path_is_404_and_other_methods_are_405() throws Exception {
    assertThat(get("/api/workflow-pickers/unknown", BearerTokenAuthenticator.ACME_TOKEN).statusCode())
        .isEqualTo(404);
    HttpResponse<String> post = client.send(HttpRequest.newBuilder(
            server.baseUri().resolve("/api/workflow-pickers/trainings"))
        .header("Authorization", "Bearer " + BearerTokenAuthenticator.ACME_TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }
}
