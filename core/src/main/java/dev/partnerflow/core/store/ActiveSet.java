package dev.partnerflow.core.store;

import java.util.List;
import java.util.Objects;

/**
 * The Active workflows an engine assumed an organization has for a trigger type when it chose which runs an event
 * starts, as {@link WorkflowStore#activeFor} answered it earlier. A run store that can check this assumption against
 * the workflow store ({@link RunStore#checksActiveSets}) creates the runs only while it still holds, so the engine
 * may remember the answer instead of asking for every event.
 *
 * <pre>{@code
 * ActiveSet assumed = new ActiveSet("acme", "deal_registered", List.of(new WorkflowRef("wf-1", 3)));
 * Optional<List<CreateResult>> created = runs.createRunsIfActive(starts, assumed, 1, owner, now, leaseUntil);
 * // empty: the organization's active workflows changed meanwhile; read them again
 * }</pre>
 *
 * @param organizationId the event's organization
 * @param triggerType the event's type
 * @param workflows every Active workflow of the organization with that trigger type, at its active version; never
 *     empty (an assumption of "none" starts no run, so there is nothing to check it with)
 */
public record ActiveSet(String organizationId, String triggerType, List<WorkflowRef> workflows) {
  public ActiveSet {
    Objects.requireNonNull(organizationId, "organizationId must not be null");
    Objects.requireNonNull(triggerType, "triggerType must not be null");
    workflows = List.copyOf(workflows);
    if (workflows.isEmpty()) {
      throw new IllegalArgumentException("workflows must not be empty: an empty active set cannot be checked");
    }
  }
}
