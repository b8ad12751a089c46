package dev.partnerflow.steps;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code assign_training} request for a {@link TrainingAssigner}.
 *
 * @param organizationId the organization of the run
 * @param partnerId the partner whose contacts get the module
 * @param trainingId the training module
 * @param contacts {@code all} or {@code primary_contact}
 * @param dueInDays days the contacts have to finish it, if set
 * @param idempotencyKey the same for every attempt of the step
 * @since 0.1
 */
public record TrainingAssignment(String organizationId, String partnerId, String trainingId, String contacts,
                                 Optional<Integer> dueInDays, String idempotencyKey) {
  public TrainingAssignment {
    Objects.requireNonNull(organizationId, "trainingAssignment.organizationId must not be null");
    Objects.requireNonNull(partnerId, "trainingAssignment.partnerId must not be null");
    Objects.requireNonNull(trainingId, "trainingAssignment.trainingId must not be null");
    Objects.requireNonNull(contacts, "trainingAssignment.contacts must not be null");
    dueInDays = dueInDays == null ? Optional.empty() : dueInDays;
    Objects.requireNonNull(idempotencyKey, "trainingAssignment.idempotencyKey must not be null");
  }
}
