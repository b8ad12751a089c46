package dev.partnerflow.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerflow.core.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The event file of {@code run-once --event FILE}: one JSON object
 *
 * <pre>{@code
 * {
 *   "id": "evt-1",                          // optional, default "cli-event"
 *   "type": "partner_created",              // required: the workflow's trigger type
 *   "occurredAt": "2026-01-05T09:00:00Z",   // optional ISO-8601 instant, default now
 *   "organizationId": "acme",               // optional, must be the workflow's organization
 *   "data": { "partner": { ... } }          // optional object, default {}: what templates and branches read
 * }
 * }</pre>
 *
 * Unknown fields and duplicate keys are refused.
 */
final class EventFile {
  static final String DEFAULT_ID = "cli-event";
  private static final Set<String> FIELDS = Set.of("id", "type", "occurredAt", "organizationId", "data");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private EventFile() {}

  /**
   * @throws PartnerflowCli.Exit {@value PartnerflowCli#USAGE} when the file cannot be opened,
   *     {@value PartnerflowCli#PROBLEMS} when it is not a valid event for the organization
   */
  static Event read(Path file, String organizationId, Instant now) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new PartnerflowCli.Exit(PartnerflowCli.USAGE, "cannot read " + file + ": " + PartnerflowCli.describe(e));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw problem(file, "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    if (!(root instanceof ObjectNode object)) {
      throw problem(file, "expected a JSON object with 'type' and optionally 'id', 'occurredAt', 'organizationId'"
          + " and 'data'");
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw problem(file, "unknown field '" + name + "'; known fields: data, id, occurredAt, organizationId, type");
      }
    }
    String type = text(file, object, "type", null);
    if (type == null) {
      throw problem(file, "'type' is required, e.g. \"partner_created\"");
    }
    String id = text(file, object, "id", DEFAULT_ID);
    String org = text(file, object, "organizationId", organizationId);
    if (!org.equals(organizationId)) {
      throw problem(file, "organizationId must be the workflow's organization '" + organizationId + "', but was '"
          + org + "'");
    }
    Instant occurredAt = now;
    String when = text(file, object, "occurredAt", null);
    if (when != null) {
      try {
        occurredAt = Instant.parse(when);
      } catch (DateTimeParseException e) {
        throw problem(file, "'occurredAt' must be an ISO-8601 instant such as 2026-01-05T09:00:00Z, but was '"
            + when + "'");
      }
    }
    JsonNode data = object.get("data");
    if (data != null && !data.isObject()) {
      throw problem(file, "'data' must be an object, but was " + data.getNodeType().name().toLowerCase());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = data == null ? Map.of() : MAPPER.convertValue(data, Map.class);
    try {
      return new Event(id, organizationId, type, occurredAt, map);
    } catch (IllegalArgumentException e) {
      throw problem(file, e.getMessage());
    }
  }

  private static String text(Path file, ObjectNode object, String field, String fallback) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw problem(file, "'" + field + "' must be a string, but was " + value.getNodeType().name().toLowerCase());
    }
    return value.asText();
  }

  private static PartnerflowCli.Exit problem(Path file, String message) {
    return new PartnerflowCli.Exit(PartnerflowCli.PROBLEMS, file + ": " + message);
  }
}
