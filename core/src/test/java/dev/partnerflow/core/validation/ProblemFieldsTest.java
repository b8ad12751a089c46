package dev.partnerflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.TestTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The structured fields (field, rule, bad value) each built-in rule fills beside its sentence. */
class ProblemFieldsTest {
  private final WorkflowValidator validator = WorkflowValidator.of(TestTypes.registry());
  private static final Map<String, Object> MAIL = Map.of("to", List.of("a@example.com"), "subject", "Hi");

  private static Workflow.Builder workflow() {
    return Workflow.builder("acme", "Test").id("wf-1");
  }

  private Problem only(Workflow wf, ProblemCode code) {
    List<Problem> problems = validator.validate(wf).stream().filter(p -> p.code() == code).toList();
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void the_old_constructor_and_factories_have_no_structured_fields_and_the_withers_add_them() {
    Problem p = Problem.ofNode(ProblemCode.INVALID_CONFIG, "n1", "send_email", "'to' must not be empty");
    assertThat(p.field()).isEmpty();
    assertThat(p.rule()).isEmpty();
    assertThat(p.badValue()).isEmpty();
    assertThat(p.isStructured()).isFalse();
    assertThat(new Problem(ProblemCode.CYCLE, Optional.empty(), Optional.empty(), "x"))
        .isEqualTo(new Problem(ProblemCode.CYCLE, null, null, "x", null, null, null));

    Problem structured = p.withField("to").withRule("must not be empty").withBadValue("[]");
    assertThat(structured.field()).contains("to");
    assertThat(structured.rule()).contains("must not be empty");
    assertThat(structured.badValue()).contains("[]");
    assertThat(structured.isStructured()).isTrue();
    assertThat(structured.message()).isEqualTo(p.message());
    assertThat(structured.toString()).isEqualTo(p.toString());
    assertThat(structured.withBadValue(null).badValue()).isEmpty();
  }

  @Test
  void invalid_config_carries_the_violation_field_rule_and_bad_value() {
    Workflow wf = workflow().trigger("partner_created")
        .then("n3", "send_email", Map.of("to", List.of(), "subject", "Hi")).build();
    Problem p = only(wf, ProblemCode.INVALID_CONFIG);
    assertThat(p.nodeId()).contains("n3");
    assertThat(p.field()).contains("to");
    assertThat(p.rule()).contains("must not be empty");
    assertThat(p.badValue()).contains("[]");
    assertThat(p.message()).isEqualTo("node 'n3' (send_email): 'to' must not be empty, but was []");
  }

  @Test
  void unknown_node_type_carries_the_type_name_as_bad_value() {
    Workflow wf = workflow().trigger("partner_created").then("x", "send_fax", Map.of()).build();
    Problem p = only(wf, ProblemCode.UNKNOWN_NODE_TYPE);
    assertThat(p.field()).contains("type");
    assertThat(p.rule()).contains("must be a node type the registry knows");
    assertThat(p.badValue()).contains("send_fax");
  }

  @Test
  void invalid_template_carries_the_field_path() {
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_email", Map.of("to", List.of("a@example.com"), "subject", "Hi {{#partner}}")).build();
    Problem p = only(wf, ProblemCode.INVALID_TEMPLATE);
    assertThat(p.field()).contains("subject");
    assertThat(p.rule()).contains("must hold a template that parses");
    assertThat(p.badValue()).isEmpty();
  }

  @Test
  void wrong_outputs_carry_the_handle_as_bad_value() {
    Workflow wf = workflow().trigger("partner_created")
        .node(Node.of("b", "branch", BranchConfig.of(Condition.compare("partner.tier", Operator.EQ, "Gold"))))
        .node(Node.of("mail", "send_email", MAIL))
        .node(Node.of("other", "send_email", MAIL))
        .edge("trigger", "b")
        .edge(new Edge("e-maybe", "b", "maybe", "mail"))
        .edge(new Edge("e-side", "trigger", "side", "other"))
        .build();
    List<Problem> problems = validator.validate(wf);

    Problem branch = problems.stream().filter(p -> p.code() == ProblemCode.INVALID_BRANCH_OUTPUT).findFirst()
        .orElseThrow();
    assertThat(branch.edgeId()).contains("e-maybe");
    assertThat(branch.field()).contains("sourceHandle");
    assertThat(branch.rule()).contains("must be 'true' or 'false' when leaving a branch");
    assertThat(branch.badValue()).contains("maybe");

    Problem output = problems.stream().filter(p -> p.code() == ProblemCode.INVALID_OUTPUT).findFirst()
        .orElseThrow();
    assertThat(output.edgeId()).contains("e-side");
    assertThat(output.field()).contains("sourceHandle");
    assertThat(output.badValue()).contains("side");
  }

  @Test
  void missing_edge_ends_carry_the_missing_id() {
    Workflow wf = workflow().trigger("partner_created").then("mail", "send_email", MAIL)
        .edge(new Edge("e-x", "mail", Edge.OUT, "ghost")).build();
    Problem p = only(wf, ProblemCode.EDGE_TARGET_MISSING);
    assertThat(p.field()).contains("target");
    assertThat(p.badValue()).contains("ghost");
  }
}
