package dev.partnerflow.core.nodes;

import dev.partnerflow.core.event.Event;
import java.time.Clock;
import java.util.Map;

/**
 * What an {@link ActionType} knows about the step it is performing. Provided by the engine.
 *
 * @since 0.1
 */
public interface StepContext {
  String organizationId();

  String workflowId();

  String workflowName();

  int workflowVersion();

  String runId();

  String nodeId();

  /** 1 for the first attempt. */
  int attempt();

  /** Same for every attempt of this step: {@code runId + ":" + nodeId}. Send it as Message-ID, Idempotency-Key. */
  String idempotencyKey();

  /** The event that started the run. */
  Event event();

  /** True in a test run ("Run once"). */
  boolean testRun();

  /** Outputs of the steps of this run that finished before this one, by node id. */
  Map<String, Map<String, Object>> stepOutputs();

  /** The engine's clock. */
  Clock clock();
}
