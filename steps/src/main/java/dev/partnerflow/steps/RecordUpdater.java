package dev.partnerflow.steps;

import java.util.Map;

/**
 * Writes the field changes of the {@code update_record} step to the host's partner, deal or contact records.
 *
 * <pre>{@code
 * RecordUpdater updater = update -> {
 *   Map<String, FieldChange> changes = new LinkedHashMap<>();
 *   Partner p = partners.find(update.organizationId(), update.recordId());
 *   update.values().forEach((field, value) -> changes.put(field, FieldChange.of(p.get(field), value)));
 *   partners.save(p.with(update.values()));
 *   return changes;
 * };
 * }</pre>
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RecordUpdater {
  /**
   * Applies the values. Called at least once per step; applying the same update twice must be harmless.
   *
   * @return the change of each field, with the old value where the host knows it (may be empty)
   * @throws dev.partnerflow.core.nodes.StepFailedException permanent for an unknown record or field, retryable
   *     for a passing failure
   */
  Map<String, FieldChange> update(RecordUpdate update);
}
