package dev.partnerflow.core.validation;

import dev.partnerflow.core.PartnerflowException;
import java.util.List;
import java.util.stream.Collectors;

/** A workflow cannot be activated (or run) because its graph has problems; carries every one of them. */
public class InvalidWorkflowException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  private final String workflowId;
  private final transient List<Problem> problems;

  public InvalidWorkflowException(String workflowId, List<Problem> problems) {
    super("workflow '" + workflowId + "' has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + ":" + problems.stream().map(p -> "\n  - " + p.code() + ": " + p.message()).collect(Collectors.joining()));
    this.workflowId = workflowId;
    this.problems = List.copyOf(problems);
  }

  public String workflowId() {
    return workflowId;
  }

  public List<Problem> problems() {
    return problems;
  }
}
