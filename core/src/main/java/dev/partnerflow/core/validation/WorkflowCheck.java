package dev.partnerflow.core.validation;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import java.util.List;

/**
 * An extra rule run by {@link WorkflowValidator} after the structural ones, e.g. "templates parse" or "the training
 * module is published". Add with {@link WorkflowValidator.Builder#check(WorkflowCheck)}.
 */
@FunctionalInterface
public interface WorkflowCheck {
  List<Problem> check(Workflow workflow, NodeTypeRegistry registry);
}
