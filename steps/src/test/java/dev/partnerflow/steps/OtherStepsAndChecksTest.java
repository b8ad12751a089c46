package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.core.validation.WorkflowValidator;
import dev.partnerflow.steps.testing.StepHarness;
import dev.partnerflow.steps.testing.TestStepContext;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Partner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OtherStepsAndChecksTest {
  private final TestStepContext ctx = TestStepContext.of("update", PartnerEvents.partnerCreated("evt-1", "org-1",
      TestStepContext.NOW, Partner.builder("p-1", "Northwind").tier("Silver").build()));

  @SuppressWarnings("unchecked")
  private static <C> ActionType<C> type(StandardSteps steps, String name) {
    return (ActionType<C>) steps.nodeTypes().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void update_record_passes_rendered_values_and_records_old_and_new() {
    AtomicReference<RecordUpdate> seen = new AtomicReference<>();
    StandardSteps steps = StandardSteps.builder().recordUpdater(u -> {
      seen.set(u);
      return Map.of("tier", FieldChange.of("Silver", u.values().get("tier")));
    }).build();
    Map<String, Object> config = Map.of("record", "partner",
        "fields", new LinkedHashMap<>(Map.of("tier", "Gold", "note", "welcomed by {{workflow.name}}")));
    StepResult r = StepHarness.execute(type(steps, "update_record"), config, ctx);
    assertThat(seen.get().recordId()).isEqualTo("p-1");
    assertThat(seen.get().values()).containsEntry("note", "welcomed by Welcome");
    assertThat(seen.get().idempotencyKey()).isEqualTo("run-1:update");
    assertThat(r.output()).containsEntry("recordId", "p-1");
    assertThat((Map<String, Object>) r.output().get("changes"))
        .containsEntry("tier", Map.of("old", "Silver", "new", "Gold"))
        .containsEntry("note", Map.of("new", "welcomed by Welcome"));
  }

  @Test
  void missing_host_interfaces_fail_permanently_and_say_how_to_configure_them() {
    StandardSteps defaults = new StandardSteps();
    assertThatThrownBy(() -> StepHarness.execute(type(defaults, "update_record"),
        Map.of("record", "partner", "fields", Map.of("a", "b")), ctx))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("no RecordUpdater configured; pass one to StandardSteps.builder().recordUpdater(...)");
    assertThatThrownBy(() -> StepHarness.execute(type(defaults, "assign_training"),
        Map.of("trainingId", "tr-1"), ctx))
        .hasMessageContaining("no TrainingAssigner configured");
    defaults.close();
  }

  @Test
  void assign_training_names_partner_and_module() {
    AtomicReference<TrainingAssignment> seen = new AtomicReference<>();
    StandardSteps steps = StandardSteps.builder().trainingAssigner(a -> {
      seen.set(a);
      return List.of("c-1", "c-2");
    }).build();
    StepResult r = StepHarness.execute(type(steps, "assign_training"),
        Map.of("trainingId", "tr-101", "dueInDays", 14), ctx);
    assertThat(seen.get().partnerId()).isEqualTo("p-1");
    assertThat(seen.get().contacts()).isEqualTo("all");
    assertThat(seen.get().dueInDays()).contains(14);
    assertThat(r.output()).containsEntry("assignedTo", List.of("c-1", "c-2"));
  }

  @Test
  void checks_find_unparsable_templates_and_unpublished_trainings() {
    StandardSteps steps = StandardSteps.builder()
        .emailSender(new RecordingEmailSender())
        .trainingAssigner(a -> List.of())
        .publishedTrainings((org, id) -> org.equals("org-1") && id.equals("tr-published")).build();
    NodeTypeRegistry registry = NodeTypeRegistry.builder().add(new PartnerTriggerTypes()).add(steps).build();
    Workflow wf = Workflow.builder("org-1", "Bad").trigger("partner_created")
        .then("mail", "send_email", Map.of("to", List.of("a@b.example"), "subject", "Hi {{#partner}}{{name}}",
            "text", "ok"))
        .then("train", "assign_training", Map.of("trainingId", "tr-draft"))
        .then("train2", "assign_training", Map.of("trainingId", "tr-published"))
        .build();
    // templates that do not parse are a built-in rule of the validator; unpublished trainings the steps' own check
    WorkflowValidator.Builder vb = WorkflowValidator.builder(registry);
    steps.checks().forEach(vb::check);
    List<Problem> problems = vb.build().validate(wf).stream()
        .filter(p -> p.code() == ProblemCode.INVALID_TEMPLATE || p.code() == ProblemCode.INVALID_REFERENCE)
        .toList();
    assertThat(problems).extracting(Problem::code, p -> p.nodeId().orElseThrow())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(ProblemCode.INVALID_TEMPLATE, "mail"),
            org.assertj.core.groups.Tuple.tuple(ProblemCode.INVALID_REFERENCE, "train"));
    assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m)
        .startsWith("node 'mail' (send_email): 'subject' has a template that does not parse"));
    assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m)
        .isEqualTo("node 'train' (assign_training): 'trainingId' must be a published training of organization "
            + "'org-1', but was 'tr-draft'"));
    Problem reference = problems.stream().filter(p -> p.code() == ProblemCode.INVALID_REFERENCE).findFirst()
        .orElseThrow();
    assertThat(reference.field()).contains("trainingId");
    assertThat(reference.rule()).contains("must be a published training of organization 'org-1'");
    assertThat(reference.badValue()).contains("tr-draft");
    Problem template = problems.stream().filter(p -> p.code() == ProblemCode.INVALID_TEMPLATE).findFirst()
        .orElseThrow();
    assertThat(template.field()).contains("subject");
    assertThat(template.rule()).contains("must hold a template that parses");
  }

  @Test
  void every_step_has_documentation_minutes_saved_and_a_valid_default_config() {
    StandardSteps steps = new StandardSteps();
    NodeTypeRegistry registry = NodeTypeRegistry.builder().add(steps).build();
    assertThat(steps.nodeTypes()).extracting(t -> t.name()).containsExactly("send_email", "send_slack", "webhook",
        "update_record", "assign_training");
    steps.nodeTypes().forEach(t -> {
      assertThat(((ActionType<?>) t).minutesSaved()).as(t.name()).isPositive();
      assertThat(t.documentation().description()).as(t.name()).isNotBlank();
    });
    assertThat(registry.bind(dev.partnerflow.core.model.Node.of("n", "send_email",
        type(steps, "send_email").defaultConfig())).valid()).isTrue();
    steps.close();
  }
}
