package dev.partnerflow.core.json;

import dev.partnerflow.core.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WorkflowJson#check} found in a document: the workflow when there was no problem, otherwise every
 * problem in document order, each with its own line and column.
 *
 * <pre>{@code
 * WorkflowJsonReport report = json.check(text);
 * if (report.isValid()) {
 *   Workflow workflow = report.workflow().orElseThrow();
 * } else {
 *   report.problems().forEach(p -> System.err.println(p.getMessage())); // "invalid workflow document at line 4, ..."
 * }
 * }</pre>
 *
 * @param workflow the workflow read, present exactly when there are no problems
 * @param problems every problem found, in document order; empty when the document was read
 * @param stoppedEarly whether reading stopped at the last problem (malformed JSON, a truncated document, a limit),
 *     so the rest of the document was not checked
 */
public record WorkflowJsonReport(Optional<Workflow> workflow, List<WorkflowJsonException> problems,
    boolean stoppedEarly) {
  public WorkflowJsonReport {
    workflow = workflow == null ? Optional.empty() : workflow;
    problems = List.copyOf(Objects.requireNonNull(problems, "problems must not be null"));
    if (workflow.isPresent() == !problems.isEmpty()) {
      throw new IllegalArgumentException("a report has either a workflow or problems, but had "
          + (workflow.isPresent() ? "both" : "neither"));
    }
    if (stoppedEarly && problems.isEmpty()) {
      throw new IllegalArgumentException("a report that stopped early names the problem it stopped at");
    }
  }

  static WorkflowJsonReport of(Workflow workflow) {
    return new WorkflowJsonReport(Optional.of(workflow), List.of(), false);
  }

  static WorkflowJsonReport finished(List<WorkflowJsonException> problems) {
    return new WorkflowJsonReport(Optional.empty(), problems, false);
  }

  static WorkflowJsonReport stopped(List<WorkflowJsonException> before, WorkflowJsonException last) {
    List<WorkflowJsonException> all = new ArrayList<>(before);
    all.add(last);
    return new WorkflowJsonReport(Optional.empty(), all, true);
  }

  /** Whether the document was read without a problem. */
  public boolean isValid() {
    return problems.isEmpty();
  }
}
