package dev.partnerflow.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.Position;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowGraph;
import dev.partnerflow.core.model.WorkflowMetadata;
import dev.partnerflow.core.model.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A workflow version as one JSON document (metadata and graph), read back equal to what was written. */
final class WorkflowDocument {
  private WorkflowDocument() {}

  static String write(Workflow w) {
    WorkflowMetadata m = w.metadata();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", m.id());
    doc.put("organizationId", m.organizationId());
    doc.put("name", m.name());
    m.description().ifPresent(d -> doc.put("description", d));
    doc.put("stage", m.stage().name());
    doc.put("status", m.status().name());
    doc.put("createdBy", m.createdBy());
    m.createdAt().ifPresent(t -> doc.put("createdAt", t.toString()));
    m.updatedAt().ifPresent(t -> doc.put("updatedAt", t.toString()));
    doc.put("version", m.version());
    List<Object> nodes = new ArrayList<>();
    for (Node n : w.graph().nodes()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("id", n.id());
      node.put("type", n.type());
      node.put("config", n.config());
      n.label().ifPresent(l -> node.put("label", l));
      node.put("x", n.position().x());
      node.put("y", n.position().y());
      NodeSettings s = n.settings();
      if (!s.isDefault()) {
        Map<String, Object> settings = new LinkedHashMap<>();
        s.retry().ifPresent(r -> {
          Map<String, Object> retry = new LinkedHashMap<>();
          retry.put("maxAttempts", r.maxAttempts());
          retry.put("initialBackoff", r.initialBackoff().toString());
          retry.put("multiplier", r.multiplier());
          retry.put("maxBackoff", r.maxBackoff().toString());
          settings.put("retry", retry);
        });
        s.timeout().ifPresent(t -> settings.put("timeout", t.toString()));
        settings.put("continueOnFailure", s.continueOnFailure());
        s.minutesSaved().ifPresent(v -> settings.put("minutesSaved", v));
        settings.put("actInTestRuns", s.actInTestRuns());
        node.put("settings", settings);
      }
      nodes.add(node);
    }
    doc.put("nodes", nodes);
    List<Object> edges = new ArrayList<>();
    for (Edge e : w.graph().edges()) {
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("id", e.id());
      edge.put("source", e.source());
      edge.put("sourceHandle", e.sourceHandle());
      edge.put("target", e.target());
      edges.add(edge);
    }
    doc.put("edges", edges);
    return JsonCodec.write(doc);
  }

  @SuppressWarnings("unchecked")
  static Workflow read(String json) {
    JsonNode d = JsonCodec.tree(json);
    WorkflowMetadata m = new WorkflowMetadata(d.get("id").textValue(), d.get("organizationId").textValue(),
        d.get("name").textValue(), text(d, "description"), LifecycleStage.valueOf(d.get("stage").textValue()),
        WorkflowStatus.valueOf(d.get("status").textValue()), d.get("createdBy").textValue(),
        text(d, "createdAt").map(Instant::parse), text(d, "updatedAt").map(Instant::parse),
        d.get("version").intValue());
    List<Node> nodes = new ArrayList<>();
    for (JsonNode n : d.get("nodes")) {
      NodeSettings settings = NodeSettings.DEFAULTS;
      JsonNode s = n.get("settings");
      if (s != null) {
        JsonNode r = s.get("retry");
        Optional<RetryPolicy> retry = r == null ? Optional.empty() : Optional.of(new RetryPolicy(
            r.get("maxAttempts").intValue(), Duration.parse(r.get("initialBackoff").textValue()),
            r.get("multiplier").doubleValue(), Duration.parse(r.get("maxBackoff").textValue())));
        settings = new NodeSettings(retry, text(s, "timeout").map(Duration::parse),
            s.get("continueOnFailure").booleanValue(),
            s.has("minutesSaved") ? Optional.of(s.get("minutesSaved").intValue()) : Optional.empty(),
            s.get("actInTestRuns").booleanValue());
      }
      Object config = JsonCodec.value(n.get("config"));
      nodes.add(new Node(n.get("id").textValue(), n.get("type").textValue(),
          config instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(), text(n, "label"),
          new Position(n.get("x").doubleValue(), n.get("y").doubleValue()), settings));
    }
    List<Edge> edges = new ArrayList<>();
    for (JsonNode e : d.get("edges")) {
      edges.add(new Edge(e.get("id").textValue(), e.get("source").textValue(), e.get("sourceHandle").textValue(),
          e.get("target").textValue()));
    }
    return new Workflow(m, new WorkflowGraph(nodes, edges));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.textValue());
  }
}
