package dev.partnerflow.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A workflow: metadata plus a graph. Immutable; every change makes a new value.
 *
 * <p>Linear style, for the common "trigger, then step, then step" case:
 *
 * <pre>{@code
 * Workflow welcome = Workflow.builder("acme", "Welcome new partners")
 *     .stage(LifecycleStage.ONBOARD)
 *     .createdBy("maria")
 *     .trigger("partner_created")
 *     .then("welcome", "send_email", Map.of("to", List.of("role:primary_contact"), "subject", "Welcome!",
 *         "text", "Hi {{partner.name}}"))
 *     .then("wait", "delay", Map.of("duration", "P7D"))
 *     .then("check-in", "send_email", checkIn)
 *     .build();
 * }</pre>
 *
 * <p>Graph style, for branches and fan-out: add nodes with {@link Builder#node(Node)} and connect them with
 * {@link Builder#edge(String, String, String)}.
 */
public record Workflow(WorkflowMetadata metadata, WorkflowGraph graph) {

  public Workflow {
    Objects.requireNonNull(metadata, "workflow.metadata must not be null");
    Objects.requireNonNull(graph, "workflow.graph must not be null");
  }

  public String id() {
    return metadata.id();
  }

  public String organizationId() {
    return metadata.organizationId();
  }

  public String name() {
    return metadata.name();
  }

  public WorkflowStatus status() {
    return metadata.status();
  }

  public int version() {
    return metadata.version();
  }

  public Workflow withMetadata(WorkflowMetadata value) {
    return new Workflow(value, graph);
  }

  public Workflow withGraph(WorkflowGraph value) {
    return new Workflow(metadata, value);
  }

  /**
   * A summary for logs: metadata, then each node's id and type and the number of edges. Never a config value, which
   * may be a secret.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Workflow[id=").append(metadata.id())
        .append(", organizationId=").append(metadata.organizationId())
        .append(", name=").append(metadata.name())
        .append(", version=").append(metadata.version())
        .append(", status=").append(metadata.status().wireName())
        .append(", stage=").append(metadata.stage().wireName())
        .append(", nodes=[");
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(nodes.get(i).id()).append(" (").append(nodes.get(i).type()).append(')');
    }
    return sb.append("], edges=").append(graph.edges().size()).append(']').toString();
  }

  /** Starts a workflow of an organization, with a random id, in Draft, stage Onboard, version 1. */
  public static Builder builder(String organizationId, String name) {
    return new Builder(organizationId, name);
  }

  /**
   * Builds a workflow in either style. Linear calls ({@link #trigger}, {@link #then}) chain each node to the
   * previous one and lay them out top to bottom; graph calls ({@link #node}, {@link #edge}) leave wiring to you.
   */
  public static final class Builder {
    private static final double ROW_HEIGHT = 150;

    private String id = UUID.randomUUID().toString();
    private final String organizationId;
    private String name;
    private String description;
    private LifecycleStage stage = LifecycleStage.ONBOARD;
    private WorkflowStatus status = WorkflowStatus.DRAFT;
    private String createdBy = "system";
    private Instant createdAt;
    private Instant updatedAt;
    private int version = 1;
    private int nodeCount;
    private final WorkflowGraph.Builder graph = WorkflowGraph.builder();
    private String last;

    Builder(String organizationId, String name) {
      this.organizationId = organizationId;
      this.name = name;
    }

    public Builder id(String value) {
      this.id = value;
      return this;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder stage(LifecycleStage value) {
      this.stage = Objects.requireNonNull(value, "stage must not be null");
      return this;
    }

    public Builder status(WorkflowStatus value) {
      this.status = Objects.requireNonNull(value, "status must not be null");
      return this;
    }

    public Builder createdBy(String value) {
      this.createdBy = value;
      return this;
    }

    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    public Builder version(int value) {
      this.version = value;
      return this;
    }

    /** Linear style: the trigger node, with id {@code trigger} and the type's default config. */
    public Builder trigger(String type) {
      return trigger(type, Map.of());
    }

    /** Linear style: the trigger node with a config (a record or a map). */
    public Builder trigger(String type, Object config) {
      return then("trigger", type, config);
    }

    /** Linear style: a node connected from the previously added node. */
    public Builder then(String nodeId, String type, Object config) {
      return then(Node.of(nodeId, type, config));
    }

    /** Linear style: a node (with label or settings) connected from the previously added node. */
    public Builder then(Node node) {
      Node placed = node.position().equals(Position.ORIGIN)
          ? node.withPosition(new Position(0, ROW_HEIGHT * nodeCount))
          : node;
      nodeCount++;
      graph.node(placed);
      if (last != null) {
        graph.edge(last, placed.id());
      }
      last = placed.id();
      return this;
    }

    /** Graph style: adds a node without connecting it. */
    public Builder node(Node node) {
      nodeCount++;
      graph.node(node);
      last = node.id();
      return this;
    }

    /** Graph style: connects the default output of {@code source} to {@code target}. */
    public Builder edge(String source, String target) {
      graph.edge(source, target);
      return this;
    }

    /** Graph style: adds an edge with its own id. */
    public Builder edge(Edge edge) {
      graph.edge(edge);
      return this;
    }

    /** Graph style: connects a named output ({@code true}/{@code false} of a branch) to {@code target}. */
    public Builder edge(String source, String handle, String target) {
      graph.edge(source, handle, target);
      return this;
    }

    /**
     * @throws IllegalArgumentException when a metadata field breaks its rule (the message names it)
     */
    public Workflow build() {
      WorkflowMetadata metadata = new WorkflowMetadata(id, organizationId, name, Optional.ofNullable(description),
          stage, status, createdBy, Optional.ofNullable(createdAt), Optional.ofNullable(updatedAt), version);
      return new Workflow(metadata, graph.build());
    }
  }
}
