package dev.partnerflow.steps.testing;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.StepContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link StepContext} for calling steps directly in tests. */
public record TestStepContext(String organizationId, String workflowId, String workflowName, int workflowVersion,
                              String runId, String nodeId, int attempt, Event event, boolean testRun,
                              Map<String, Map<String, Object>> stepOutputs, Clock clock) implements StepContext {
  public static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

  public static TestStepContext of(String nodeId, Event event) {
    return new TestStepContext(event.organizationId(), "wf-1", "Welcome", 1, "run-1", nodeId, 1, event, false,
        Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  public TestStepContext withClock(Clock value) {
    return new TestStepContext(organizationId, workflowId, workflowName, workflowVersion, runId, nodeId, attempt,
        event, testRun, stepOutputs, value);
  }

  public TestStepContext withAttempt(int value) {
    return new TestStepContext(organizationId, workflowId, workflowName, workflowVersion, runId, nodeId, value,
        event, testRun, stepOutputs, clock);
  }

  @Override
  public String idempotencyKey() {
    return runId + ":" + nodeId;
  }

  /** The template context the engine builds: event data, trigger, workflow, organization, steps. */
  public Map<String, Object> templateContext() {
    Map<String, Object> ctx = new LinkedHashMap<>(event.data());
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("type", event.type());
    event.value("change.from").ifPresent(v -> trigger.put("from", v));
    event.value("change.to").ifPresent(v -> trigger.put("to", v));
    ctx.put("trigger", trigger);
    ctx.put("workflow", Map.of("id", workflowId, "name", workflowName, "version", workflowVersion));
    ctx.put("organization", Map.of("id", organizationId));
    ctx.put("steps", stepOutputs);
    return ctx;
  }
}
