package dev.partnerflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.validation.WorkflowValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedGeneratorTest {
  private final NodeTypeRegistry registry = NodeTypeRegistry.discover();
  private final WorkflowGenerator generator = WorkflowGenerator.ruleBased(registry).build();

  @Test
  void seed_sentence_gives_a_valid_draft_laid_out_left_to_right_with_one_explanation_line_per_node() {
    Generation g = generator.generate(GenerationRequest.of("Send a welcome email to the partner manager and schedule"
        + " a check-in for 30 days after a new partner is created", "acme", "maria").withStage(LifecycleStage.ONBOARD));

    assertThat(g.valid()).as("problems %s", g.problems()).isTrue();
    var w = g.workflow().orElseThrow();
    assertThat(w.status()).isEqualTo(WorkflowStatus.DRAFT);
    assertThat(w.organizationId()).isEqualTo("acme");
    assertThat(w.metadata().createdBy()).isEqualTo("maria");
    assertThat(w.graph().nodes()).extracting(Node::type)
        .containsExactly("partner_created", "send_email", "delay", "send_email");
    assertThat(w.graph().nodes()).extracting(n -> n.position().x()).isSorted().doesNotHaveDuplicates();
    assertThat(g.explanation()).hasSize(4);
    assertThat(g.source()).isEqualTo(Generation.RULES);
  }

  @Test
  void gibberish_is_not_understood_and_gets_no_workflow() {
    Generation g = generator.generate(GenerationRequest.of("purple monkey dishwasher", "acme", "maria"));

    assertThat(g.understood()).isFalse();
    assertThat(g.workflow()).isEmpty();
    assertThat(g.warnings().get(0)).startsWith("could not understand");
  }

  @Test
  void destructive_wish_is_refused_with_a_warning_and_nothing_else_is_invented() {
    Generation g = generator.generate(GenerationRequest.of("Delete all partners", "acme", "maria"));

    assertThat(g.understood()).isFalse();
    assertThat(String.join(" ", g.warnings())).contains("no step type can").contains("delete all partners");
  }

  @Test
  void destructive_part_of_a_longer_wish_is_left_out_with_a_warning() {
    Generation g = generator.generate(GenerationRequest.of(
        "When a deal is lost, email the partner manager and delete the partner", "acme", "maria"));

    assertThat(g.workflow().orElseThrow().graph().nodes()).extracting(Node::type)
        .containsExactly("deal_closed_lost", "send_email");
    assertThat(String.join(" ", g.warnings())).contains("never deletes");
  }

  @Test
  void steps_without_a_trigger_start_with_the_manual_trigger_and_say_so() {
    Generation g = generator.generate(GenerationRequest.of("email the partner manager", "acme", "maria"));

    assertThat(g.workflow().orElseThrow().graph().nodes()).extracting(Node::type)
        .containsExactly("manual", "send_email");
    assertThat(String.join(" ", g.warnings())).contains("no trigger recognised");
  }

  /** A host step known only through its documentation. */
  record TicketConfig(String queue) {}

  static final class CreateTicket implements ActionType<TicketConfig> {
    @Override
    public String name() {
      return "create_ticket";
    }

    @Override
    public Class<TicketConfig> configType() {
      return TicketConfig.class;
    }

    @Override
    public TicketConfig defaultConfig() {
      return new TicketConfig("partners");
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Create support ticket", "Opens a ticket in the helpdesk.", "support",
          List.of("open a support ticket", "file a helpdesk ticket"));
    }

    @Override
    public StepResult execute(TicketConfig config, StepContext context) {
      return StepResult.of(Map.of());
    }
  }

  @Test
  void host_registered_type_takes_part_through_its_documentation() {
    NodeTypeRegistry withHost = NodeTypeRegistry.builder().discover().add(new CreateTicket()).build();
    WorkflowGenerator hosted = WorkflowGenerator.ruleBased(withHost).build();

    Generation g = hosted.generate(GenerationRequest.of(
        "When a deal is lost, open a support ticket and email the partner manager", "acme", "maria"));

    assertThat(g.workflow().orElseThrow().graph().nodes()).extracting(Node::type)
        .containsExactly("deal_closed_lost", "create_ticket", "send_email");
    assertThat(g.workflow().orElseThrow().graph().nodes().get(1).config()).isEqualTo(Map.of("queue", "partners"));
  }

  @Test
  void a_type_the_registry_lacks_is_never_used() {
    NodeTypeRegistry controlOnly = NodeTypeRegistry.builder().build();
    Generation g = WorkflowGenerator.ruleBased(controlOnly).build()
        .generate(GenerationRequest.of("When a deal is registered, email the partner manager", "acme", "maria"));

    assertThat(g.understood()).isFalse();
  }

  @Test
  void validator_of_another_registry_is_refused() {
    assertThatThrownBy(() -> WorkflowGenerator.ruleBased(registry)
        .validator(WorkflowValidator.of(NodeTypeRegistry.discover())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generator's registry");
  }
}
