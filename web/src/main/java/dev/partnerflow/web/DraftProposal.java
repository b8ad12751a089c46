package dev.partnerflow.web;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.validation.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DraftGenerator} proposes: the draft to review (empty when the description was not understood), one
 * explanation line per node, warnings for what it could not place, and the validator's problems for the draft (the
 * user may still save it as a Draft and fix it later).
 *
 * @param workflow the proposed draft, empty when nothing was understood
 * @param explanation what was understood, one line per node in graph order
 * @param warnings what could not be placed or needs attention
 * @param problems the problems that would stop activation; empty when it could be activated as is
 * @since 0.1
 */
public record DraftProposal(Optional<Workflow> workflow, List<String> explanation, List<String> warnings,
                            List<Problem> problems) {
  public DraftProposal {
    workflow = workflow == null ? Optional.empty() : workflow;
    explanation = List.copyOf(Objects.requireNonNull(explanation, "explanation must not be null"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings must not be null"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems must not be null"));
  }

  /** No draft: the warnings say why. */
  public static DraftProposal notUnderstood(List<String> warnings) {
    return new DraftProposal(Optional.empty(), List.of(), warnings, List.of());
  }
}
