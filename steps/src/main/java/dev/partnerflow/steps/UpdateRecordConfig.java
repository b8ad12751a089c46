package dev.partnerflow.steps;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Config of {@code update_record}: sets fields on the event's partner, deal or contact through the host's
 * {@link RecordUpdater}. String values are templates.
 *
 * <pre>{@code
 * {"record": "partner", "fields": {"onboardingStatus": "welcomed", "lastTouch": "{{workflow.name}}"}}
 * }</pre>
 *
 * @param record {@code partner}, {@code deal} or {@code contact}
 * @param recordId the record's id; default the event's {@code <record>.id}
 * @param fields field name to value (string, number, boolean, null), 1 to 50 fields
 * @since 0.1
 */
public record UpdateRecordConfig(
    @NotBlank @Pattern(regexp = "partner|deal|contact", message = "must be partner, deal or contact") String record,
    @Size(max = 200) String recordId,
    @NotEmpty @Size(max = 50) Map<@NotBlank @Size(max = 100) String, Object> fields) {
  public UpdateRecordConfig {
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
