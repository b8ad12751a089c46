package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.core.validation.InvalidWorkflowException;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.steps.testing.StepHarness;
import dev.partnerflow.steps.testing.TestStepContext;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run never claims a side effect that did not happen: a missing collaborator is reported, never faked. */
class MissingCollaboratorTest {
  private static final Partner PARTNER = Partner.builder("p-1", "Northwind")
      .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example")).build();
  private static final Map<String, Object> MAIL = Map.of("to", List.of("role:primary_contact"),
      "subject", "Welcome, {{partner.name}}", "text", "Hello");

  private static Workflow welcome() {
    return Workflow.builder("acme", "Welcome").trigger("partner_created")
        .then("mail", "send_email", MAIL)
        .then("crm", "update_record", Map.of("record", "partner", "fields", Map.of("stage", "Onboarding")))
        .then("train", "assign_training", Map.of("trainingId", "tr-1"))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <C> ActionType<C> type(StandardSteps steps, String name) {
    return (ActionType<C>) steps.nodeTypes().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Problem> check(StandardSteps steps, NodeTypeRegistry registry, Workflow wf) {
    List<Problem> problems = new ArrayList<>();
    for (WorkflowCheck c : steps.checks()) {
      problems.addAll(c.check(wf, registry));
    }
    return problems;
  }

  @Test
  void check_names_each_node_whose_collaborator_is_missing_and_the_builder_method_that_fixes_it() {
    try (StandardSteps defaults = new StandardSteps()) {
      NodeTypeRegistry registry = NodeTypeRegistry.builder().add(new PartnerTriggerTypes()).add(defaults).build();

      List<Problem> problems = check(defaults, registry, welcome());

      assertThat(problems).extracting(Problem::code, p -> p.nodeId().orElseThrow()).containsExactly(
          tuple(ProblemCode.MISSING_COLLABORATOR, "mail"),
          tuple(ProblemCode.MISSING_COLLABORATOR, "crm"),
          tuple(ProblemCode.MISSING_COLLABORATOR, "train"));
      assertThat(problems.get(0).message()).startsWith("node 'mail' (send_email): no EmailSender is configured")
          .contains("StandardSteps.builder().emailSender(...)");
      assertThat(problems.get(1).message()).contains("StandardSteps.builder().recordUpdater(...)");
      assertThat(problems.get(2).message()).contains("StandardSteps.builder().trainingAssigner(...)");
      assertThat(problems).extracting(p -> p.rule().orElseThrow()).containsExactly("needs a configured EmailSender",
          "needs a configured RecordUpdater", "needs a configured TrainingAssigner");
      assertThat(problems).allSatisfy(p -> assertThat(p.field()).isEmpty());
    }
  }

  @Test
  void check_is_silent_when_every_collaborator_is_configured() {
    try (StandardSteps steps = StandardSteps.builder().emailSender(new RecordingEmailSender())
        .recordUpdater(u -> Map.of()).trainingAssigner(a -> List.of()).build()) {
      NodeTypeRegistry registry = NodeTypeRegistry.builder().add(new PartnerTriggerTypes()).add(steps).build();

      assertThat(check(steps, registry, welcome())).isEmpty();
    }
  }

  @Test
  void check_leaves_alone_a_node_whose_registered_type_of_that_name_is_someone_elses() {
    try (StandardSteps defaults = new StandardSteps()) {
      NodeTypeRegistry registry = NodeTypeRegistry.builder().add(new PartnerTriggerTypes())
          .add(new HostEmail()).build();
      Workflow wf = Workflow.builder("acme", "Host mail").trigger("partner_created")
          .then("mail", "send_email", Map.of()).build();

      assertThat(check(defaults, registry, wf)).isEmpty();
    }
  }

  @Test
  void real_send_without_a_sender_fails_permanently_naming_the_fix() {
    try (StandardSteps defaults = new StandardSteps()) {
      TestStepContext ctx = TestStepContext.of("mail",
          PartnerEvents.partnerCreated("evt-1", "acme", TestStepContext.NOW, PARTNER));

      assertThatThrownBy(() -> StepHarness.execute(type(defaults, "send_email"), MAIL, ctx))
          .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("no EmailSender configured, so nothing was sent")
          .hasMessageContaining("StandardSteps.builder().emailSender(...)");
    }
  }

  @Test
  void dry_run_without_a_sender_shows_what_it_would_have_sent_and_that_no_sender_is_configured() {
    try (StandardSteps defaults = new StandardSteps()) {
      TestStepContext ctx = TestStepContext.of("mail",
          PartnerEvents.partnerCreated("evt-1", "acme", TestStepContext.NOW, PARTNER));

      StepResult r = StepHarness.dryRun(type(defaults, "send_email"), MAIL, ctx);

      assertThat(r.output()).containsEntry("dryRun", true)
          .containsEntry("to", List.of("dana@northwind.example"))
          .containsEntry("subject", "Welcome, Northwind")
          .containsEntry("text", "Hello");
      assertThat((String) r.output().get("emailSender")).startsWith("none configured")
          .contains("StandardSteps.builder().emailSender(...)");
    }
  }

  @Test
  void engine_adds_the_checks_of_a_provider_given_by_hand_so_activation_reports_the_missing_sender() {
    try (StandardSteps noSender = StandardSteps.builder().recordUpdater(u -> Map.of())
        .trainingAssigner(a -> List.of()).build();
        TestWorkflowEngine test = TestWorkflowEngine.create(b -> b.discoverNodeTypes(false)
            .nodeTypes(new PartnerTriggerTypes()).nodeTypes(noSender).nodeTypes(noSender))) {
      WorkflowEngine engine = test.engine();
      Workflow wf = engine.workflows().create("acme", welcome());

      assertThatThrownBy(() -> engine.workflows().activate("acme", wf.id()))
          .isInstanceOfSatisfying(InvalidWorkflowException.class, e -> assertThat(e.problems())
              .extracting(Problem::code, p -> p.nodeId().orElseThrow())
              .as("reported once although the provider was given twice")
              .containsExactly(tuple(ProblemCode.MISSING_COLLABORATOR, "mail")));
    }
  }

  @Test
  void a_discovered_copy_of_a_provider_given_by_hand_adds_no_checks() {
    RecordingEmailSender sender = new RecordingEmailSender();
    try (StandardSteps steps = StandardSteps.builder().emailSender(sender).recordUpdater(u -> Map.of())
        .trainingAssigner(a -> List.of()).build();
        TestWorkflowEngine test = TestWorkflowEngine.create(b -> b.nodeTypes(steps))) {   // discovery stays on
      WorkflowEngine engine = test.engine();
      Workflow wf = engine.workflows().create("acme", welcome());

      assertThat(engine.workflows().validate("acme", wf.id())).isEmpty();
      engine.workflows().activate("acme", wf.id());
      engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", test.clock().instant(), PARTNER));
      assertThat(sender.sent).extracting(EmailMessage::subject).containsExactly("Welcome, Northwind");
    }
  }

  @Test
  void a_run_past_activation_without_a_sender_fails_and_earns_no_minutes() {
    // types registered one by one bring no provider checks: the step itself must refuse to pretend
    try (StandardSteps defaults = new StandardSteps();
        TestWorkflowEngine test = TestWorkflowEngine.create(b -> {
          b.discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes());
          defaults.nodeTypes().forEach(b::nodeType);
        })) {
      WorkflowEngine engine = test.engine();
      Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Welcome")
          .trigger("partner_created").then("mail", "send_email", MAIL).build());
      engine.workflows().activate("acme", wf.id());

      Run run = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", test.clock().instant(), PARTNER))
          .get(0);
      RunTrace trace = engine.trace("acme", run.id());

      assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
      assertThat(trace.steps()).singleElement().satisfies(a -> {
        assertThat(a.status()).isEqualTo(StepStatus.FAILED);
        assertThat(a.minutesSaved()).isZero();
        assertThat(a.error().orElseThrow().retryable()).isFalse();
        assertThat(a.error().orElseThrow().message()).contains("StandardSteps.builder().emailSender(...)");
      });
      assertThat(engine.workflows().minutesSavedPerWeek("acme", wf.id())).isZero();
    }
  }

  /** A host's own email step that happens to use the standard name. */
  private static final class HostEmail implements ActionType<Map<String, Object>> {
    @Override
    public String name() {
      return "send_email";
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> configType() {
      return (Class) Map.class;
    }

    @Override
    public Map<String, Object> defaultConfig() {
      return Map.of();
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Host mail", "The host's own mail step.", "messaging", List.of());
    }

    @Override
    public StepResult execute(Map<String, Object> config, StepContext ctx) {
      return StepResult.of(Map.of());
    }
  }
}
