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

  @Override
  public Object get(Object key) {
    if (key instanceof String name && RESERVED.contains(name)) {
      return reserved(name);
    }
    return run.event().data().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return (key instanceof String name && RESERVED.contains(name)) || run.event().data().containsKey(key);
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
