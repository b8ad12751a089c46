package dev.partnerflow.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.Position;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.testing.TestTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowJsonTest {
  private final WorkflowJson json = WorkflowJson.of(TestTypes.registry());

  private static Workflow branching() {
    return Workflow.builder("acme", "Gold welcome")
        .id("wf-gold")
        .description("Welcome partners; gold ones get a call")
        .stage(LifecycleStage.ONBOARD)
        .status(WorkflowStatus.ACTIVE)
        .createdBy("maria")
        .createdAt(Instant.parse("2026-11-01T09:00:00Z"))
        .updatedAt(Instant.parse("2026-11-02T10:30:00Z"))
        .version(3)
        .node(Node.of("trigger", "partner_created").withPosition(new Position(250, 0)).withLabel("New partner"))
        .node(Node.of("gold", "branch", BranchConfig.of(Condition.all(
            Condition.compare("partner.tier", Operator.EQ_IGNORE_CASE, "gold"),
            Condition.not(Condition.compare("deal.amount", Operator.LT, 1000.5)),
            Condition.compare("partner.country", Operator.IN, List.of("DE", "FR"))))))
        .node(Node.of("call", "send_email", Map.of("to", List.of("role:partner_manager"), "subject", "Call {{partner.name}}"))
            .withSettings(NodeSettings.DEFAULTS.withRetry(RetryPolicy.DEFAULT.withMaxAttempts(5))
                .withTimeout(Duration.ofSeconds(10)).withContinueOnFailure(true).withMinutesSaved(12)
                .withActInTestRuns(true))
            .withPosition(new Position(100.25, 300)))
        .node(Node.of("wait", "delay", DelayConfig.of(Duration.ofDays(7))))
        .node(Node.of("renewal", "delay", DelayConfig.until("partner.contractRenewalDate", Duration.ofDays(-14))))
        .edge("trigger", "gold")
        .edge("gold", Edge.TRUE, "call")
        .edge("gold", Edge.FALSE, "wait")
        .edge("wait", "renewal")
        .build();
  }

  @Test
  void write_then_read_round_trips_without_loss() {
    Workflow original = branching();
    String text = json.write(original);
    Workflow read = json.read(text);
    assertThat(read).isEqualTo(original);
    assertThat(json.write(read)).isEqualTo(text);
  }

  @Test
  void document_has_format_metadata_trigger_nodes_and_edges() {
    String text = json.write(branching());
    assertThat(text).contains("\"format\" : \"partnerflow.workflow/v1\"", "\"stage\" : \"onboard\"",
        "\"status\" : \"active\"", "\"trigger\" : {", "\"type\" : \"partner_created\"", "\"sourceHandle\" : \"true\"",
        "\"x\" : 250", "\"x\" : 100.25", "\"op\" : \"eq_ignore_case\"");
    assertThat(text).doesNotContain("dev.partnerflow", "@class");
  }

  @Test
  void reads_a_hand_written_document_with_defaults() {
    String doc = """
        {"format":"partnerflow.workflow/v1","id":"w1","organizationId":"acme","name":"Hi",
         "trigger":{"id":"t","type":"partner_inactive","config":{"days":60}},
         "nodes":[{"id":"m","type":"send_email","config":{"to":["x@example.com"],"subject":"Hello"}}],
         "edges":[{"id":"e1","source":"t","target":"m"}]}
        """;
    Workflow wf = json.read(doc);
    assertThat(wf.status()).isEqualTo(WorkflowStatus.DRAFT);
    assertThat(wf.version()).isEqualTo(1);
    assertThat(wf.graph().nodes()).extracting(Node::id).containsExactly("t", "m");
    assertThat(wf.graph().nodes().get(0).config()).containsEntry("days", 60);
    assertThat(wf.graph().edges().get(0).sourceHandle()).isEqualTo("out");
  }

  private WorkflowJsonException refused(String doc) {
    try {
      json.read(doc);
    } catch (WorkflowJsonException e) {
      return e;
    }
    throw new AssertionError("document was accepted: " + doc);
  }

  private static String doc(String nodes) {
    return "{\"format\":\"partnerflow.workflow/v1\",\"id\":\"w1\",\"organizationId\":\"acme\",\"name\":\"Hi\",\n"
        + "\"trigger\":{\"id\":\"t\",\"type\":\"partner_created\"},\n" + nodes + "}";
  }

  @Test
  void truncated_document_gives_line_column_and_what_was_expected() {
    String full = json.write(branching());
    WorkflowJsonException e = refused(full.substring(0, full.length() / 2));
    assertThat(e.line()).isGreaterThan(1);
    assertThat(e.column()).isGreaterThan(0);
    assertThat(e.problem()).contains("ends too early");
  }

  @Test
  void malformed_json_gives_location() {
    WorkflowJsonException e = refused("{\"format\":\"partnerflow.workflow/v1\",\n  \"id\": w1}");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isGreaterThan(8);
    assertThat(e.getMessage()).startsWith("invalid workflow document at line 2, column").contains("malformed JSON");
  }

  @Test
  void wrong_types_name_the_field_and_the_expected_type() {
    WorkflowJsonException e = refused(doc("\"nodes\":{}"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).isEqualTo("expected an array for 'nodes', but found an object");

    e = refused("{\"id\":\"w1\",\"organizationId\":\"acme\",\"name\":42}");
    assertThat(e.problem()).isEqualTo("expected a string for 'name', but found a number");
    assertThat(e.column()).isEqualTo(43);

    e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"config\":[1]}]"));
    assertThat(e.problem()).isEqualTo("expected an object for 'nodes[0].config', but found an array");

    e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"settings\":{\"timeout\":\"soon\"}}]"));
    assertThat(e.problem()).contains("ISO-8601 duration", "'soon'");
  }

  @Test
  void unknown_node_type_is_refused_with_known_types() {
    WorkflowJsonException e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_fax\"}]"));
    assertThat(e.problem()).contains("unknown node type 'send_fax'", "send_email");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void unknown_node_type_suggests_the_closest_known_name() {
    WorkflowJsonException e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_emial\"}]"));
    assertThat(e.problem()).contains("unknown node type 'send_emial'", "did you mean 'send_email'?");
    e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"launch_rocket\"}]"));
    assertThat(e.problem()).doesNotContain("did you mean");
  }

  @Test
  void a_non_finite_number_anywhere_is_refused_with_line_and_column() {
    String branch = doc("\"nodes\":[{\"id\":\"b\",\"type\":\"branch\",\"config\":{\"condition\":\n"
        + "{\"field\":\"deal.amount\",\"op\":\"gt\",\"value\":1e999999}}}]");
    WorkflowJsonException e = refused(branch);
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isGreaterThan(30);
    assertThat(e.problem()).contains("1e999999", "/nodes/0/config/condition/value", "must be finite");

    e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"position\":{\"x\":1e999999,\"y\":0}}]"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).contains("1e999999", "must be finite");

    e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"settings\":{\"retry\":"
        + "{\"multiplier\":-1e400}}}]"));
    assertThat(e.problem()).contains("-1e400", "must be finite");

    assertThat(json.read(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"config\":{\"n\":1e300,"
        + "\"tiny\":1e-400}}]")).graph().nodes().get(1).config()).containsEntry("n", 1e300);
  }

  @Test
  void class_name_where_a_type_name_belongs_is_refused_without_loading_it() {
    WorkflowJsonException e =
        refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"java.lang.ProcessBuilder\",\"config\":{}}]"));
    assertThat(e.problem()).contains("node type name such as 'send_email'", "class names are never accepted");
    e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"@class\":\"x.Y\"}]"));
    assertThat(e.problem()).contains("unexpected field '@class'");
  }

  @Test
  void unknown_top_level_field_and_bad_metadata_are_refused() {
    assertThat(refused(doc("\"nodes\":[],\"extra\":1")).problem()).contains("unexpected field 'extra'");
    assertThat(refused(doc("\"nodes\":[],\"status\":\"paused\"")).problem())
        .contains("status must be one of [draft, active, inactive], but was 'paused'");
    String longName = "x".repeat(201);
    assertThat(refused(doc("\"nodes\":[]").replace("\"Hi\"", "\"" + longName + "\"")).problem())
        .contains("workflow.name must be 1 to 200 characters");
    assertThat(refused(doc("\"nodes\":[]").replace("partnerflow.workflow/v1", "v0")).problem())
        .contains("'format' to be 'partnerflow.workflow/v1'");
  }

  @Test
  void duplicate_keys_and_trailing_content_are_refused() {
    assertThat(refused("{\"id\":\"a\",\"id\":\"b\"}").problem()).contains("Duplicate field 'id'");
    assertThat(refused(doc("\"nodes\":[]") + " {}").problem()).contains("more content");
  }

  @Test
  void too_many_nodes_is_refused_at_the_first_node_over_the_limit() {
    WorkflowJson small = WorkflowJson.builder(TestTypes.registry()).limits(JsonLimits.DEFAULTS.withMaxNodes(3)).build();
    StringBuilder nodes = new StringBuilder("\"nodes\":[");
    for (int i = 0; i < 5; i++) {
      nodes.append(i == 0 ? "" : ",").append("\n{\"id\":\"n").append(i).append("\",\"type\":\"send_email\"}");
    }
    nodes.append("]");
    assertThatThrownBy(() -> small.read(doc(nodes.toString())))
        .isInstanceOf(WorkflowJsonException.class)
        .hasMessageContaining("more than the limit of 3 nodes")
        .satisfies(e -> assertThat(((WorkflowJsonException) e).line()).isEqualTo(6));
  }

  @Test
  void default_node_limit_is_500() {
    StringBuilder nodes = new StringBuilder("\"nodes\":[");
    for (int i = 0; i < 500; i++) {
      nodes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"type\":\"send_email\"}");
    }
    nodes.append("]");
    assertThat(refused(doc(nodes.toString())).problem()).contains("more than the limit of 500 nodes");
  }

  @Test
  void too_many_edges_is_refused() {
    StringBuilder edges = new StringBuilder("\"nodes\":[],\"edges\":[");
    for (int i = 0; i < 2001; i++) {
      edges.append(i == 0 ? "" : ",").append("{\"id\":\"e").append(i).append("\",\"source\":\"t\",\"target\":\"t\"}");
    }
    edges.append("]");
    assertThat(refused(doc(edges.toString())).problem()).contains("more than the limit of 2000 edges");
  }

  @Test
  void too_deep_document_is_refused() {
    String deep = "{\"a\":".repeat(70) + "1" + "}".repeat(70);
    WorkflowJsonException e = refused(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"config\":" + deep + "}]"));
    assertThat(e.problem()).contains("deeper than the limit of 64 levels");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void too_large_string_is_refused_before_parsing() {
    String big = doc("\"nodes\":[],\"description\":\"" + "x".repeat(1024 * 1024) + "\"");
    assertThat(refused(big).problem()).contains("larger than the limit of 1048576 bytes");
  }

  @Test
  void ten_megabyte_stream_is_refused_after_reading_little_more_than_the_limit() {
    CountingStream stream = new CountingStream(10 * 1024 * 1024);
    assertThatThrownBy(() -> json.read(stream))
        .isInstanceOf(WorkflowJsonException.class)
        .hasMessageContaining("larger than the limit of 1048576 bytes");
    assertThat(stream.served).isLessThanOrEqualTo(1024 * 1024 + 64 * 1024);
  }

  @Test
  void configurable_size_limit_applies_to_streams() {
    WorkflowJson tiny = WorkflowJson.builder(TestTypes.registry())
        .limits(JsonLimits.DEFAULTS.withMaxDocumentBytes(100)).build();
    byte[] bytes = json.write(branching()).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> tiny.read(new ByteArrayInputStream(bytes)))
        .hasMessageContaining("larger than the limit of 100 bytes");
    assertThat(json.read(new ByteArrayInputStream(bytes))).isEqualTo(branching());
  }

  @Test
  void empty_document_is_refused() {
    assertThat(refused("").problem()).contains("empty");
    assertThat(refused("[]").problem()).isEqualTo("expected an object for the workflow document, but found an array");
  }

  // check: every problem of a document

  private static final String FIVE_PROBLEMS = String.join("\n",
      "{\"format\": \"partnerflow.workflow/v1\",",
      "  \"id\": 42,",
      "  \"organizationId\": \"acme\", \"name\": \"Five\",",
      "  \"colour\": {\"r\": 1},",
      "  \"trigger\": {\"id\": \"t\", \"type\": \"partner_created\"},",
      "  \"nodes\": [",
      "    {\"id\": \"m\", \"type\": \"send_fax\"},",
      "    {\"id\": \"w\", \"type\": \"delay\", \"position\": {\"x\": 1e999999, \"y\": 0}},",
      "    {\"type\": \"send_email\", \"config\": {\"to\": [\"a@example.com\"]}},",
      "    {\"id\": \"ok\", \"type\": \"send_email\"}",
      "  ],",
      "  \"edges\": [{\"id\": \"e1\", \"source\": \"t\", \"target\": \"ok\"}]",
      "}");

  @Test
  void check_reports_every_independent_problem_with_its_own_line_and_column() {
    WorkflowJsonReport report = json.check(FIVE_PROBLEMS);

    assertThat(report.isValid()).isFalse();
    assertThat(report.workflow()).isEmpty();
    assertThat(report.stoppedEarly()).isFalse();
    assertThat(report.problems()).extracting(WorkflowJsonException::line).containsExactly(2, 4, 7, 8, 9);
    assertThat(report.problems()).extracting(WorkflowJsonException::column).containsExactly(9, 13, 25, 52, 5);
    assertThat(report.problems()).extracting(WorkflowJsonException::problem).satisfiesExactly(
        p -> assertThat(p).isEqualTo("expected a string for 'id', but found a number"),
        p -> assertThat(p).startsWith("unexpected field 'colour'"),
        p -> assertThat(p).startsWith("unknown node type 'send_fax' at nodes[0].type"),
        p -> assertThat(p).startsWith("the number 1e999999 at '/nodes/1/position/x' is out of range"),
        p -> assertThat(p).isEqualTo("expected the required fields 'id' and 'type' in nodes[2]"));

    // read still stops at the first, with the same words and place
    assertThatThrownBy(() -> json.read(FIVE_PROBLEMS)).isInstanceOfSatisfying(WorkflowJsonException.class, e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.column()).isEqualTo(9);
      assertThat(e.problem()).isEqualTo(report.problems().get(0).problem());
    });
  }

  @Test
  void check_of_a_good_document_gives_the_same_workflow_as_read() {
    String text = json.write(branching());
    WorkflowJsonReport report = json.check(text);
    assertThat(report.isValid()).isTrue();
    assertThat(report.problems()).isEmpty();
    assertThat(report.workflow()).contains(json.read(text));
    assertThat(json.check(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).workflow())
        .contains(branching());
  }

  @Test
  void check_skips_bad_values_inside_nested_objects_and_arrays_and_goes_on() {
    String text = doc("\"nodes\":[[1,[2]], {\"id\":\"m\",\"type\":\"send_email\",\"settings\":{\"retry\":"
        + "{\"maxAttempts\":\"three\",\"bogus\":{\"a\":[1]}},\"timeout\":\"soon\",\"minutesSaved\":-5}}],\n"
        + "\"edges\":{\"id\":\"e\"}, \"stage\": \"nowhere\"");
    WorkflowJsonReport report = json.check(text);
    assertThat(report.stoppedEarly()).isFalse();
    assertThat(report.problems()).extracting(WorkflowJsonException::problem).satisfiesExactly(
        p -> assertThat(p).isEqualTo("expected an object for 'nodes[0]', but found an array"),
        p -> assertThat(p).isEqualTo("expected a whole number for 'nodes[1].settings.retry.maxAttempts', but found"
            + " a string"),
        p -> assertThat(p).startsWith("unexpected field 'bogus' in nodes[1].settings.retry"),
        p -> assertThat(p).startsWith("expected an ISO-8601 duration such as 'PT30S' for 'nodes[1].settings.timeout'"),
        p -> assertThat(p).startsWith("nodes[1].settings: "),
        p -> assertThat(p).isEqualTo("expected an array for 'edges', but found an object"),
        p -> assertThat(p).contains("nowhere"));
  }

  @Test
  void check_reports_what_came_before_malformed_json_and_stops_at_the_syntax_error() {
    String text = "{\"format\":\"partnerflow.workflow/v1\",\n  \"id\": 7,\n"
        + "  \"name\": \"x\" \"organizationId\": \"a\"}";
    WorkflowJsonReport report = json.check(text);
    assertThat(report.stoppedEarly()).isTrue();
    assertThat(report.problems()).hasSize(2);
    assertThat(report.problems().get(0).problem()).isEqualTo("expected a string for 'id', but found a number");
    assertThat(report.problems().get(0).line()).isEqualTo(2);
    assertThat(report.problems().get(1).problem()).startsWith("malformed JSON");
    assertThat(report.problems().get(1).line()).isEqualTo(3);

    String full = json.write(branching()).replace("\"wf-gold\"", "true");
    WorkflowJsonReport truncated = json.check(full.substring(0, full.length() / 2));
    assertThat(truncated.stoppedEarly()).isTrue();
    assertThat(truncated.problems()).extracting(WorkflowJsonException::problem).satisfiesExactly(
        p -> assertThat(p).isEqualTo("expected a string for 'id', but found a boolean"),
        p -> assertThat(p).contains("ends too early"));
  }

  @Test
  void check_stops_at_a_limit_with_the_problems_before_it() {
    WorkflowJson small = WorkflowJson.builder(TestTypes.registry()).limits(JsonLimits.DEFAULTS.withMaxNodes(3)).build();
    StringBuilder nodes = new StringBuilder("\"nodes\":[");
    for (int i = 0; i < 5; i++) {
      nodes.append(i == 0 ? "" : ",").append("\n{\"id\":\"n").append(i).append("\",\"type\":\"send_mail\"}");
    }
    nodes.append("]");
    WorkflowJsonReport report = small.check(doc(nodes.toString()));
    assertThat(report.stoppedEarly()).isTrue();
    assertThat(report.problems()).extracting(WorkflowJsonException::line).containsExactly(4, 5, 6);
    assertThat(report.problems().get(2).problem()).contains("more than the limit of 3 nodes");

    String deep = "{\"a\":".repeat(70) + "1" + "}".repeat(70);
    WorkflowJsonReport tooDeep = json.check(doc("\"nodes\":[{\"id\":\"m\",\"type\":\"send_email\",\"config\":"
        + deep + "}]"));
    assertThat(tooDeep.stoppedEarly()).isTrue();
    assertThat(tooDeep.problems()).extracting(WorkflowJsonException::problem)
        .containsExactly("document nests deeper than the limit of 64 levels");
  }

  @Test
  void check_of_a_ten_megabyte_stream_stops_after_reading_little_more_than_the_limit() {
    CountingStream stream = new CountingStream(10 * 1024 * 1024);
    WorkflowJsonReport report = json.check(stream);
    assertThat(report.stoppedEarly()).isTrue();
    assertThat(report.problems()).extracting(WorkflowJsonException::problem)
        .containsExactly("document is larger than the limit of 1048576 bytes");
    assertThat(stream.served).isLessThanOrEqualTo(1024 * 1024 + 64 * 1024);

    String big = doc("\"nodes\":[],\"description\":\"" + "x".repeat(1024 * 1024) + "\"");
    assertThat(json.check(big).problems()).singleElement()
        .satisfies(e -> assertThat(e.problem()).contains("larger than the limit of 1048576 bytes"));
    assertThat(json.check("").problems()).singleElement()
        .satisfies(e -> assertThat(e.problem()).contains("empty"));
  }

  /** An endless-looking JSON document: '{"description":"xxxx...' served lazily, counting bytes handed out. */
  private static final class CountingStream extends InputStream {
    private final byte[] head = "{\"id\":\"w\",\"organizationId\":\"o\",\"name\":\"n\",\"description\":\""
        .getBytes(StandardCharsets.US_ASCII);
    private final long size;
    long served;

    CountingStream(long size) {
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      if (served >= size) {
        return -1;
      }
      int b = served < head.length ? head[(int) served] : 'x';
      served++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = 0;
      while (n < len) {
        int c = read();
        if (c < 0) {
          return n == 0 ? -1 : n;
        }
        b[off + n++] = (byte) c;
      }
      return n;
    }
  }
}
