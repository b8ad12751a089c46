package dev.partnerflow.generator;

import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.WorkflowValidator;
import dev.partnerflow.generator.internal.RuleBasedGenerator;
import java.util.Objects;

/**
 * Turns a plain-language description into a Draft workflow to review ("Generate with AI").
 *
 * <pre>{@code
 * WorkflowGenerator generator = WorkflowGenerator.ruleBased(engine.registry())
 *     .validator(engine.validator())   // the validator activation uses
 *     .build();
 * Generation g = generator.generate(GenerationRequest.of(
 *     "Send a welcome email to the partner manager and schedule a check-in for 30 days after a new partner"
 *         + " is created", "acme", "maria"));
 * g.explanation().forEach(System.out::println);
 * g.workflow().ifPresent(draft -> engine.workflows().create("acme", draft));
 * }</pre>
 *
 * <p>Implementations never activate what they generate, never use a node type the registry lacks, and validate
 * every draft with the validator they were built with. Thread-safe.
 *
 * <p>Stability: public API; hosts may implement it (a model-backed generator lives in
 * {@code partnerflow-generator-langchain4j}).
 *
 * @since 0.1
 */
public interface WorkflowGenerator {

  /**
   * Generates a draft.
   *
   * @return the draft with its explanation, warnings and problems, or a "could not understand" answer
   */
  Generation generate(GenerationRequest request);

  /**
   * The offline generator: reads the description against the registry's vocabulary (display names, example
   * phrases, the standard triggers' and steps' synonyms). No model and no network.
   */
  static RuleBuilder ruleBased(NodeTypeRegistry registry) {
    return new RuleBuilder(registry);
  }

  /** Options of the rule-based generator. */
  final class RuleBuilder {
    private final NodeTypeRegistry registry;
    private WorkflowValidator validator;

    RuleBuilder(NodeTypeRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    /**
     * The validator every draft is checked with. Default: {@code WorkflowValidator.of(registry)}; pass the
     * engine's ({@code engine.validator()}) so the problems are those activation would report.
     *
     * @throws IllegalArgumentException when the validator uses another registry
     */
    public RuleBuilder validator(WorkflowValidator value) {
      Objects.requireNonNull(value, "validator must not be null");
      if (value.registry() != registry) {
        throw new IllegalArgumentException("validator must use the generator's registry, but uses another one;"
            + " build both from the same engine (engine.registry(), engine.validator())?");
      }
      this.validator = value;
      return this;
    }

    public WorkflowGenerator build() {
      return new RuleBasedGenerator(registry, validator != null ? validator : WorkflowValidator.of(registry));
    }
  }
}
