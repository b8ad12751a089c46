package dev.partnerflow.web.internal;

import static dev.partnerflow.web.internal.Html.esc;

import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Position;
import dev.partnerflow.core.model.WorkflowGraph;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a workflow graph as SVG from its nodes, edges and canvas positions. Branch outputs ({@code true},
 * {@code false}, any handle but {@code out}) are written on their edge. When every node sits at the origin (a graph
 * built in code), nodes are laid out in layers from the nodes without incoming edges. Only presentation attributes,
 * no style attributes, so the page's CSP needs no {@code 'unsafe-inline'}.
 */
public final class GraphSvg {
  static final double W = 200;
  static final double H = 56;
  private static final double PAD = 30;

  private GraphSvg() {}

  public static String render(WorkflowGraph graph) {
    List<Node> nodes = graph.nodes();
    if (nodes.isEmpty()) {
      return "<p class=\"muted\">This workflow has no nodes yet.</p>";
    }
    Map<String, Position> at = positions(graph);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Position p : at.values()) {
      minX = Math.min(minX, p.x());
      minY = Math.min(minY, p.y());
      maxX = Math.max(maxX, p.x() + W);
      maxY = Math.max(maxY, p.y() + H);
    }
    double width = maxX - minX + 2 * PAD;
    double height = maxY - minY + 2 * PAD;
    double dx = PAD - minX;
    double dy = PAD - minY;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"graph\" id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"")
        .append("Workflow graph\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height)).append("\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" ")
        .append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#64748b\"/>")
        .append("</marker></defs>");
    for (Edge e : graph.edges()) {
      Position s = at.get(e.source());
      Position t = at.get(e.target());
      if (s == null || t == null) {
        continue;
      }
      // left to right when the target starts right of the source (generated drafts), else top to bottom
      boolean across = t.x() >= s.x() + W;
      double x1 = across ? s.x() + dx + W : s.x() + dx + W / 2;
      double y1 = across ? s.y() + dy + H / 2 : s.y() + dy + H;
      double x2 = across ? t.x() + dx : t.x() + dx + W / 2;
      double y2 = across ? t.y() + dy + H / 2 : t.y() + dy;
      double mx = (x1 + x2) / 2;
      double my = (y1 + y2) / 2;
      String c1 = across ? n(mx) + " " + n(y1) : n(x1) + " " + n(my);
      String c2 = across ? n(mx) + " " + n(y2) : n(x2) + " " + n(my);
      sb.append("<path class=\"edge\" data-edge=\"").append(esc(e.id())).append("\" d=\"M ").append(n(x1))
          .append(' ').append(n(y1)).append(" C ").append(c1).append(", ").append(c2).append(", ").append(n(x2))
          .append(' ').append(n(y2))
          .append("\" fill=\"none\" stroke=\"#64748b\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
      if (!Edge.OUT.equals(e.sourceHandle())) {
        double lx = mx;
        double ly = my;
        sb.append("<g class=\"edge-label\"><rect x=\"").append(n(lx - 24)).append("\" y=\"").append(n(ly - 10))
            .append("\" width=\"48\" height=\"20\" rx=\"9\" fill=\"#eef2ff\" stroke=\"#6366f1\"/><text x=\"")
            .append(n(lx)).append("\" y=\"").append(n(ly + 4)).append("\" text-anchor=\"middle\" font-size=\"11\"")
            .append(" fill=\"#3730a3\">").append(esc(e.sourceHandle())).append("</text></g>");
      }
    }
    for (Node node : nodes) {
      Position p = at.get(node.id());
      double x = p.x() + dx;
      double y = p.y() + dy;
      String caption = node.label().orElse(node.id());
      sb.append("<g class=\"node\" data-node=\"").append(esc(node.id())).append("\"><rect x=\"").append(n(x))
          .append("\" y=\"").append(n(y)).append("\" width=\"").append(n(W)).append("\" height=\"").append(n(H))
          .append("\" rx=\"8\" fill=\"#ffffff\" stroke=\"#94a3b8\"/><text x=\"").append(n(x + 12))
          .append("\" y=\"").append(n(y + 23)).append("\" font-size=\"13\" font-weight=\"600\" fill=\"#0f172a\">")
          .append(esc(shorten(caption, 26))).append("</text><text x=\"").append(n(x + 12)).append("\" y=\"")
          .append(n(y + 42)).append("\" font-size=\"11\" fill=\"#64748b\">").append(esc(shorten(node.type(), 30)))
          .append("</text><title>").append(esc(caption)).append(" (").append(esc(node.type()))
          .append(")</title></g>");
    }
    return sb.append("</svg>").toString();
  }

  private static Map<String, Position> positions(WorkflowGraph graph) {
    Map<String, Position> at = new HashMap<>();
    boolean allOrigin = true;
    for (Node node : graph.nodes()) {
      at.put(node.id(), node.position());
      allOrigin &= node.position().equals(Position.ORIGIN);
    }
    if (!allOrigin || graph.nodes().size() == 1) {
      return at;
    }
    Set<String> targets = new HashSet<>();
    graph.edges().forEach(e -> targets.add(e.target()));
    Map<String, Integer> layer = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    for (Node node : graph.nodes()) {
      if (!targets.contains(node.id())) {
        layer.put(node.id(), 0);
        queue.add(node.id());
      }
    }
    while (!queue.isEmpty()) {
      String id = queue.poll();
      for (Edge e : graph.outgoing(id)) {
        if (!layer.containsKey(e.target()) && layer.size() < graph.nodes().size()) {
          layer.put(e.target(), layer.get(id) + 1);
          queue.add(e.target());
        }
      }
    }
    Map<Integer, Integer> used = new HashMap<>();
    for (Node node : graph.nodes()) {
      int l = layer.getOrDefault(node.id(), 0);
      int column = used.merge(l, 1, Integer::sum) - 1;
      at.put(node.id(), new Position(column * (W + 40), l * (H + 60)));
    }
    return at;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String n(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
