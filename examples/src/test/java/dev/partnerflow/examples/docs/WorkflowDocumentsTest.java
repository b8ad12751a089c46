package dev.partnerflow.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.json.WorkflowJson;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.WorkflowValidator;
import dev.partnerflow.examples.PrintingEmailSender;
import dev.partnerflow.examples.guide.DealRegisteredAlert;
import dev.partnerflow.examples.guide.InactivePartnerReengagement;
import dev.partnerflow.examples.guide.TierChangedCongratulations;
import dev.partnerflow.examples.guide.WelcomeNewPartner;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The guide's four workflows and the documented JSON example, through the JSON format and the validator. */
class WorkflowDocumentsTest {
  // a host's setup: steps with a sender (the checks report send_email nodes of steps without one)
  private static final StandardSteps STEPS = StandardSteps.builder().emailSender(new PrintingEmailSender()).build();
  private static final NodeTypeRegistry REGISTRY = NodeTypeRegistry.builder().add(new PartnerTriggerTypes())
      .add(STEPS).build();
  private static final WorkflowJson JSON = WorkflowJson.of(REGISTRY);
  private static final WorkflowValidator VALIDATOR = validator();

  private static WorkflowValidator validator() {
    WorkflowValidator.Builder builder = WorkflowValidator.builder(REGISTRY);
    STEPS.checks().forEach(builder::check);
    return builder.build();
  }

  @AfterAll
  static void closeSteps() {
    STEPS.close();
  }

  static Stream<Workflow> guideWorkflows() {
    return Stream.of(
        WelcomeNewPartner.workflow(),
        DealRegisteredAlert.workflow("https://hooks.slack.com/services/T000/B000/XXXXXXXX"),
        TierChangedCongratulations.workflow("https://crm.example.com/hooks/partner-tier"),
        InactivePartnerReengagement.workflow());
  }

  @ParameterizedTest
  @MethodSource("guideWorkflows")
  void guide_workflow_round_trips_through_json_without_loss(Workflow workflow) {
    String text = JSON.write(workflow);
    Workflow read = JSON.read(text);
    assertThat(read).isEqualTo(workflow);
    assertThat(JSON.write(read)).isEqualTo(text);
    assertThat(VALIDATOR.validate(read)).isEmpty();
  }

  @Test
  void documented_example_reads_validates_and_round_trips() throws IOException {
    String markdown = Files.readString(Path.of("..", "docs", "workflow-json.md"));
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(m.find()).as("docs/workflow-json.md has a ```json block").isTrue();
    Workflow workflow = JSON.read(m.group(1));
    assertThat(workflow.id()).isEqualTo("tier-upgrade");
    assertThat(workflow.status()).isEqualTo(WorkflowStatus.DRAFT);
    assertThat(workflow.graph().nodes()).hasSize(5);
    assertThat(VALIDATOR.validate(workflow)).isEmpty();
    assertThat(JSON.read(JSON.write(workflow))).isEqualTo(workflow);
  }

  @Test
  void validator_with_the_standard_checks_finds_no_problem_in_any_guide_workflow() {
    List<Workflow> all = guideWorkflows().toList();
    assertThat(all).allSatisfy(w -> assertThat(VALIDATOR.validate(w)).isEmpty());
  }
}
