package dev.partnerflow.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.partnerflow.core.json.WorkflowJson;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.validation.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tool run in-process, as {@code main} runs it, on real files, the real engine and a local fake model. */
class PartnerflowCliTest {
  static final Path WELCOME = Path.of("src", "main", "resources", "workflows", "welcome.json");
  static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = PartnerflowCli.commandLine(new PartnerflowCli(env));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void validate_of_the_example_file_exits_0() {
    Result r = run("validate", WELCOME.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("workflow 'welcome-new-partners' (5 nodes) has no problems");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validate_of_an_invalid_file_lists_every_problem_with_node_and_code_and_exits_1() throws IOException {
    String text = Files.readString(WELCOME)
        .replace("\"to\" : [ \"role:partner_manager\" ]", "\"to\" : [ ]")                  // notify_manager
        .replace("\"subject\" : \"How is onboarding going, {{partner.name}}?\"",
            "\"subject\" : \"How is onboarding going, {{#partner.name}}?\"")                 // follow_up template
        .replace("\"duration\" : \"P7D\"", "\"duration\" : \"soon\"");                       // wait
    Path file = write("invalid.json", text);

    Result r = run("validate", file.toString());

    assertThat(r.code()).isEqualTo(1);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("notify_manager\tINVALID_CONFIG\t"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("follow_up\tINVALID_TEMPLATE\t"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wait\tINVALID_CONFIG\t"));
    assertThat(r.err()).contains("3 problems");
  }

  @Test
  void validate_of_malformed_json_gives_line_and_column_on_stderr_and_exits_1() throws IOException {
    Path file = write("broken.json", "{\n  \"format\" : \"partnerflow.workflow/v1\",\n  \"nodes\" : {\n");

    Result r = run("validate", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).containsPattern("invalid workflow document at line 3, column \\d+: expected an array for"
        + " 'nodes'");
  }

  @Test
  void validate_lists_every_reading_problem_of_a_file_each_with_its_line() throws IOException {
    String doc = Files.readString(Path.of("src/main/resources/workflows/welcome.json"))
        .replace("\"version\" : 1", "\"version\" : \"one\"")
        .replace("\"type\" : \"send_email\"", "\"type\" : \"send_emial\"");
    Path file = write("two-problems.json", doc);

    Result r = run("validate", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.contains("line ")).count()).isGreaterThanOrEqualTo(3);
    assertThat(r.err()).contains("'version'").contains("send_emial").contains("did you mean 'send_email'");
  }

  @Test
  void validate_of_a_missing_file_is_a_usage_error() {
    Result r = run("validate", dir.resolve("nope.json").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read").contains("nope.json");
  }

  @Test
  void run_once_prints_a_table_of_every_step_without_colour_off_a_terminal() {
    Result r = run("run-once", WELCOME.toString());

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).contains("of workflow welcome-new-partners v1 (test run, side effects off)")
        .endsWith(": SUCCEEDED");
    assertThat(lines.get(1)).startsWith("STEP").contains("STATUS", "INPUT", "OUTPUT", "START", "DURATION");
    assertThat(lines.subList(2, 6)).extracting(l -> l.split("\\s+")[0])
        .containsExactly("welcome", "notify_manager", "wait", "follow_up");
    assertThat(lines.subList(2, 6)).allSatisfy(l -> assertThat(l).contains("SUCCEEDED (dry run)")
        .containsPattern("\\d+ ms$"));
    assertThat(lines.get(2)).contains("{\"to\":[\"role:primary_contact\"]");
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void run_once_colours_the_status_when_asked() {
    Result r = run("run-once", "--color=always", WELCOME.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\u001b[32mSUCCEEDED (dry run)\u001b[39m\u001b[0m");
  }

  @Test
  void run_once_json_is_the_whole_trace_for_machines() throws IOException {
    Result r = run("run-once", WELCOME.toString(), "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode trace = MAPPER.readTree(r.out());
    assertThat(trace.at("/run/status").asText()).isEqualTo("SUCCEEDED");
    assertThat(trace.at("/run/testRun").asBoolean()).isTrue();
    assertThat(trace.at("/run/workflowId").asText()).isEqualTo("welcome-new-partners");
    JsonNode steps = trace.get("steps");
    assertThat(steps).hasSize(4);
    assertThat(steps.get(0).get("nodeId").asText()).isEqualTo("welcome");
    assertThat(steps.get(0).get("dryRun").asBoolean()).isTrue();
    assertThat(steps.get(0).at("/input/subject").asText()).startsWith("Welcome to the partner program, ");
    assertThat(steps.get(0).get("durationMillis").isIntegralNumber()).isTrue();
    assertThat(steps.get(2).at("/output/skipped").asBoolean()).isTrue();
  }

  @Test
  void run_once_with_an_event_file_renders_the_event_data() throws IOException {
    Path event = write("event.json", """
        {
          "id": "evt-42",
          "type": "partner_created",
          "occurredAt": "2026-03-01T10:15:00Z",
          "data": {
            "partner": {
              "id": "p-7", "name": "Globex", "stage": "Onboarding", "tier": "Silver",
              "primaryContact": { "name": "Hank Scorpio", "email": "hank@globex.example" },
              "partnerManager": { "name": "Pat Lee", "email": "pat@vendor.example" }
            }
          }
        }
        """);

    Result r = run("run-once", WELCOME.toString(), "--event", event.toString(), "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode trace = MAPPER.readTree(r.out());
    assertThat(trace.at("/run/eventId").asText()).startsWith("evt-42");
    JsonNode welcome = trace.get("steps").get(0);
    assertThat(welcome.at("/input/subject").asText()).isEqualTo("Welcome to the partner program, Globex");
    assertThat(welcome.at("/output/to").toString()).contains("hank@globex.example");
    assertThat(trace.get("steps").get(1).at("/output/to").toString()).contains("pat@vendor.example");
  }

  @Test
  void run_once_refuses_an_event_of_another_trigger_type() throws IOException {
    Path event = write("deal.json", "{\"type\": \"deal_registered\", \"data\": {}}");
    Result r = run("run-once", WELCOME.toString(), "--event", event.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("event type 'deal_registered' does not start this workflow")
        .contains("'partner_created'");
  }

  @Test
  void run_once_refuses_an_event_with_an_unknown_field() throws IOException {
    Path event = write("odd.json", "{\"type\": \"partner_created\", \"payload\": {}}");
    Result r = run("run-once", WELCOME.toString(), "--event", event.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("unknown field 'payload'");
  }

  @Test
  void generate_prints_a_document_that_reads_back_and_validates_and_explains_on_stderr() throws IOException {
    Result r = run("generate", "Send a welcome email to the partner manager and schedule a check-in for 30 days"
        + " after a new partner is created", "--org", "globex", "--by", "maria");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("trigger: Partner Created").contains("delay_1: Delay 30 days")
        .contains("generated by rules");
    Path file = write("generated.json", r.out());
    try (PartnerflowCli.Engine engine = PartnerflowCli.engine()) {
      Workflow w = engine.json().read(r.out());
      assertThat(w.organizationId()).isEqualTo("globex");
      assertThat(w.metadata().createdBy()).isEqualTo("maria");
      assertThat(w.status()).isEqualTo(WorkflowStatus.DRAFT);
      List<Problem> problems = engine.test().engine().validator().validate(w);
      assertThat(problems).isEmpty();
    }
    assertThat(run("validate", file.toString()).code()).isZero();
  }

  @Test
  void generate_of_nonsense_exits_1_with_the_reason_and_nothing_on_stdout() {
    Result r = run("generate", "purple monkey dishwasher");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("could not understand");
  }

  @Test
  void generate_with_model_asks_the_model_from_the_environment() throws IOException {
    String answer = Files.readString(WELCOME);
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = MAPPER.writeValueAsBytes(Map.of("id", "chatcmpl-1", "object", "chat.completion",
          "created", 1, "model", "fake", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
              "message", Map.of("role", "assistant", "content", "```json\n" + answer + "\n```"))),
          "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Map<String, String> env = Map.of(
          "PARTNERFLOW_LLM_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
          "PARTNERFLOW_LLM_API_KEY", "test-key",
          "PARTNERFLOW_LLM_MODEL", "fake-model",
          "PARTNERFLOW_LLM_TIMEOUT", "PT10S");

      Result r = run(env, "generate", "--model", "welcome new partners and follow up after a week");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0)).contains("fake-model").contains("welcome new partners and follow up");
      assertThat(r.err()).contains("generated by model");
      try (PartnerflowCli.Engine engine = PartnerflowCli.engine()) {
        Workflow w = engine.json().read(r.out());
        assertThat(w.graph().nodes()).extracting(n -> n.id())
            .containsExactly("trigger", "welcome", "notify_manager", "wait", "follow_up");
        assertThat(w.organizationId()).isEqualTo("acme");
        assertThat(w.metadata().createdBy()).isEqualTo("cli");
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void generate_with_model_but_no_settings_is_a_usage_error_naming_the_variable() {
    Result r = run(Map.of(), "generate", "--model", "email the partner manager when a deal is registered");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("PARTNERFLOW_LLM_MODEL");
  }

  @Test
  void triggers_lists_the_18_partner_triggers_with_their_config_fields() {
    Result r = run("triggers");

    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TRIGGER").contains("DISPLAY NAME", "GROUP", "CONFIG");
    assertThat(lines).hasSize(1 + 18);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("partner_inactive ")
        .contains("Partner Inactive (X Days)").contains("partner lifecycle").endsWith("days: Integer = 30"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("partner_tier_changed ")
        .endsWith("from: String, to: String"));
  }

  @Test
  void unknown_subcommand_and_no_subcommand_are_usage_errors() {
    Result unknown = run("frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).contains("Unmatched argument at index 0: 'frobnicate'");

    assertThat(run().code()).isEqualTo(2);
    assertThat(run("validate").code()).isEqualTo(2);
  }

  @Test
  void help_documents_the_exit_codes() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("0   ok").contains("1   problems").contains("2   usage");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
