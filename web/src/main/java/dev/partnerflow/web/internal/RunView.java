package dev.partnerflow.web.internal;

import dev.partnerflow.core.engine.NotFoundException;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as the run panel shows it: one entry per step in the order the steps first ran, each with all its attempts,
 * then the steps of the graph that have not run (waiting while the run is in flight, skipped once it is over). The
 * inputs are the engine's records, whose secret fields are already redacted.
 */
public record RunView(Run run, Optional<Workflow> workflow, List<Step> steps) {

  /** One step: its node, its display status, and its attempts, oldest first. */
  public record Step(String nodeId, String type, String label, String status, List<StepAttempt> attempts) {}

  public static RunView of(WorkflowEngine engine, String organizationId, String runId) {
    RunTrace trace = engine.trace(organizationId, runId);
    Run run = trace.run();
    Optional<Workflow> workflow;
    try {
      workflow = Optional.of(engine.workflows().getVersion(organizationId, run.workflowId(), run.workflowVersion()));
    } catch (NotFoundException e) {
      workflow = Optional.empty();
    }
    Map<String, List<StepAttempt>> byNode = new LinkedHashMap<>();
    for (StepAttempt a : trace.steps()) {
      byNode.computeIfAbsent(a.nodeId(), k -> new ArrayList<>()).add(a);
    }
    List<Step> steps = new ArrayList<>();
    for (Map.Entry<String, List<StepAttempt>> e : byNode.entrySet()) {
      List<StepAttempt> attempts = e.getValue();
      StepAttempt last = attempts.get(attempts.size() - 1);
      String label = workflow.flatMap(w -> w.graph().node(e.getKey())).flatMap(Node::label).orElse(e.getKey());
      steps.add(new Step(e.getKey(), last.nodeType(), label, last.status().name().toLowerCase(), attempts));
    }
    if (workflow.isPresent()) {
      String notRun = run.status().isFinal() ? "skipped" : "waiting";
      for (Node node : workflow.get().graph().nodes()) {
        boolean trigger = engine.registry().find(node.type()).map(NodeType::kind)
            .map(k -> k == NodeKind.TRIGGER).orElse(false);
        if (!trigger && !byNode.containsKey(node.id())) {
          steps.add(new Step(node.id(), node.type(), node.label().orElse(node.id()), notRun, List.of()));
        }
      }
    }
    return new RunView(run, workflow, steps);
  }

  /** The JSON the live run panel reads. */
  public Map<String, Object> json() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", run.id());
    r.put("workflowId", run.workflowId());
    r.put("workflowName", workflow.map(Workflow::name).orElse(run.workflowId()));
    r.put("workflowVersion", run.workflowVersion());
    r.put("status", run.status().name().toLowerCase());
    r.put("final", run.status().isFinal());
    r.put("testRun", run.testRun());
    r.put("eventId", run.eventId());
    r.put("triggerType", run.triggerType());
    r.put("createdAt", String.valueOf(run.createdAt()));
    r.put("finishedAt", run.finishedAt().map(String::valueOf).orElse(null));
    r.put("error", run.error().orElse(null));
    List<Map<String, Object>> list = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("nodeId", s.nodeId());
      m.put("type", s.type());
      m.put("label", s.label());
      m.put("status", s.status());
      List<Map<String, Object>> attempts = new ArrayList<>();
      for (StepAttempt a : s.attempts()) {
        Map<String, Object> am = new LinkedHashMap<>();
        am.put("attempt", a.attempt());
        am.put("status", a.status().name().toLowerCase());
        am.put("startedAt", String.valueOf(a.startedAt()));
        am.put("finishedAt", String.valueOf(a.finishedAt()));
        am.put("durationMs", a.duration().toMillis());
        am.put("dryRun", a.dryRun());
        am.put("input", a.input());
        am.put("output", a.output());
        am.put("error", a.error().map(e -> Map.of("type", e.type(), "message", e.message(),
            "retryable", e.retryable())).orElse(null));
        attempts.add(am);
      }
      m.put("attempts", attempts);
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", r);
    out.put("steps", list);
    return out;
  }
}
