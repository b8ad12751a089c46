package dev.partnerflow.steps.internal;

import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.template.ConfigTemplate;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.ProblemCode;
import dev.partnerflow.core.validation.WorkflowCheck;
import java.util.ArrayList;
import java.util.List;

/** Templates that do not parse, in the config of any action node: one problem per field, naming node and field. */
public final class TemplateCheck implements WorkflowCheck {
  @Override
  public List<Problem> check(Workflow workflow, NodeTypeRegistry registry) {
    List<Problem> problems = new ArrayList<>();
    for (Node node : workflow.graph().nodes()) {
      boolean action = registry.find(node.type()).map(NodeType::kind).map(k -> k == NodeKind.ACTION).orElse(false);
      if (!action) {
        continue;
      }
      for (String problem : ConfigTemplate.problems(node.config())) {
        problems.add(Problem.ofNode(ProblemCode.INVALID_TEMPLATE, node.id(), node.type(), problem));
      }
    }
    return problems;
  }
}
