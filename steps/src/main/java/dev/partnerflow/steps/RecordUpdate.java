package dev.partnerflow.steps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code update_record} request for a {@link RecordUpdater}.
 *
 * @param organizationId the organization of the run
 * @param recordType {@code partner}, {@code deal} or {@code contact}
 * @param recordId the record's id
 * @param values field name to new value (JSON-like values, templates already rendered)
 * @param idempotencyKey the same for every attempt of the step
 * @since 0.1
 */
public record RecordUpdate(String organizationId, String recordType, String recordId, Map<String, Object> values,
                           String idempotencyKey) {
  public RecordUpdate {
    Objects.requireNonNull(organizationId, "recordUpdate.organizationId must not be null");
    Objects.requireNonNull(recordType, "recordUpdate.recordType must not be null");
    Objects.requireNonNull(recordId, "recordUpdate.recordId must not be null");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(
        Objects.requireNonNull(values, "recordUpdate.values must not be null")));
    Objects.requireNonNull(idempotencyKey, "recordUpdate.idempotencyKey must not be null");
  }
}
