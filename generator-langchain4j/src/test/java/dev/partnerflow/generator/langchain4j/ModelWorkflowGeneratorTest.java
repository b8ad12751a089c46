package dev.partnerflow.generator.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.partnerflow.core.json.WorkflowJson;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.generator.Generation;
import dev.partnerflow.generator.GenerationRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the model generator against a fake OpenAI-compatible server on 127.0.0.1 with scripted answers. */
class ModelWorkflowGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DESCRIPTION = "When a deal is registered, email the partner manager";
  private static final String HANG = "<hang>";

  private final NodeTypeRegistry registry = NodeTypeRegistry.discover();
  private final WorkflowJson json = WorkflowJson.of(registry);
  private final Deque<String> answers = new ArrayDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/chat/completions", exchange -> {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String content;
      synchronized (answers) {
        content = answers.isEmpty() ? "no more scripted answers" : answers.poll();
      }
      if (content.equals(HANG)) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = MAPPER.writeValueAsBytes(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1,
          "model", "fake", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
              "message", Map.of("role", "assistant", "content", content))),
          "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      try {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException clientGone) {
        // the client timed out and closed the connection
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private ModelWorkflowGenerator generator(Duration timeout) {
    ChatModel model = ChatModels.openAiCompatible("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "test-key", "fake", timeout);
    return ModelWorkflowGenerator.builder(model, registry).build();
  }

  private Generation generate(String... scripted) {
    answers.addAll(List.of(scripted));
    return generator(Duration.ofSeconds(10)).generate(GenerationRequest.of(DESCRIPTION, "acme", "maria"));
  }

  /** The text of the last user message of a request the fake server received: the repair request. */
  private static String lastUserMessage(String request) throws IOException {
    JsonNode messages = MAPPER.readTree(request).get("messages");
    String text = null;
    for (JsonNode m : messages) {
      if ("user".equals(m.get("role").asText())) {
        JsonNode content = m.get("content");
        text = content.isTextual() ? content.asText() : content.get(0).get("text").asText();
      }
    }
    return text;
  }

  /** The problem lines of a repair request, without their "- " bullets. */
  private static List<String> problemLines(String request) throws IOException {
    return lastUserMessage(request).lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2)).toList();
  }

  private static Map<String, Object> email() {
    return Map.of("to", List.of("role:partner_manager"), "subject", "New deal", "text", "{{deal.customer}}");
  }

  private String valid() {
    return json.write(Workflow.builder("other-org", "Deal alert").createdBy("model").trigger("deal_registered")
        .then("email", "send_email", email()).build());
  }

  @Test
  void valid_answer_becomes_a_draft_of_the_requesting_organization() {
    Generation g = generate("Here you go:\n```json\n" + valid() + "\n```");

    assertThat(g.source()).isEqualTo(Generation.MODEL);
    assertThat(g.valid()).isTrue();
    assertThat(g.workflow().orElseThrow().organizationId()).isEqualTo("acme");
    assertThat(g.workflow().orElseThrow().metadata().createdBy()).isEqualTo("maria");
    assertThat(requests.get(0)).contains("send_email").contains("partner_inactive").contains(WorkflowJson.FORMAT);
  }

  @Test
  void answer_right_the_second_time_is_used_and_the_repair_request_lists_the_problem() throws IOException {
    Generation g = generate("{ this is not json }", valid());

    assertThat(g.source()).isEqualTo(Generation.MODEL);
    assertThat(g.warnings()).anyMatch(w -> w.contains("repaired in 1"));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1)).contains("could not be read");
    assertThat(problemLines(requests.get(1))).satisfiesExactly(
        l -> assertThat(l).startsWith("the JSON document could not be read; 1 problem(s)"),
        l -> assertThat(l).startsWith("{\"line\":1,\"column\":3,\"problem\":\"malformed JSON")
            .endsWith(",\"note\":\"reading stopped here, so the rest of the document was not checked\"}"));
  }

  @Test
  void every_reading_problem_of_the_answer_reaches_the_model_with_its_line_and_column() throws IOException {
    String broken = valid().replace("\"send_email\"", "\"send_fax\"")
        .replace("\"name\" : \"Deal alert\"", "\"name\" : 42")
        .replace("\"id\" : \"trigger\"", "\"id\" : \"trigger\", \"colour\" : \"red\"");
    assertThat(broken).contains("send_fax", "42", "colour");
    Generation g = generate(broken, valid());

    assertThat(g.source()).isEqualTo(Generation.MODEL);
    List<String> lines = problemLines(requests.get(1));
    assertThat(lines.get(0)).isEqualTo("the JSON document could not be read; 3 problem(s) of reading it:");
    assertThat(lines.subList(1, lines.size())).satisfiesExactly(
        l -> assertThat(l).isEqualTo("{\"line\":5,\"column\":12,\"problem\":\"expected a string for 'name',"
            + " but found a number\"}"),
        l -> assertThat(l).isEqualTo("{\"line\":11,\"column\":34,\"problem\":\"unexpected field 'colour' in"
            + " trigger; expected one of [id, type, label, position, config, settings]\"}"),
        l -> assertThat(l).startsWith("{\"line\":21,\"column\":14,\"problem\":\"unknown node type 'send_fax'"
            + " at nodes[0].type; known types: [").endsWith("]\"}"));
  }

  @Test
  void malformed_json_three_times_falls_back_to_the_rule_based_draft() {
    Generation g = generate("{ nope", "still { nope", "{\"format\": ");

    assertThat(g.source()).isEqualTo(Generation.RULES);
    assertThat(g.workflow().orElseThrow().graph().nodes()).extracting(Node::type)
        .containsExactly("deal_registered", "send_email");
    assertThat(g.warnings().get(0)).contains("after 2 repair(s)");
    assertThat(requests).hasSize(3);
  }

  @Test
  void unknown_node_type_is_sent_back_and_then_falls_back() throws IOException {
    String unknown = valid().replace("\"send_email\"", "\"send_fax\"");
    Generation g = generate(unknown, unknown, unknown);

    assertThat(g.source()).isEqualTo(Generation.RULES);
    assertThat(requests.get(1)).contains("send_fax");
    assertThat(problemLines(requests.get(1))).anySatisfy(l -> assertThat(l)
        .matches("\\{\"line\":\\d+,\"column\":\\d+,\"problem\":\"unknown node type 'send_fax'.*\"}"));
  }

  @Test
  void class_name_as_a_type_is_refused_by_the_strict_reader() {
    String className = valid().replace("\"send_email\"", "\"dev.partnerflow.steps.internal.SendEmailStep\"");
    Generation g = generate(className, valid());

    assertThat(g.source()).isEqualTo(Generation.MODEL);
    assertThat(requests.get(1)).contains("SendEmailStep");
  }

  @Test
  void cycle_is_reported_to_the_model_with_the_validator_code() throws IOException {
    String cycle = json.write(Workflow.builder("acme", "Loop").trigger("deal_registered")
        .then("a", "send_email", email()).then("b", "send_email", email()).edge("b", "a").build());
    Generation g = generate(cycle, valid());

    assertThat(g.source()).isEqualTo(Generation.MODEL);
    assertThat(requests.get(1)).contains("CYCLE");
    assertThat(problemLines(requests.get(1))).anySatisfy(l -> assertThat(l).startsWith(
        "{\"code\":\"CYCLE\",\"node\":\"a\",\"rule\":\"edges must not loop back to an earlier step\","
            + "\"message\":\"nodes 'a' -> 'b' -> 'a' form a cycle"));
  }

  @Test
  void config_with_a_missing_field_is_reported_to_the_model() throws IOException {
    String missing = json.write(Workflow.builder("acme", "No recipient").trigger("deal_registered")
        .then("a", "send_email", Map.of("subject", "Hi", "text", "Hello")).build());
    Generation g = generate(missing, missing, missing);

    assertThat(g.source()).isEqualTo(Generation.RULES);
    assertThat(requests.get(1)).contains("INVALID_CONFIG").contains("to");
    assertThat(problemLines(requests.get(1))).containsExactly(
        "{\"code\":\"INVALID_CONFIG\",\"node\":\"a\",\"field\":\"to\",\"rule\":\"must not be empty\","
            + "\"badValue\":\"[]\",\"message\":\"node 'a' (send_email): 'to' must not be empty, but was []\"}");
  }

  @Test
  void a_bad_value_reaches_the_model_in_its_own_field() throws IOException {
    String badTrigger = json.write(Workflow.builder("acme", "Quiet").trigger("partner_inactive", Map.of("days", 0))
        .then("a", "send_email", Map.of("to", List.of("role:partner_manager"), "subject", "Hi", "text", "Hello"))
        .build());
    Generation g = generate(badTrigger, valid());

    assertThat(g.source()).isEqualTo(Generation.MODEL);
    assertThat(problemLines(requests.get(1))).containsExactly(
        "{\"code\":\"INVALID_CONFIG\",\"node\":\"trigger\",\"field\":\"days\","
            + "\"rule\":\"must be greater than or equal to 1\",\"badValue\":\"0\",\"message\":\"node 'trigger'"
            + " (partner_inactive): 'days' must be greater than or equal to 1, but was 0\"}");
  }

  @Test
  void timeout_falls_back_at_once_with_a_warning() {
    answers.add(HANG);
    Generation g = generator(Duration.ofMillis(300)).generate(GenerationRequest.of(DESCRIPTION, "acme", "maria"));

    assertThat(g.source()).isEqualTo(Generation.RULES);
    assertThat(g.warnings().get(0)).contains("did not answer");
    assertThat(requests).hasSize(1);
  }
}
