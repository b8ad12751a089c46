package dev.partnerflow.core.run;

import java.util.List;
import java.util.Optional;

/**
 * A run with every step attempt, in the order they happened.
 *
 * <pre>{@code
 * RunTrace trace = engine.testRun("acme", workflowId);
 * trace.steps().forEach(s -> System.out.println(s.nodeId() + " " + s.status() + " " + s.output()));
 * }</pre>
 *
 * @param run the run
 * @param steps every attempt, oldest first
 */
public record RunTrace(Run run, List<StepAttempt> steps) {
  public RunTrace {
    steps = List.copyOf(steps);
  }

  /** The last attempt of a node, if it ran. */
  public Optional<StepAttempt> lastAttempt(String nodeId) {
    StepAttempt found = null;
    for (StepAttempt s : steps) {
      if (s.nodeId().equals(nodeId)) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  /** A readable multi-line rendering, for examples and logs. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("run ").append(run.id()).append(" of workflow ").append(run.workflowId()).append(" v")
        .append(run.workflowVersion()).append(": ").append(run.status());
    run.error().ifPresent(e -> sb.append(" (").append(e).append(')'));
    for (StepAttempt s : steps) {
      sb.append("\n  ").append(s.nodeId()).append(" [").append(s.nodeType()).append("] #").append(s.attempt())
          .append(' ').append(s.status()).append(s.dryRun() ? " (dry run)" : "").append(" at ")
          .append(s.startedAt()).append(" in ").append(s.duration().toMillis()).append(" ms");
      if (!s.output().isEmpty()) {
        sb.append("\n      output: ").append(s.output());
      }
      s.error().ifPresent(e -> sb.append("\n      error: ").append(e.type()).append(": ").append(e.message()));
    }
    return sb.toString();
  }
}
