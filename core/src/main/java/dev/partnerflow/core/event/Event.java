package dev.partnerflow.core.event;

import dev.partnerflow.core.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in an organization: the input that starts workflow runs.
 *
 * <p>The data is a JSON-like map (strings, numbers, booleans, lists, maps) that templates and branch conditions
 * read by path, such as {@code partner.tier} or {@code deal.amount}. The {@code triggers} module has a factory per
 * partner trigger type so that host code does not assemble maps by hand.
 *
 * <pre>{@code
 * Event event = new Event("evt-42", "acme", "deal_registered", clock.instant(),
 *     Map.of("partner", Map.of("id", "p-1", "name", "Globex"), "deal", Map.of("amount", 120_000)));
 * }</pre>
 *
 * @param id the host's id of the event; publishing the same id again starts no second run
 * @param organizationId the organization whose workflows may match
 * @param type the trigger type name, such as {@code partner_created}
 * @param occurredAt when it happened
 * @param data the payload (immutable copy)
 */
public record Event(String id, String organizationId, String type, Instant occurredAt, Map<String, Object> data) {

  public Event {
    requireText("event.id", id);
    requireText("event.organizationId", organizationId);
    requireText("event.type", type);
    Objects.requireNonNull(occurredAt, "event.occurredAt must not be null (event '" + id + "')");
    data = data == null ? Map.of() : Json.freezeMap(data);
  }

  /**
   * An immutable, compact, order-keeping copy of JSON-like data (nested maps and lists are copied too, nulls kept):
   * the form an event keeps its data in. An event built from data frozen this way does not copy it again, which
   * helps hosts that build many events.
   */
  public static Map<String, Object> freezeData(Map<String, ?> data) {
    return Json.freezeMap(data);
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, but was "
          + (value == null ? "null" : "'" + value + "'"));
    }
  }

  /**
   * Reads a value by dotted path ({@code partner.primaryContact.email}); list elements by index
   * ({@code contacts.0.email}). Empty when any step of the path is missing.
   */
  public Optional<Object> value(String path) {
    return Optional.ofNullable(resolve(data, path));
  }

  /** Resolves a dotted path in a JSON-like structure; null when absent. */
  public static Object resolve(Object root, String path) {
    Object current = root;
    int start = 0;
    while (current != null && start <= path.length()) {
      int dot = path.indexOf('.', start);
      String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
      if (current instanceof Map<?, ?> map) {
        current = map.get(part);
      } else if (current instanceof List<?> list) {
        int index;
        try {
          index = Integer.parseInt(part);
        } catch (NumberFormatException e) {
          return null;
        }
        current = index >= 0 && index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
      if (dot < 0) {
        return current;
      }
      start = dot + 1;
    }
    return current;
  }
}
