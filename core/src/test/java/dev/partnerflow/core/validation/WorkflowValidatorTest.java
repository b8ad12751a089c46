package dev.partnerflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.TestTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowValidatorTest {
  private final WorkflowValidator validator = WorkflowValidator.of(TestTypes.registry());
  private static final Map<String, Object> MAIL = Map.of("to", List.of("a@example.com"), "subject", "Hi");

  private static Workflow.Builder workflow() {
    return Workflow.builder("acme", "Test").id("wf-1");
  }

  private List<ProblemCode> codes(Workflow wf) {
    return validator.validate(wf).stream().map(Problem::code).toList();
  }

  @Test
  void linear_workflow_with_valid_configs_has_no_problems() {
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_email", MAIL)
        .then("wait", "delay", DelayConfig.of(Duration.ofDays(7)))
        .then("again", "send_email", MAIL)
        .build();
    assertThat(validator.validate(wf)).isEmpty();
  }

  @Test
  void missing_trigger_is_reported() {
    Workflow wf = workflow().node(Node.of("mail", "send_email", MAIL)).build();
    assertThat(codes(wf)).containsExactly(ProblemCode.NO_TRIGGER);
  }

  @Test
  void two_triggers_are_reported_by_id() {
    Workflow wf = workflow().node(Node.of("t1", "partner_created")).node(Node.of("t2", "manual")).build();
    List<Problem> problems = validator.validate(wf);
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.MULTIPLE_TRIGGERS);
    assertThat(problems.get(0).message()).contains("'t1'", "'t2'");
  }

  @Test
  void unknown_node_type_names_the_type_and_the_known_ones() {
    Workflow wf = workflow().trigger("partner_created").then("x", "send_fax", Map.of()).build();
    Problem p = validator.validate(wf).get(0);
    assertThat(p.code()).isEqualTo(ProblemCode.UNKNOWN_NODE_TYPE);
    assertThat(p.nodeId()).contains("x");
    assertThat(p.message()).startsWith("node 'x' (send_fax): unknown node type 'send_fax'").contains("send_email");
  }

  @Test
  void config_violation_names_node_field_rule_and_value() {
    Workflow wf = workflow().trigger("partner_created")
        .then("n3", "send_email", Map.of("to", List.of(), "subject", "Hi")).build();
    List<Problem> problems = validator.validate(wf);
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.INVALID_CONFIG);
    assertThat(problems.get(0).message()).isEqualTo("node 'n3' (send_email): 'to' must not be empty, but was []");
  }

  @Test
  void every_config_violation_of_a_node_is_reported() {
    Workflow wf = workflow().trigger("partner_inactive", Map.of("days", 0))
        .then("n3", "send_email", Map.of("to", List.of(), "subject", " ")).build();
    assertThat(validator.validate(wf)).extracting(Problem::message).containsExactly(
        "node 'trigger' (partner_inactive): 'days' must be greater than or equal to 1, but was 0",
        "node 'n3' (send_email): 'subject' must not be blank, but was ' '",
        "node 'n3' (send_email): 'to' must not be empty, but was []");
  }

  @Test
  void config_with_wrong_type_or_unknown_field_is_invalid_config() {
    Workflow wf = workflow().trigger("partner_inactive", Map.of("days", "sixty"))
        .then("m", "send_email", Map.of("to", List.of("a@b.c"), "subject", "x", "bcc_all", true)).build();
    List<Problem> problems = validator.validate(wf);
    assertThat(problems).extracting(Problem::code).containsOnly(ProblemCode.INVALID_CONFIG);
    assertThat(problems.get(0).message()).contains("'days' must be a whole number, but was 'sixty'");
    assertThat(problems.get(1).message()).contains("'bcc_all' is not a field of send_email");
  }

  @Test
  void delay_needs_exactly_one_mode() {
    Workflow wf = workflow().trigger("partner_created")
        .then("wait", "delay", Map.of("duration", "P7D", "until", "partner.renewalDate")).build();
    assertThat(validator.validate(wf)).extracting(Problem::message)
        .containsExactly("node 'wait' (delay): exactly one of 'duration' or 'until' must be set");
  }

  @Test
  void edges_to_and_from_missing_nodes_are_reported() {
    Workflow wf = workflow().node(Node.of("t", "partner_created"))
        .node(Node.of("m", "send_email", MAIL))
        .edge("t", "m")
        .edge("ghost", "m")
        .edge("m", "nowhere")
        .build();
    assertThat(codes(wf)).containsExactly(ProblemCode.EDGE_SOURCE_MISSING, ProblemCode.EDGE_TARGET_MISSING);
    assertThat(validator.validate(wf)).extracting(p -> p.edgeId().orElseThrow()).containsExactly("e2", "e3");
  }

  @Test
  void branch_outputs_other_than_true_and_false_are_reported() {
    Workflow wf = workflow().node(Node.of("t", "partner_created"))
        .node(Node.of("b", "branch", BranchConfig.of(Condition.compare("partner.tier", Operator.EQ, "Gold"))))
        .node(Node.of("m", "send_email", MAIL))
        .edge("t", "b")
        .edge("b", "maybe", "m")
        .build();
    List<Problem> problems = validator.validate(wf);
    assertThat(problems).extracting(Problem::code)
        .containsExactly(ProblemCode.INVALID_BRANCH_OUTPUT, ProblemCode.UNREACHABLE_NODE);
    assertThat(problems.get(0).message()).contains("output 'maybe'", "'true' and 'false'");
  }

  @Test
  void non_branch_output_other_than_out_is_reported() {
    Workflow wf = workflow().node(Node.of("t", "partner_created")).node(Node.of("m", "send_email", MAIL))
        .edge("t", "true", "m").build();
    assertThat(codes(wf)).containsExactly(ProblemCode.INVALID_OUTPUT, ProblemCode.UNREACHABLE_NODE);
  }

  @Test
  void edge_into_trigger_is_reported() {
    Workflow wf = workflow().trigger("partner_created").then("m", "send_email", MAIL).edge("m", "trigger").build();
    assertThat(codes(wf)).containsExactly(ProblemCode.EDGE_INTO_TRIGGER);
  }

  @Test
  void duplicate_ids_and_edges_are_reported() {
    Workflow wf = workflow().node(Node.of("t", "partner_created"))
        .node(Node.of("m", "send_email", MAIL))
        .node(Node.of("m", "send_email", MAIL))
        .edge(new Edge("e1", "t", "out", "m"))
        .edge(new Edge("e1", "t", "out", "m"))
        .edge(new Edge("e2", "t", "out", "m"))
        .build();
    assertThat(codes(wf)).containsExactly(
        ProblemCode.DUPLICATE_NODE_ID, ProblemCode.DUPLICATE_EDGE_ID, ProblemCode.DUPLICATE_EDGE);
  }

  @Test
  void cycle_names_the_nodes_on_it() {
    Workflow wf = workflow().trigger("partner_created")
        .then("a", "send_email", MAIL).then("b", "send_email", MAIL).then("c", "send_email", MAIL)
        .edge("c", "a")
        .build();
    List<Problem> problems = validator.validate(wf);
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.CYCLE);
    assertThat(problems.get(0).message()).startsWith("nodes 'a' -> 'b' -> 'c' -> 'a' form a cycle");
  }

  @Test
  void unreachable_node_is_reported() {
    Workflow wf = workflow().trigger("partner_created").then("a", "send_email", MAIL)
        .node(Node.of("island", "send_email", MAIL)).build();
    List<Problem> problems = validator.validate(wf);
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.UNREACHABLE_NODE);
    assertThat(problems.get(0).nodeId()).contains("island");
  }

  @Test
  void all_problems_come_back_at_once() {
    Workflow wf = workflow().node(Node.of("m", "send_email", Map.of("to", List.of(), "subject", "x")))
        .node(Node.of("x", "mystery"))
        .edge("m", "missing")
        .edge("m", "x")
        .build();
    assertThat(codes(wf)).containsExactly(ProblemCode.INVALID_CONFIG, ProblemCode.UNKNOWN_NODE_TYPE,
        ProblemCode.NO_TRIGGER, ProblemCode.EDGE_TARGET_MISSING);
  }

  @Test
  void extra_checks_run_after_structural_rules() {
    WorkflowValidator withCheck = validator.withCheck((wf, registry) -> List.of(
        new Problem(ProblemCode.INVALID_REFERENCE, Optional.of("a"), Optional.empty(), "training missing")));
    Workflow wf = workflow().trigger("partner_created").then("a", "send_email", MAIL).build();
    assertThat(withCheck.validate(wf)).extracting(Problem::code).containsExactly(ProblemCode.INVALID_REFERENCE);
  }

  @Test
  void require_valid_throws_listing_every_problem() {
    Workflow wf = workflow().node(Node.of("m", "send_email", MAIL)).node(Node.of("x", "mystery")).edge("m", "x")
        .build();
    assertThatThrownBy(() -> validator.requireValid(wf))
        .isInstanceOf(InvalidWorkflowException.class)
        .hasMessageContaining("workflow 'wf-1' has 2 problems")
        .hasMessageContaining("UNKNOWN_NODE_TYPE")
        .hasMessageContaining("NO_TRIGGER")
        .satisfies(e -> assertThat(((InvalidWorkflowException) e).problems()).hasSize(2));
  }
}
