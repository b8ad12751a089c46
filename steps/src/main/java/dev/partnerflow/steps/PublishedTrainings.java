package dev.partnerflow.steps;

/**
 * Answers whether a training module is published in an organization, so that activating a workflow with an
 * {@code assign_training} node that names an unknown or draft module fails validation
 * ({@link dev.partnerflow.core.validation.ProblemCode#INVALID_REFERENCE}).
 *
 * <p>A host that already serves the training picker reuses its picker's training source, with the same rules the
 * picker applies (the organization's own, published modules only):
 *
 * <pre>{@code
 * StandardSteps steps = StandardSteps.builder()
 *     .publishedTrainings(PublishedTrainings.from(trainingSource))
 *     .build();
 * }</pre>
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PublishedTrainings {
  boolean isPublished(String organizationId, String trainingId);

  /**
   * The training picker's source as the activation check: a module counts when the source lists it for that
   * organization, it belongs to that organization (a source is not trusted blindly) and it is published.
   */
  static PublishedTrainings from(dev.partnerflow.core.pickers.TrainingSource source) {
    java.util.Objects.requireNonNull(source, "training source must not be null");
    return (organizationId, trainingId) -> {
      java.util.List<dev.partnerflow.core.pickers.TrainingModule> modules = source.trainings(organizationId);
      return modules != null && modules.stream().anyMatch(t -> t.id().equals(trainingId)
          && t.organizationId().equals(organizationId) && t.published());
    };
  }
}
