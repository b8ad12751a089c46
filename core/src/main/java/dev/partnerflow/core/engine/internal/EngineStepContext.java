package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.StepContext;
import java.time.Clock;
import java.util.Map;

/** The engine's {@link StepContext}. */
record EngineStepContext(
    String organizationId,
    String workflowId,
    String workflowName,
    int workflowVersion,
    String runId,
    String nodeId,
    int attempt,
    Event event,
    boolean testRun,
    Map<String, Map<String, Object>> stepOutputs,
    Clock clock) implements StepContext {

  @Override
  public String idempotencyKey() {
    return runId + ":" + nodeId;
  }
}
