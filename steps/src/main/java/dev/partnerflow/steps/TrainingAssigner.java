package dev.partnerflow.steps;

import java.util.List;

/**
 * Assigns a training module to a partner's contacts for the {@code assign_training} step.
 *
 * <pre>{@code
 * TrainingAssigner assigner = a -> lms.assign(a.trainingId(), contactsOf(a.partnerId()), a.dueInDays());
 * }</pre>
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TrainingAssigner {
  /**
   * Assigns the module. Called at least once per step; assigning twice must be harmless.
   *
   * @return the ids (or addresses) of the contacts it was assigned to, for the run record
   * @throws dev.partnerflow.core.nodes.StepFailedException permanent for an unknown or unpublished module
   */
  List<String> assign(TrainingAssignment assignment);
}
