package dev.partnerflow.steps.internal;

import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.steps.PublishedTrainings;
import java.util.ArrayList;
import java.util.List;

/** Every {@code assign_training} node names a published training of the workflow's organization. */
public final class PublishedTrainingCheck implements WorkflowCheck {
  private final PublishedTrainings published;

  public PublishedTrainingCheck(PublishedTrainings published) {
    this.published = published;
  }

  @Override
  public List<Problem> check(Workflow workflow, NodeTypeRegistry registry) {
    List<Problem> problems = new ArrayList<>();
    for (Node node : workflow.graph().nodes()) {
      if (!"assign_training".equals(node.type())) {
        continue;
      }
      Object id = node.config().get("trainingId");
      if (!(id instanceof String trainingId) || trainingId.isBlank() || trainingId.contains("{{")) {
        continue; // missing or wrong-typed ids are INVALID_CONFIG; templated ids can only be checked per run
      }
      if (!published.isPublished(workflow.organizationId(), trainingId)) {
        problems.add(Problem.ofNode(ProblemCode.INVALID_REFERENCE, node.id(), node.type(),
            "'trainingId' must be a published training of organization '" + workflow.organizationId()
                + "', but was '" + trainingId + "'").withField("trainingId")
            .withRule("must be a published training of organization '" + workflow.organizationId() + "'")
            .withBadValue(trainingId));
      }
    }
    return problems;
  }
}
