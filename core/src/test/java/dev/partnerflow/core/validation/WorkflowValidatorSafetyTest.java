package dev.partnerflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.nodes.TriggerType;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad input refused at validation: non-finite numbers, header line breaks, misleading or vague messages. */
class WorkflowValidatorSafetyTest {
  public record NoConfig() {}

  public record Letter(List<String> to, @NotBlank String subject, String body, String token) {}

  /** A trigger whose sample carries a partner with a contact and a deal with products. */
  static final class Created implements TriggerType<NoConfig> {
    private final String name;
    private final Map<String, Object> data;

    Created(String name, Map<String, Object> data) {
      this.name = name;
      this.data = data;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaultConfig() {
      return new NoConfig();
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation(name, "test", "test", List.of());
    }

    @Override
    public Event sampleEvent(String organizationId, Instant now) {
      return new Event("sample", organizationId, name, now, data);
    }
  }

  static final class Mail implements ActionType<Letter> {
    @Override
    public String name() {
      return "send_letter";
    }

    @Override
    public Class<Letter> configType() {
      return Letter.class;
    }

    @Override
    public Letter defaultConfig() {
      return new Letter(List.of("a@example.com"), "Hi", null, null);
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Letter", "test", "test", List.of());
    }

    @Override
    public StepResult execute(Letter config, StepContext context) {
      return StepResult.EMPTY;
    }

    @Override
    public Set<String> headerFields() {
      return Set.of("to", "subject", "token");
    }

    @Override
    public Set<String> secretFields() {
      return Set.of("token");
    }
  }

  private static final Map<String, Object> DATA = Map.of(
      "partner", Map.of("id", "p-1", "name", "Acme", "primaryContact", Map.of("email", "d@acme.example")),
      "deal", Map.of("products", List.of(Map.of("sku", "A-1"))));

  private final NodeTypeRegistry registry = NodeTypeRegistry.builder()
      .add(new Created("partner_created", DATA))
      .add(new Created("free_form", Map.of()))
      .add(new Mail())
      .build();
  private final WorkflowValidator validator = WorkflowValidator.of(registry);

  private static Workflow.Builder workflow() {
    return Workflow.builder("acme", "Test").id("wf-1");
  }

  private static Map<String, Object> letter(String subject) {
    return Map.of("to", List.of("a@example.com"), "subject", subject);
  }

  // 1. non-finite numbers

  @Test
  void a_condition_built_in_code_with_a_non_finite_value_is_invalid_config_naming_node_field_and_value() {
    for (Object value : List.of(Double.POSITIVE_INFINITY, Double.NaN, Float.NEGATIVE_INFINITY,
        new BigDecimal("1e999999"))) {
      Workflow wf = workflow().trigger("partner_created")
          .then("big", "branch", BranchConfig.of(Condition.any(Condition.compare("deal.amount", Operator.GT, value))))
          .build();
      List<Problem> problems = validator.validate(wf);
      assertThat(problems).as("%s", value).extracting(Problem::code).containsExactly(ProblemCode.INVALID_CONFIG);
      assertThat(problems.get(0).message()).as("%s", value)
          .isEqualTo("node 'big' (branch): 'condition.any[0].value' must be a finite number, but was " + value);
      assertThat(problems.get(0).field()).contains("condition.any[0].value");
      assertThat(problems.get(0).rule()).contains("must be a finite number");
      assertThat(problems.get(0).badValue()).contains(String.valueOf(value));
    }
  }

  @Test
  void comparisons_with_non_finite_numbers_never_throw() {
    Map<String, Object> data = Map.of("n", Double.NaN, "inf", Double.POSITIVE_INFINITY, "one", 1,
        "huge", new BigDecimal("1e999999"));
    for (Operator op : List.of(Operator.EQ, Operator.NEQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE)) {
      for (String field : List.of("n", "inf", "one", "huge")) {
        for (Object operand : List.of(Double.NaN, Double.NEGATIVE_INFINITY, 2.5, 7L, new BigDecimal("1e400"))) {
          assertThatCode(() -> Condition.compare(field, op, operand).test(data)).as("%s %s %s", field, op, operand)
              .doesNotThrowAnyException();
        }
      }
    }
    assertThat(Condition.compare("inf", Operator.GT, 1e300).test(data)).isTrue();
    assertThat(Condition.compare("one", Operator.LT, Double.POSITIVE_INFINITY).test(data)).isTrue();
    assertThat(Condition.compare("n", Operator.EQ, Double.NaN).test(data)).isFalse();
    assertThat(Condition.compare("n", Operator.GTE, 0).test(data)).isFalse();
    assertThat(Condition.compare("one", Operator.IN, List.of(Double.NaN, 1.0)).test(data)).isTrue();
  }

  // 2. messages a new user can act on

  @Test
  void an_unknown_branch_operator_is_named_with_the_allowed_ones() {
    Workflow wf = workflow().trigger("partner_created")
        .then("big", "branch", Map.of("condition", Map.of("field", "deal.amount", "op", "gtt", "value", 5)))
        .build();
    assertThat(validator.validate(wf)).extracting(Problem::message).containsExactly("node 'big' (branch):"
        + " 'condition.op' must be one of the operators [eq, neq, eq_ignore_case, gt, gte, lt, lte, contains, in,"
        + " exists, is_empty], but was 'gtt' (did you mean 'gt'?)");

    Workflow nested = workflow().trigger("partner_created")
        .then("big", "branch", Map.of("condition", Map.of("all", List.of(Map.of("field", "a", "op", "exists"),
            Map.of("not", Map.of("field", "b", "op", "between", "value", 1))))))
        .build();
    assertThat(validator.validate(nested)).extracting(Problem::message).singleElement().asString()
        .startsWith("node 'big' (branch): 'condition.all[1].not.op' must be one of the operators [eq,")
        .endsWith("but was 'between'");
  }

  @Test
  void an_unknown_trigger_type_is_one_problem_with_a_suggestion_not_also_no_trigger() {
    Workflow wf = workflow().trigger("partner_craeted").then("mail", "send_letter", letter("Hi")).build();

    List<Problem> problems = validator.validate(wf);

    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.UNKNOWN_NODE_TYPE);
    assertThat(problems.get(0).message()).contains("unknown node type 'partner_craeted'",
        "did you mean 'partner_created'?");
  }

  @Test
  void no_trigger_is_still_reported_when_the_unknown_node_cannot_be_the_trigger() {
    Workflow wf = workflow().node(Node.of("mail", "send_letter", letter("Hi"))).node(Node.of("x", "send_fax"))
        .edge("mail", "x").build();

    assertThat(validator.validate(wf)).extracting(Problem::code)
        .containsExactly(ProblemCode.UNKNOWN_NODE_TYPE, ProblemCode.NO_TRIGGER);
  }

  @Test
  void a_placeholder_no_event_of_the_trigger_can_fill_is_reported_with_the_likely_name() {
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_letter", letter("Welcome {{partner.nmae}}")).build();

    List<Problem> problems = validator.validate(wf);

    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.UNKNOWN_PLACEHOLDER);
    assertThat(problems.get(0).nodeId()).contains("mail");
    assertThat(problems.get(0).message()).startsWith("node 'mail' (send_letter): 'subject' uses {{partner.nmae}},"
        + " which no partner_created event can fill; did you mean {{partner.name}}?");
    assertThat(problems.get(0).field()).contains("subject");
    assertThat(problems.get(0).rule()).contains("must use only placeholders a partner_created event can fill");
    assertThat(problems.get(0).badValue()).contains("{{partner.nmae}}");
  }

  @Test
  void placeholders_of_the_event_the_run_and_earlier_steps_are_accepted() {
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_letter", Map.of("to", List.of("{{partner.primaryContact.email}}"),
            "subject", "Hi {{partner.name}} ({{trigger.type}}, {{workflow.name}} v{{workflow.version}})",
            "body", "{{#partner.primaryContact}}{{email}}{{/partner.primaryContact}}"
                + "{{#deal.products}}{{sku}} {{.}}{{-index}}{{/deal.products}}{{deal.products.0.sku}}"
                + "{{^partner.name}}there{{/partner.name}} {{run.id}} {{organization.id}} {{trigger.eventId}}"))
        .then("again", "send_letter", letter("Re: {{steps.mail.messageId}} {{steps.mail.anything.below}}"))
        .build();

    assertThat(validator.validate(wf)).isEmpty();
  }

  @Test
  void unknown_roots_and_steps_of_missing_nodes_are_reported_and_an_empty_path_set_turns_the_rule_off() {
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_letter", letter("{{steps.nope.id}} {{trigger.what}} {{partner.primaryContact.phone}}"))
        .build();
    assertThat(validator.validate(wf)).extracting(Problem::message).hasSize(3)
        .allSatisfy(m -> assertThat(m).contains("which no partner_created event can fill"));

    Workflow free = workflow().trigger("free_form").then("mail", "send_letter", letter("{{anything.at.all}}")).build();
    assertThat(validator.validate(free)).isEmpty();
  }

  // 3. header fields

  @Test
  void a_header_field_with_a_literal_line_break_is_refused_without_echoing_the_value() {
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_letter", Map.of("to", List.of("a@example.com", "b@example.com\nBcc: x@evil.example"),
            "subject", "Welcome\r\nBcc: x@evil.example", "body", "line\nbreaks are fine here",
            "token", "abc\r\ndef-secret"))
        .build();

    List<Problem> problems = validator.validate(wf);

    assertThat(problems).extracting(Problem::code).containsOnly(ProblemCode.INVALID_CONFIG);
    assertThat(problems).extracting(Problem::message).containsExactly(
        "node 'mail' (send_letter): 'subject' must not contain a line break (CR or LF): it ends up in a message"
            + " header, where a line break would start a new header",
        "node 'mail' (send_letter): 'to[1]' must not contain a line break (CR or LF): it ends up in a message header,"
            + " where a line break would start a new header",
        "node 'mail' (send_letter): 'token' must not contain a line break (CR or LF): it ends up in a message header,"
            + " where a line break would start a new header");
    assertThat(problems.toString()).doesNotContain("def-secret").doesNotContain("evil");
    assertThat(problems).extracting(p -> p.field().orElseThrow()).containsExactly("subject", "to[1]", "token");
    assertThat(problems).extracting(p -> p.rule().orElseThrow())
        .containsOnly("must not contain a line break (CR or LF)");
    assertThat(problems).extracting(p -> p.badValue().orElseThrow()).containsExactly(
        "a value of 28 characters with a line break (not shown)",
        "a value of 33 characters with a line break (not shown)",
        "a value of 15 characters (secret, not shown)");
  }

  // structural rules alone

  @Test
  void validate_structure_leaves_out_placeholders_and_host_checks_which_validate_adds() {
    WorkflowValidator withCheck = validator.withCheck((wf, r) -> List.of(Problem.ofGraph(ProblemCode.INVALID_REFERENCE,
        "training unpublished")));
    Workflow wf = workflow().trigger("partner_created")
        .then("mail", "send_letter", letter("Welcome {{partner.nmae}}")).build();

    assertThat(withCheck.validateStructure(wf)).isEmpty();
    assertThatCode(() -> withCheck.requireExecutable(wf)).doesNotThrowAnyException();
    assertThat(withCheck.validate(wf)).extracting(Problem::code)
        .containsExactly(ProblemCode.UNKNOWN_PLACEHOLDER, ProblemCode.INVALID_REFERENCE);
    assertThatThrownBy(() -> withCheck.requireValid(wf)).isInstanceOf(InvalidWorkflowException.class);

    Workflow broken = workflow().trigger("partner_created")
        .then("mail", "send_letter", letter("Welcome {{#partner}}")).then("b", "branch", Map.of()).build();
    assertThat(withCheck.validateStructure(broken)).extracting(Problem::code)
        .containsExactly(ProblemCode.INVALID_TEMPLATE, ProblemCode.INVALID_CONFIG);
    assertThatThrownBy(() -> withCheck.requireExecutable(broken)).isInstanceOf(InvalidWorkflowException.class)
        .hasMessageContaining("INVALID_TEMPLATE");
  }

  @Test
  void a_host_check_that_repeats_a_built_in_problem_is_listed_once() {
    WorkflowValidator withCheck = validator.withCheck((wf, r) -> List.of(Problem.ofNode(ProblemCode.INVALID_TEMPLATE,
        "mail", "send_letter", "'subject' has a template that does not parse: x")));
    Workflow wf = workflow().trigger("partner_created").then("mail", "send_letter", letter("Hi")).build();
    assertThat(withCheck.validate(wf)).hasSize(1);
    assertThat(withCheck.validate(wf).get(0).edgeId()).isEmpty();
    assertThat(Edge.OUT).isEqualTo("out");
  }
}
