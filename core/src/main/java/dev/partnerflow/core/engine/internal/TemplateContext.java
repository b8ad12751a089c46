package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.RunRecord;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values templates see: the event data at the top level ({@code partner}, {@code deal}, ...), plus
 * {@code trigger} (type, eventId, occurredAt, from, to), {@code workflow} (id, name, version), {@code organization}
 * (id), {@code run} (id, testRun) and {@code steps} (outputs of earlier steps by node id). A read-only view built
 * per step without copying the event data; the small reserved maps are made only when a template asks for them.
 */
final class TemplateContext extends AbstractMap<String, Object> {
  private static final Set<String> RESERVED = Set.of("trigger", "workflow", "organization", "run", "steps");

  private final Workflow workflow;
  private final RunRecord run;
  private final Map<String, Map<String, Object>> outputs;
  private Map<String, Object> all;

  private TemplateContext(Workflow workflow, RunRecord run, Map<String, Map<String, Object>> outputs) {
    this.workflow = workflow;
    this.run = run;
    this.outputs = outputs;
  }

  static Map<String, Object> of(Workflow workflow, RunRecord run, Map<String, Map<String, Object>> outputs) {
    return new TemplateContext(workflow, run, outputs);
  }

  private static final Object ABSENT = new Object();

  /**
   * Also answers dotted names ({@code partner.name}) through nested maps, which Mustache asks the context for
   * first; a name that does not resolve through maps is reported absent, and Mustache then resolves it its own way,
   * so results and "missing value" errors are unchanged, only found faster.
   */
  @Override
  public Object get(Object key) {
    Object value = lookup(key);
    return value == ABSENT ? null : value;
  }

  @Override
  public boolean containsKey(Object key) {
    return lookup(key) != ABSENT;
  }

  private Object lastKey;
  private Object lastValue;

  /** Mustache asks containsKey then get for the same name: the second answer comes from this one-entry memo. */
  private Object lookup(Object key) {
    if (key != null && key.equals(lastKey)) {
      return lastValue;
    }
    Object value = resolve(key);
    lastKey = key;
    lastValue = value;
    return value;
  }

  private Object resolve(Object key) {
    if (!(key instanceof String name)) {
      return ABSENT;
    }
    int dot = name.indexOf('.');
    String first = dot < 0 ? name : name.substring(0, dot);
    Object current;
    if (RESERVED.contains(first)) {
      current = reserved(first);
    } else {
      Map<String, Object> data = run.event().data();
      if (dot >= 0 && data.containsKey(name)) {
        return data.get(name); // a literal key with a dot wins, as Mustache itself would find it first
      }
      if (!data.containsKey(first)) {
        return ABSENT;
      }
      current = data.get(first);
    }
    while (dot >= 0) {
      int next = name.indexOf('.', dot + 1);
      String part = next < 0 ? name.substring(dot + 1) : name.substring(dot + 1, next);
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return ABSENT;
      }
      current = map.get(part);
      dot = next;
    }
    return current;
  }

  private Object reserved(String name) {
    Event event = run.event();
    return switch (name) {
      case "trigger" -> {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", event.type());
        trigger.put("eventId", event.id());
        trigger.put("occurredAt", event.occurredAt().toString());
        event.value("change.from").ifPresent(v -> trigger.put("from", v));
        event.value("change.to").ifPresent(v -> trigger.put("to", v));
        yield trigger;
      }
      case "workflow" -> Map.of("id", workflow.id(), "name", workflow.name(), "version", workflow.version());
      case "organization" -> Map.of("id", run.organizationId());
      case "run" -> Map.of("id", run.id(), "testRun", run.testRun());
      case "steps" -> outputs;
      default -> null;
    };
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    if (all == null) {
      Map<String, Object> copy = new HashMap<>(run.event().data());
      for (String name : RESERVED) {
        copy.put(name, reserved(name));
      }
      all = copy;
    }
    return all.entrySet();
  }
}
