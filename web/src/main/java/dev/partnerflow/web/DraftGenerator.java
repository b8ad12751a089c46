package dev.partnerflow.web;

import dev.partnerflow.core.pickers.Caller;

/**
 * Host interface behind the dashboard's "Generate with AI" box: turns a plain-language description into a proposed
 * Draft workflow of the caller's organization. The dashboard shows the proposal (graph, explanation, warnings,
 * problems) and stores it as a Draft only when the user saves it; it never activates it.
 *
 * <p>The web module does not depend on {@code partnerflow-generator}; adapt a {@code WorkflowGenerator} in one
 * lambda:
 *
 * <pre>{@code
 * WorkflowGenerator generator = WorkflowGenerator.ruleBased(engine.registry()).validator(engine.validator()).build();
 * PartnerflowHttpHandler.builder()
 *     .dashboard(engine)
 *     .generator((description, caller) -> {
 *       Generation g = generator.generate(GenerationRequest.of(description, caller.activeOrganizationId(),
 *           caller.userId()));
 *       return new DraftProposal(g.workflow(), g.explanation(), g.warnings(), g.problems());
 *     })
 *     ...
 * }</pre>
 *
 * <p>Implementations must be thread-safe, must return a workflow of {@code caller.activeOrganizationId()} (any other
 * is refused), and may take a while (a model call): the request waits for it.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DraftGenerator {
  /** Longest description the dashboard accepts: {@value} characters (the generator's and workflow's limit). */
  int MAX_DESCRIPTION_LENGTH = 5_000;

  /**
   * Proposes a draft for {@code description}.
   *
   * @param description what to automate, 1 to {@value #MAX_DESCRIPTION_LENGTH} characters, not blank
   * @param caller who asks; the draft belongs to their active organization and names them as creator
   * @return the proposal; {@link DraftProposal#notUnderstood} when nothing could be made of the description
   */
  DraftProposal propose(String description, Caller caller);
}
