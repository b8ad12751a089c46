package dev.partnerflow.core.validation;

import dev.partnerflow.core.internal.Suggestions;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.core.template.ConfigTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The activation rule {@link ProblemCode#UNKNOWN_PLACEHOLDER}: every placeholder of an action node's templates must
 * name something a run can hold: the event data the trigger type declares ({@link TriggerType#knownDataPaths}),
 * {@code trigger}, {@code workflow}, {@code organization}, {@code run}, or {@code steps.<nodeId>} of a node of the
 * graph (any path below it, since step outputs are not declared). A trigger type with no known paths turns the
 * rule off for the workflow.
 */
final class Placeholders {
  private static final List<String> RESERVED_PATHS = List.of("trigger.type", "trigger.eventId", "trigger.occurredAt",
      "trigger.from", "trigger.to", "workflow.id", "workflow.name", "workflow.version", "organization.id", "run.id",
      "run.testRun");

  private final Set<String> known = new HashSet<>();
  private final Set<String> open = new HashSet<>();
  private final List<String> suggestions = new ArrayList<>();
  private final String triggerName;

  private Placeholders(String triggerName, Set<String> dataPaths, Set<String> nodeIds) {
    this.triggerName = triggerName;
    for (String path : dataPaths) {
      add(path);
    }
    RESERVED_PATHS.forEach(this::add);
    add("steps");
    for (String id : nodeIds) {
      add("steps." + id + ".*");
    }
  }

  private void add(String path) {
    if (path.endsWith(".*")) {
      String base = path.substring(0, path.length() - 2);
      open.add(base);
      path = base;
    }
    suggestions.add(path);
    known.add(path);
    for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
      known.add(path.substring(0, dot));
    }
  }

  static List<Problem> check(Workflow workflow, NodeTypeRegistry registry) {
    TriggerType<?> trigger = null;
    for (Node node : workflow.graph().nodes()) {
      Optional<NodeType<?>> type = registry.find(node.type());
      if (type.isPresent() && type.get() instanceof TriggerType<?> t) {
        if (trigger != null) {
          return List.of(); // several triggers: reported elsewhere, and the data is ambiguous
        }
        trigger = t;
      }
    }
    if (trigger == null) {
      return List.of();
    }
    Set<String> dataPaths;
    try {
      dataPaths = trigger.knownDataPaths();
    } catch (RuntimeException e) {
      return List.of();
    }
    if (dataPaths == null || dataPaths.isEmpty()) {
      return List.of();
    }
    Set<String> nodeIds = new LinkedHashSet<>();
    workflow.graph().nodes().forEach(n -> nodeIds.add(n.id()));
    Placeholders rule = new Placeholders(trigger.name(), dataPaths, nodeIds);
    List<Problem> problems = new ArrayList<>();
    for (Node node : workflow.graph().nodes()) {
      boolean action = registry.find(node.type()).map(t -> t.kind() == NodeKind.ACTION).orElse(false);
      if (!action) {
        continue;
      }
      Set<String> reported = new HashSet<>();
      for (ConfigTemplate.Placeholder p : ConfigTemplate.placeholders(node.config())) {
        if (!rule.resolves(p) && reported.add(p.field() + "\u0000" + p.name())) {
          problems.add(Problem.ofNode(ProblemCode.UNKNOWN_PLACEHOLDER, node.id(), node.type(), "'" + p.field()
              + "' uses {{" + p.name() + "}}, which no " + rule.triggerName + " event can fill;"
              + Suggestions.closest(normalize(p.name()), rule.suggestions)
                  .map(c -> " did you mean {{" + c + "}}?").orElse(" check the spelling")
              + " (the event carries " + rule.roots() + ")").withField(p.field())
              .withRule("must use only placeholders a " + rule.triggerName + " event can fill")
              .withBadValue("{{" + p.name() + "}}"));
        }
      }
    }
    return problems;
  }

  private boolean resolves(ConfigTemplate.Placeholder p) {
    String name = p.name();
    if (name.equals(".") || name.equals("this") || name.startsWith("-")) {
      return true; // the current element of a section, or jmustache's -first/-last/-index
    }
    if (isKnown(normalize(name))) {
      return true;
    }
    for (String section : p.sections()) {
      if (isKnown(normalize(section + "." + name))) {
        return true;
      }
    }
    // relative to a chain of nested sections ({{#deal}}{{#products}}{{sku}})
    StringBuilder chain = new StringBuilder();
    for (String section : p.sections()) {
      chain.append(chain.length() == 0 ? "" : ".").append(section);
      if (isKnown(normalize(chain + "." + name))) {
        return true;
      }
    }
    return false;
  }

  private boolean isKnown(String path) {
    if (known.contains(path)) {
      return true;
    }
    for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
      if (open.contains(path.substring(0, dot))) {
        return true;
      }
    }
    return false;
  }

  /** Drops {@code this.} and list indexes ({@code deal.products.0.sku} is {@code deal.products.sku}). */
  private static String normalize(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("\\.")) {
      if (part.isEmpty() || part.equals("this") || part.chars().allMatch(Character::isDigit)) {
        continue;
      }
      out.append(out.length() == 0 ? "" : ".").append(part);
    }
    return out.toString();
  }

  private String roots() {
    Set<String> roots = new LinkedHashSet<>();
    for (String s : suggestions) {
      int dot = s.indexOf('.');
      roots.add(dot < 0 ? s : s.substring(0, dot));
    }
    return String.join(", ", roots);
  }
}
