package dev.partnerflow.core.validation;

import dev.partnerflow.core.control.ControlTypes;
import dev.partnerflow.core.internal.Suggestions;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.ConfigViolation;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.template.ConfigTemplate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a workflow graph in one pass and returns every problem at once. A draft may have problems; activation
 * requires none.
 *
 * <pre>{@code
 * WorkflowValidator validator = WorkflowValidator.of(registry);
 * List<Problem> problems = validator.validate(workflow);
 * validator.requireValid(workflow); // throws InvalidWorkflowException listing them all
 * }</pre>
 *
 * <p>Two levels: {@link #validateStructure} holds the built-in rules the engine needs to compile and run a graph
 * (types known, configs bind with finite numbers and one-line header fields, templates parse, edges, cycles, one
 * trigger); {@link #validate} adds what activation asks for on top: placeholders that the trigger's events can
 * fill ({@link ProblemCode#UNKNOWN_PLACEHOLDER}) and the host's {@link WorkflowCheck}s.
 */
public final class WorkflowValidator {
  private final NodeTypeRegistry registry;
  private final List<WorkflowCheck> checks;

  private WorkflowValidator(NodeTypeRegistry registry, List<WorkflowCheck> checks) {
    this.registry = registry;
    this.checks = List.copyOf(checks);
  }

  public static WorkflowValidator of(NodeTypeRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(NodeTypeRegistry registry) {
    return new Builder(registry);
  }

  /** A validator with the same registry and checks plus one more. */
  public WorkflowValidator withCheck(WorkflowCheck check) {
    List<WorkflowCheck> all = new ArrayList<>(checks);
    all.add(Objects.requireNonNull(check, "check must not be null"));
    return new WorkflowValidator(registry, all);
  }

  public NodeTypeRegistry registry() {
    return registry;
  }

  /**
   * Everything {@link #validate} checks, for activation.
   *
   * @throws InvalidWorkflowException listing every problem, when there is at least one
   */
  public void requireValid(Workflow workflow) {
    List<Problem> problems = validate(workflow);
    if (!problems.isEmpty()) {
      throw new InvalidWorkflowException(workflow.id(), problems);
    }
  }

  /**
   * The structural rules only ({@link #validateStructure}), for compiling a graph to run it: a workflow that was
   * activated keeps running when a host check would now refuse it.
   *
   * @throws InvalidWorkflowException listing every structural problem, when there is at least one
   */
  public void requireExecutable(Workflow workflow) {
    List<Problem> problems = validateStructure(workflow);
    if (!problems.isEmpty()) {
      throw new InvalidWorkflowException(workflow.id(), problems);
    }
  }

  /**
   * Every problem of the workflow, for activation, in a stable order: the structural ones ({@link
   * #validateStructure}), placeholders no event of the trigger type can fill, then the host's checks. A problem
   * reported twice (a host check repeating a built-in rule) is listed once.
   */
  public List<Problem> validate(Workflow workflow) {
    // the same code, node, edge and sentence is one problem, whatever structured fields each copy carries: the
    // first (a built-in rule's, with its fields) is kept
    Map<List<Object>, Problem> problems = new LinkedHashMap<>();
    List<Problem> all = new ArrayList<>(validateStructure(workflow));
    all.addAll(Placeholders.check(workflow, registry));
    for (WorkflowCheck check : checks) {
      all.addAll(check.check(workflow, registry));
    }
    for (Problem p : all) {
      problems.putIfAbsent(List.of(p.code(), p.nodeId(), p.edgeId(), p.message()), p);
    }
    return List.copyOf(problems.values());
  }

  /**
   * The built-in rules the engine needs to compile and run the graph, without the host's checks and without the
   * placeholder rule, in a stable order: nodes (unknown types, configs, finite numbers, header fields, templates),
   * edges, then graph-wide rules (trigger count, cycles, reachability).
   */
  public List<Problem> validateStructure(Workflow workflow) {
    List<Node> nodes = workflow.graph().nodes();
    List<Edge> edges = workflow.graph().edges();
    List<Problem> problems = new ArrayList<>();

    Map<String, Node> byId = new LinkedHashMap<>();
    List<Node> triggers = new ArrayList<>();
    List<Node> unknown = new ArrayList<>();
    for (Node node : nodes) {
      if (byId.putIfAbsent(node.id(), node) != null) {
        problems.add(Problem.ofNode(ProblemCode.DUPLICATE_NODE_ID, node.id(), node.type(),
            "another node already has the id '" + node.id() + "'; give each node its own id").withField("id")
            .withRule("must be unique among the nodes").withBadValue(node.id()));
        continue;
      }
      Optional<NodeType<?>> type = registry.find(node.type());
      if (type.isEmpty()) {
        unknown.add(node);
        problems.add(Problem.ofNode(ProblemCode.UNKNOWN_NODE_TYPE, node.id(), node.type(),
            "unknown node type '" + node.type() + "';" + Suggestions.didYouMean(node.type(), registry.names())
                + " known types: " + registry.names()).withField("type")
            .withRule("must be a node type the registry knows").withBadValue(node.type()));
        continue;
      }
      if (type.get().kind() == NodeKind.TRIGGER) {
        triggers.add(node);
      }
      ConfigBinding<?> binding = registry.bind(node);
      for (ConfigViolation v : binding.violations()) {
        problems.add(Problem.ofNode(ProblemCode.INVALID_CONFIG, node.id(), node.type(), v.describe()).with(v));
      }
      Set<String> secrets = type.get() instanceof ActionType<?> a ? a.secretFields() : Set.of();
      for (String path : nonFinite(node.config())) {
        Object value = valueAt(node.config(), path);
        String shown = secrets.contains(topField(path)) ? "a value (secret, not shown)" : String.valueOf(value);
        problems.add(Problem.ofNode(ProblemCode.INVALID_CONFIG, node.id(), node.type(), "'" + path
            + "' must be a finite number, but was " + shown).withField(path).withRule("must be a finite number")
            .withBadValue(shown));
      }
      if (type.get() instanceof ActionType<?> action) {
        for (String field : new java.util.TreeSet<>(action.headerFields())) {
          ConfigTemplate.lineBreakAt(field, node.config().get(field)).ifPresent(path -> problems.add(Problem.ofNode(
              ProblemCode.INVALID_CONFIG, node.id(), node.type(), "'" + path + "' must not contain a line break"
                  + " (CR or LF): it ends up in a message header, where a line break would start a new header")
              .withField(path).withRule("must not contain a line break (CR or LF)")
              .withBadValue(shown(valueAt(node.config(), path), secrets.contains(field)))));
        }
        ConfigTemplate.problemsByField(node.config()).forEach((path, problem) -> problems.add(Problem.ofNode(
            ProblemCode.INVALID_TEMPLATE, node.id(), node.type(), problem).withField(path)
            .withRule("must hold a template that parses")));
      }
    }

    Set<String> targets = new HashSet<>();
    for (Edge edge : edges) {
      targets.add(edge.target());
    }
    // an unknown type on a node nothing runs into is most likely a misspelled trigger: UNKNOWN_NODE_TYPE says it all
    boolean unknownCouldBeTrigger = unknown.stream().anyMatch(n -> !targets.contains(n.id()));
    if (triggers.isEmpty() && !unknownCouldBeTrigger) {
      problems.add(Problem.ofGraph(ProblemCode.NO_TRIGGER,
          "the workflow has no trigger node; add one (e.g. 'partner_created' or 'manual') as the first node"));
    } else if (triggers.size() > 1) {
      problems.add(Problem.ofGraph(ProblemCode.MULTIPLE_TRIGGERS, "the workflow has " + triggers.size()
          + " trigger nodes (" + quoteIds(triggers) + "); keep exactly one"));
    }
    Set<String> triggerIds = triggers.stream().map(Node::id).collect(Collectors.toSet());

    Set<String> edgeIds = new HashSet<>();
    Map<String, String> connections = new HashMap<>();
    Map<String, List<String>> successors = new LinkedHashMap<>();
    for (Edge edge : edges) {
      if (!edgeIds.add(edge.id())) {
        problems.add(Problem.ofEdge(ProblemCode.DUPLICATE_EDGE_ID, edge.id(),
            "another edge already has the id '" + edge.id() + "'; give each edge its own id").withField("id")
            .withRule("must be unique among the edges").withBadValue(edge.id()));
        continue;
      }
      Node source = byId.get(edge.source());
      Node target = byId.get(edge.target());
      boolean usable = true;
      if (source == null) {
        problems.add(Problem.ofEdge(ProblemCode.EDGE_SOURCE_MISSING, edge.id(),
            "leaves node '" + edge.source() + "', which does not exist").withField("source")
            .withRule("must be the id of a node of the graph").withBadValue(edge.source()));
        usable = false;
      }
      if (target == null) {
        problems.add(Problem.ofEdge(ProblemCode.EDGE_TARGET_MISSING, edge.id(),
            "enters node '" + edge.target() + "', which does not exist").withField("target")
            .withRule("must be the id of a node of the graph").withBadValue(edge.target()));
        usable = false;
      }
      if (target != null && triggerIds.contains(target.id())) {
        problems.add(Problem.ofEdge(ProblemCode.EDGE_INTO_TRIGGER, edge.id(),
            "enters the trigger node '" + target.id() + "'; nothing may run into a trigger").withField("target")
            .withRule("must not be the trigger node").withBadValue(target.id()));
        usable = false;
      }
      if (source != null) {
        boolean branch = ControlTypes.BRANCH_NAME.equals(source.type());
        String handle = edge.sourceHandle();
        if (branch && !Edge.TRUE.equals(handle) && !Edge.FALSE.equals(handle)) {
          problems.add(Problem.ofEdge(ProblemCode.INVALID_BRANCH_OUTPUT, edge.id(), "leaves branch '"
              + source.id() + "' from output '" + handle + "'; a branch has only the outputs 'true' and 'false'")
              .withField("sourceHandle").withRule("must be 'true' or 'false' when leaving a branch")
              .withBadValue(handle));
          usable = false;
        } else if (!branch && !Edge.OUT.equals(handle)) {
          problems.add(Problem.ofEdge(ProblemCode.INVALID_OUTPUT, edge.id(), "leaves node '" + source.id()
              + "' (" + source.type() + ") from output '" + handle + "'; this node has only the output 'out'")
              .withField("sourceHandle").withRule("must be 'out' when leaving a node other than a branch")
              .withBadValue(handle));
          usable = false;
        }
      }
      if (!usable) {
        continue;
      }
      String key = edge.source() + "\u0000" + edge.sourceHandle() + "\u0000" + edge.target();
      String earlier = connections.putIfAbsent(key, edge.id());
      if (earlier != null) {
        problems.add(Problem.ofEdge(ProblemCode.DUPLICATE_EDGE, edge.id(), "repeats edge '" + earlier + "' from '"
            + edge.source() + "' (" + edge.sourceHandle() + ") to '" + edge.target() + "'; remove one"));
        continue;
      }
      successors.computeIfAbsent(edge.source(), k -> new ArrayList<>()).add(edge.target());
    }

    for (List<String> cycle : Cycles.find(byId.keySet(), successors)) {
      problems.add(new Problem(ProblemCode.CYCLE, Optional.of(cycle.get(0)), Optional.empty(),
          "nodes " + cycle.stream().map(id -> "'" + id + "'").collect(Collectors.joining(" -> ")) + " -> '"
              + cycle.get(0) + "' form a cycle; a workflow must not loop back to an earlier step")
          .withRule("edges must not loop back to an earlier step"));
    }

    if (triggers.size() == 1) {
      Set<String> reached = reachable(triggers.get(0).id(), successors);
      for (Node node : byId.values()) {
        if (!reached.contains(node.id())) {
          problems.add(Problem.ofNode(ProblemCode.UNREACHABLE_NODE, node.id(), node.type(),
              "no path from the trigger reaches this node; connect it or remove it"));
        }
      }
    }

    return List.copyOf(problems);
  }

  /** Paths of every number in a config that is not a finite double: NaN, infinities, a huge BigDecimal. */
  private static List<String> nonFinite(Map<String, Object> config) {
    List<String> paths = new ArrayList<>();
    config.forEach((k, v) -> collectNonFinite(k, v, paths));
    return paths;
  }

  private static void collectNonFinite(String path, Object value, List<String> into) {
    if (value instanceof Number n) {
      if (!(n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte)
          && !Double.isFinite(n.doubleValue())) {
        into.add(path);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectNonFinite(path + "." + k, v, into));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectNonFinite(path + "[" + i + "]", list.get(i), into);
      }
    }
  }

  private static Object valueAt(Map<String, Object> config, String path) {
    Object current = config;
    for (String part : path.replace("[", ".[").split("\\.")) {
      if (part.startsWith("[") && current instanceof List<?> list) {
        current = list.get(Integer.parseInt(part.substring(1, part.length() - 1)));
      } else if (current instanceof Map<?, ?> map) {
        current = map.get(part);
      } else {
        return null;
      }
    }
    return current;
  }

  /**
   * A header value with a line break, for a problem: only its length, never the text (it may be a secret, and it
   * may be an attempt to inject a header into whatever prints the problem).
   */
  private static String shown(Object value, boolean secret) {
    int length = String.valueOf(value).length();
    return secret ? "a value of " + length + " characters (secret, not shown)"
        : "a value of " + length + " characters with a line break (not shown)";
  }

  private static String topField(String path) {
    int end = path.length();
    for (char c : new char[] {'.', '['}) {
      int i = path.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return path.substring(0, end);
  }

  private static Set<String> reachable(String start, Map<String, List<String>> successors) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    seen.add(start);
    while (!queue.isEmpty()) {
      for (String next : successors.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  private static String quoteIds(List<Node> nodes) {
    return nodes.stream().map(n -> "'" + n.id() + "'").collect(Collectors.joining(", "));
  }

  /** Configures a validator. */
  public static final class Builder {
    private final NodeTypeRegistry registry;
    private final List<WorkflowCheck> checks = new ArrayList<>();

    Builder(NodeTypeRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    /** Adds a rule run after the structural ones. */
    public Builder check(WorkflowCheck check) {
      checks.add(Objects.requireNonNull(check, "check must not be null"));
      return this;
    }

    public WorkflowValidator build() {
      return new WorkflowValidator(registry, checks);
    }
  }
}
