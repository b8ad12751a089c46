package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.core.validation.InvalidWorkflowException;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input through the real engine, triggers and steps: refused at activation, or failed with a message. */
class BadInputEndToEndTest {
  private static final String ORG = "acme";
  private final List<EmailMessage> sent = new ArrayList<>();
  private final StandardSteps steps = StandardSteps.builder().emailSender(sent::add).build();
  private final TestWorkflowEngine test = TestWorkflowEngine.create(b -> {
    b.discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes()).nodeTypes(steps);
    steps.checks().forEach(b::check);
  });
  private final WorkflowEngine engine = test.engine();

  @AfterEach
  void close() {
    test.close();
    steps.close();
  }

  private Workflow create(Workflow.Builder builder) {
    return engine.workflows().create(ORG, builder.build());
  }

  private static Map<String, Object> mail(String subject) {
    return Map.of("to", List.of("dana@northwind.example"), "subject", subject, "text", "Hello");
  }

  private List<Problem> refusedActivation(Workflow wf) {
    try {
      engine.workflows().activate(ORG, wf.id());
    } catch (InvalidWorkflowException e) {
      return e.problems();
    }
    throw new AssertionError("activated: " + wf.id());
  }

  @Test
  void a_literal_subject_with_a_line_break_is_refused_at_activation() {
    Workflow wf = create(Workflow.builder(ORG, "Injected").id("injected").trigger("partner_created")
        .then("welcome", "send_email", mail("Welcome\r\nBcc: x@evil.example")));

    List<Problem> problems = refusedActivation(wf);

    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.INVALID_CONFIG);
    assertThat(problems.get(0).message()).startsWith("node 'welcome' (send_email): 'subject' must not contain a line"
        + " break").doesNotContain("evil");
  }

  @Test
  void a_webhook_header_value_with_a_line_break_is_refused_at_activation() {
    Workflow wf = create(Workflow.builder(ORG, "Hook").id("hook").trigger("partner_created")
        .then("crm", "webhook", Map.of("url", "https://crm.example/hook", "headers",
            Map.of("X-Team", "partners\nX-Admin: yes"))));

    assertThat(refusedActivation(wf)).extracting(Problem::message)
        .containsExactly("node 'crm' (webhook): 'headers.X-Team' must not contain a line break (CR or LF): it ends up"
            + " in a message header, where a line break would start a new header");
  }

  @Test
  void a_rendered_subject_with_a_line_break_fails_the_step_and_sends_nothing() {
    Workflow wf = create(Workflow.builder(ORG, "Rendered").id("rendered").trigger("partner_created")
        .then("welcome", "send_email", mail("Welcome {{partner.name}}")));
    engine.workflows().activate(ORG, wf.id());
    Partner evil = Partner.builder("p-1", "Acme\r\nBcc: x@evil.example")
        .primaryContact(Person.of("Dana", "dana@northwind.example")).build();

    engine.publish(PartnerEvents.partnerCreated("e-1", ORG, TestWorkflowEngine.DEFAULT_START, evil));

    RunTrace trace = engine.trace(ORG, engine.runs(ORG, wf.id(), dev.partnerflow.core.store.RunQuery.all()).items()
        .get(0).id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(trace.steps()).extracting(a -> a.error().map(e -> e.message()).orElse(""))
        .singleElement().asString().contains("'subject' must not contain a line break after rendering");
    assertThat(sent).isEmpty();
  }

  @Test
  void a_misspelled_placeholder_is_reported_at_activation_with_the_likely_name() {
    Workflow wf = create(Workflow.builder(ORG, "Typo").id("typo").trigger("partner_created")
        .then("welcome", "send_email", mail("Welcome {{partner.nmae}}")));

    List<Problem> problems = refusedActivation(wf);

    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.UNKNOWN_PLACEHOLDER);
    assertThat(problems.get(0).message()).contains("node 'welcome'", "'subject'", "{{partner.nmae}}",
        "did you mean {{partner.name}}?");
  }

  @Test
  void optional_payload_fields_and_earlier_step_outputs_are_accepted_placeholders() {
    Workflow wf = create(Workflow.builder(ORG, "Fine").id("fine").trigger("deal_registered")
        .then("welcome", "send_email", mail("{{deal.reason}} {{partner.partnerManager.phone}}"
            + " {{partner.customFields.region}} {{trigger.eventId}}"))
        .then("again", "send_email", mail("Re: {{steps.welcome.idempotencyKey}}")));

    assertThat(engine.workflows().activate(ORG, wf.id()).status().wireName()).isEqualTo("active");
  }

  @Test
  void a_template_cannot_call_methods_of_event_values_in_a_run() {
    Workflow wf = create(Workflow.builder(ORG, "Methods").id("methods").trigger("manual")
        .then("welcome", "send_email", mail("Bytes: {{partner.name.bytes}}")));
    engine.workflows().activate(ORG, wf.id());

    var run = engine.startManual(ORG, wf.id(), "req-1", Map.of("partner", Map.of("name", "Acme")));

    RunTrace trace = engine.trace(ORG, run.id());
    assertThat(trace.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(trace.steps()).extracting(StepAttempt::error).singleElement()
        .satisfies(e -> assertThat(e.orElseThrow().message()).contains("{{partner.name.bytes}}", "has no value"));
    assertThat(sent).isEmpty();
  }

  @Test
  void an_unknown_trigger_type_is_one_problem_with_a_suggestion() {
    Workflow wf = create(Workflow.builder(ORG, "Unknown").id("unknown").trigger("partner_craeted")
        .then("welcome", "send_email", mail("Hi")));

    List<Problem> problems = refusedActivation(wf);

    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.UNKNOWN_NODE_TYPE);
    assertThat(problems.get(0).message()).contains("did you mean 'partner_created'?");
  }

  @Test
  void reading_a_document_with_an_unknown_type_suggests_the_registered_name() {
    String doc = "{\"format\":\"partnerflow.workflow/v1\",\"id\":\"w\",\"organizationId\":\"acme\",\"name\":\"x\","
        + "\"trigger\":{\"id\":\"t\",\"type\":\"partner_craeted\"},\"nodes\":[],\"edges\":[]}";
    assertThatThrownBy(() -> dev.partnerflow.core.json.WorkflowJson.of(engine.registry()).read(doc))
        .hasMessageContaining("did you mean 'partner_created'?");
  }

  @Test
  void creating_a_workflow_whose_id_exists_says_so() {
    create(Workflow.builder(ORG, "First").id("welcome").trigger("partner_created")
        .then("welcome", "send_email", mail("Hi")));

    assertThatThrownBy(() -> create(Workflow.builder(ORG, "Second").id("welcome").trigger("partner_created")))
        .isInstanceOf(dev.partnerflow.core.store.WorkflowAlreadyExistsException.class)
        .hasMessageStartingWith("a workflow with the id 'welcome' already exists in organization 'acme'");
  }
}
