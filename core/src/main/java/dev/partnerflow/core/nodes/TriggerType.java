package dev.partnerflow.core.nodes;

import dev.partnerflow.core.event.Event;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node type that starts runs. The engine indexes active workflows by organization and trigger name; for each
 * event of that name, {@link #matches} decides with the node's config whether a run starts.
 *
 * <pre>{@code
 * final class PartnerCreated implements TriggerType<NoConfig> { ... }
 * }</pre>
 *
 * @param <C> the config record
 * @since 0.1
 */
public interface TriggerType<C> extends NodeType<C> {
  @Override
  default NodeKind kind() {
    return NodeKind.TRIGGER;
  }

  /** Whether an event (already known to have this type's name) starts a run of a workflow with this config. */
  default boolean matches(C config, Event event) {
    return name().equals(event.type());
  }

  /** A realistic event of this type, for test runs when the host provides no sample data. */
  Event sampleEvent(String organizationId, Instant now);

  /**
   * The dotted paths of the event data that events of this type can carry ({@code partner}, {@code partner.name},
   * {@code partner.primaryContact.email}), so that activation can report a placeholder no event will fill, such as
   * {@code {{partner.nmae}}}. A path ending in {@code .*} stands for any path below it (a free-form map such as
   * {@code partner.customFields.*}); a list is described by the keys of its elements ({@code deal.products.sku}).
   *
   * <p>The default is {@link #dataPaths} of {@link #sampleEvent}'s data, which misses optional fields the sample
   * leaves out: override it to list them. An empty set turns the placeholder check off for workflows with this
   * trigger (for free-form data, as a manual trigger carries).
   *
   * @since 0.2
   */
  default Set<String> knownDataPaths() {
    try {
      Event sample = sampleEvent("sample-organization", Instant.EPOCH);
      return sample == null ? Set.of() : dataPaths(sample.data());
    } catch (RuntimeException e) {
      return Set.of();
    }
  }

  /**
   * Every path of a JSON-like map: the keys of nested maps joined with dots, lists by the keys of their element
   * maps. {@code {"partner": {"name": "A", "contacts": [{"email": "x"}]}}} gives {@code partner, partner.name,
   * partner.contacts, partner.contacts.email}.
   *
   * @since 0.2
   */
  static Set<String> dataPaths(Map<String, ?> data) {
    Set<String> paths = new LinkedHashSet<>();
    addPaths("", data, paths);
    return Collections.unmodifiableSet(paths);
  }

  private static void addPaths(String prefix, Object value, Set<String> into) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String path = prefix + e.getKey();
        into.add(path);
        addPaths(path + ".", e.getValue(), into);
      }
    } else if (value instanceof List<?> list) {
      for (Object element : list) {
        addPaths(prefix, element, into);
      }
    }
  }
}
