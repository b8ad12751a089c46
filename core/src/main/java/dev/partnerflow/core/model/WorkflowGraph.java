package dev.partnerflow.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The nodes and edges of a workflow, in the order the editor saved them. Structural rules (one trigger, no
 * cycles, every node reachable, ...) are checked by {@code WorkflowValidator}, not here, so an unfinished draft can
 * still be represented and saved.
 *
 * <pre>{@code
 * WorkflowGraph graph = WorkflowGraph.builder()
 *     .node(Node.of("t", "deal_registered"))
 *     .node(Node.of("big", "branch", BranchConfig.of(Condition.gte("deal.amount", 50_000))))
 *     .node(Node.of("vp", "send_email", vpMail))
 *     .edge("t", "big")
 *     .edge("big", Edge.TRUE, "vp")
 *     .build();
 * }</pre>
 */
public record WorkflowGraph(List<Node> nodes, List<Edge> edges) {
  /** An empty graph. */
  public static final WorkflowGraph EMPTY = new WorkflowGraph(List.of(), List.of());

  public WorkflowGraph {
    nodes = List.copyOf(Objects.requireNonNull(nodes, "graph.nodes must not be null"));
    edges = List.copyOf(Objects.requireNonNull(edges, "graph.edges must not be null"));
  }

  /** The first node with this id, if any. */
  public Optional<Node> node(String id) {
    for (Node node : nodes) {
      if (node.id().equals(id)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** The edges leaving a node, in document order. */
  public List<Edge> outgoing(String nodeId) {
    List<Edge> result = new ArrayList<>();
    for (Edge edge : edges) {
      if (edge.source().equals(nodeId)) {
        result.add(edge);
      }
    }
    return result;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects nodes and edges; edges without an explicit id get {@code e1}, {@code e2}, ... */
  public static final class Builder {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    Builder() {}

    public Builder node(Node node) {
      nodes.add(Objects.requireNonNull(node, "node must not be null"));
      return this;
    }

    /** Adds an edge from the default {@code out} handle. */
    public Builder edge(String source, String target) {
      return edge(source, Edge.OUT, target);
    }

    /** Adds an edge from a named handle ({@code true}/{@code false} for a branch). */
    public Builder edge(String source, String handle, String target) {
      return edge(new Edge(nextEdgeId(), source, handle, target));
    }

    public Builder edge(Edge edge) {
      edges.add(Objects.requireNonNull(edge, "edge must not be null"));
      return this;
    }

    private String nextEdgeId() {
      int n = edges.size() + 1;
      String id = "e" + n;
      while (usedEdgeId(id)) {
        id = "e" + (++n);
      }
      return id;
    }

    private boolean usedEdgeId(String id) {
      for (Edge e : edges) {
        if (e.id().equals(id)) {
          return true;
        }
      }
      return false;
    }

    public WorkflowGraph build() {
      return new WorkflowGraph(nodes, edges);
    }
  }
}
