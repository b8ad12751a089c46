package dev.partnerflow.steps;

/**
 * Answers whether a training module is published in an organization, so that activating a workflow with an
 * {@code assign_training} node that names an unknown or draft module fails validation
 * ({@link dev.partnerflow.core.validation.ProblemCode#INVALID_REFERENCE}).
 *
 * <p>A host that already serves the training picker adapts its picker's training source to this interface (the
 * picker lists exactly the published modules of the organization):
 *
 * <pre>{@code
 * PublishedTrainings published = (orgId, trainingId) ->
 *     trainingSource.publishedTrainings(orgId).stream().anyMatch(t -> t.id().equals(trainingId));
 * StandardSteps steps = StandardSteps.builder().publishedTrainings(published).build();
 * }</pre>
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PublishedTrainings {
  boolean isPublished(String organizationId, String trainingId);
}
