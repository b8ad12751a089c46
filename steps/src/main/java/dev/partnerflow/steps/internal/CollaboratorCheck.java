package dev.partnerflow.steps.internal;

import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.core.validation.WorkflowCheck;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code MISSING_COLLABORATOR} for every node whose step would fail for want of a host collaborator (no
 * {@code EmailSender}, {@code RecordUpdater} or {@code TrainingAssigner}). Only nodes whose registered type is one
 * of this instance's own types are judged: a host type or another {@code StandardSteps} of the same name is not.
 */
public final class CollaboratorCheck implements WorkflowCheck {
  private final Map<NodeType<?>, Missing> missing;

  /**
   * What one type lacks.
   *
   * @param collaborator the host interface that is not configured ({@code EmailSender})
   * @param sentence what that means and what to do
   */
  public record Missing(String collaborator, String sentence) {}

  /** @param missing this instance's types that lack a collaborator, each with what it lacks */
  public CollaboratorCheck(Map<NodeType<?>, Missing> missing) {
    this.missing = new IdentityHashMap<>(missing);
  }

  @Override
  public List<Problem> check(Workflow workflow, NodeTypeRegistry registry) {
    List<Problem> problems = new ArrayList<>();
    for (Node node : workflow.graph().nodes()) {
      NodeType<?> type = registry.find(node.type()).orElse(null);
      Missing problem = type == null ? null : missing.get(type);
      if (problem != null) {
        problems.add(Problem.ofNode(ProblemCode.MISSING_COLLABORATOR, node.id(), node.type(), problem.sentence())
            .withRule("needs a configured " + problem.collaborator()));
      }
    }
    return problems;
  }
}
