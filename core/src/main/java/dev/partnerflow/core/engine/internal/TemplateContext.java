package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.RunRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values templates see: the event data at the top level, plus {@code trigger}, {@code workflow},
 * {@code organization}, {@code run} and {@code steps}.
 */
final class TemplateContext {
  private TemplateContext() {}

  static Map<String, Object> of(Workflow workflow, RunRecord run, Map<String, Map<String, Object>> outputs) {
    Event event = run.event();
    Map<String, Object> ctx = new HashMap<>(event.data());
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("type", event.type());
    trigger.put("eventId", event.id());
    trigger.put("occurredAt", event.occurredAt().toString());
    event.value("change.from").ifPresent(v -> trigger.put("from", v));
    event.value("change.to").ifPresent(v -> trigger.put("to", v));
    ctx.put("trigger", trigger);
    ctx.put("workflow", Map.of("id", workflow.id(), "name", workflow.name(), "version", workflow.version()));
    ctx.put("organization", Map.of("id", run.organizationId()));
    ctx.put("run", Map.of("id", run.id(), "testRun", run.testRun()));
    ctx.put("steps", outputs);
    return ctx;
  }
}
