package dev.partnerflow.generator;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.validation.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a generator made of a description: a Draft workflow to review (never activated), one explanation line per
 * node, warnings for what it could not place, and the validator's problems for the draft.
 *
 * <p>When the description was not understood, {@link #workflow()} is empty, {@link #understood()} is false and the
 * warnings say why; no guessed workflow is returned.
 *
 * @param workflow the draft, empty when nothing was understood
 * @param explanation one line per node, in graph order, saying what was understood
 * @param warnings what could not be placed or needs the user's attention (placeholders, refused wishes)
 * @param problems the validator's problems for the draft; empty when it could be activated as is
 * @param source who produced the draft: {@value #RULES} or {@value #MODEL}
 */
public record Generation(Optional<Workflow> workflow, List<String> explanation, List<String> warnings,
                         List<Problem> problems, String source) {
  /** The rule-based generator produced the draft. */
  public static final String RULES = "rules";
  /** A language model produced the draft. */
  public static final String MODEL = "model";

  public Generation {
    workflow = workflow == null ? Optional.empty() : workflow;
    explanation = List.copyOf(Objects.requireNonNull(explanation, "explanation must not be null"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings must not be null"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems must not be null"));
    Objects.requireNonNull(source, "source must not be null");
  }

  /** A "could not understand" answer: no workflow, the reasons as warnings. */
  public static Generation notUnderstood(List<String> warnings, String source) {
    return new Generation(Optional.empty(), List.of(), warnings, List.of(), source);
  }

  /** True when a draft was produced. */
  public boolean understood() {
    return workflow.isPresent();
  }

  /** True when a draft was produced and the validator found no problem in it. */
  public boolean valid() {
    return workflow.isPresent() && problems.isEmpty();
  }

  /** The same generation with other warnings, e.g. a fallback's reason added. */
  public Generation withWarnings(List<String> value) {
    return new Generation(workflow, explanation, value, problems, source);
  }
}
