package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.control.BranchConfig;
import dev.partnerflow.core.control.ControlTypes;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.core.nodes.internal.RenderedConfigs;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.template.ConfigTemplate;
import dev.partnerflow.core.validation.WorkflowValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow version made ready to run: types resolved, configs bound (or templates compiled) once, successors
 * indexed. Built only from a valid graph; immutable and shared by every run of that version.
 */
public final class CompiledWorkflow {
  /** What the engine needs to run one node. */
  public sealed interface Step permits Action, Delay, Branch {
    Node node();
  }

  /**
   * An action node: its config bound once when it has no placeholders, else its compiled templates and the binder
   * for rendered configs.
   */
  public record Action(Node node, ActionType<Object> type, Object boundConfig, ConfigTemplate template,
      RenderedConfigs<Object> renderedConfigs, NodeSettings settings) implements Step {}

  public record Delay(Node node, DelayConfig config) implements Step {}

  public record Branch(Node node, BranchConfig config) implements Step {}

  private final Workflow workflow;
  private final Node triggerNode;
  private final TriggerType<Object> triggerType;
  private final Object triggerConfig;
  private final Map<String, Step> steps;
  private final Map<String, Map<String, List<String>>> successors;

  private CompiledWorkflow(Workflow workflow, Node triggerNode, TriggerType<Object> triggerType, Object triggerConfig,
      Map<String, Step> steps, Map<String, Map<String, List<String>>> successors) {
    this.workflow = workflow;
    this.triggerNode = triggerNode;
    this.triggerType = triggerType;
    this.triggerConfig = triggerConfig;
    this.steps = steps;
    this.successors = successors;
  }

  /**
   * @throws dev.partnerflow.core.validation.InvalidWorkflowException when the graph has problems
   */
  @SuppressWarnings("unchecked")
  public static CompiledWorkflow compile(Workflow workflow, WorkflowValidator validator) {
    validator.requireValid(workflow);
    NodeTypeRegistry registry = validator.registry();
    Node triggerNode = null;
    TriggerType<Object> triggerType = null;
    Object triggerConfig = null;
    Map<String, Step> steps = new HashMap<>();
    for (Node node : workflow.graph().nodes()) {
      NodeType<?> type = registry.require(node.type());
      if (type.kind() == NodeKind.TRIGGER) {
        triggerNode = node;
        triggerType = (TriggerType<Object>) type;
        triggerConfig = bound(registry, node);
      } else if (type instanceof ActionType<?> action) {
        ConfigTemplate template = ConfigTemplate.compile(node.id(), node.config(), action.htmlFields(),
            action.headerFields());
        Object bound = template.hasTemplates() ? null : bound(registry, node);
        ActionType<Object> typed = (ActionType<Object>) action;
        steps.put(node.id(), template.hasTemplates()
            ? new Action(node, typed, null, template, RenderedConfigs.of(typed, template.templatedFields()),
                node.settings())
            : new Action(node, typed, bound, null, null, node.settings()));
      } else if (ControlTypes.DELAY_NAME.equals(type.name())) {
        steps.put(node.id(), new Delay(node, (DelayConfig) bound(registry, node)));
      } else if (ControlTypes.BRANCH_NAME.equals(type.name())) {
        steps.put(node.id(), new Branch(node, (BranchConfig) bound(registry, node)));
      } else {
        throw new IllegalStateException("node '" + node.id() + "' has type '" + type.name() + "' of kind "
            + type.kind() + ", which the engine cannot run");
      }
    }
    Map<String, Map<String, List<String>>> successors = new HashMap<>();
    for (Edge edge : workflow.graph().edges()) {
      successors.computeIfAbsent(edge.source(), k -> new HashMap<>())
          .computeIfAbsent(edge.sourceHandle(), k -> new ArrayList<>()).add(edge.target());
    }
    Map<String, Map<String, List<String>>> frozen = new HashMap<>();
    successors.forEach((node, byHandle) -> {
      Map<String, List<String>> copy = new HashMap<>();
      byHandle.forEach((handle, targets) -> copy.put(handle, List.copyOf(targets)));
      frozen.put(node, Map.copyOf(copy));
    });
    return new CompiledWorkflow(workflow, triggerNode, triggerType, triggerConfig, Map.copyOf(steps),
        Map.copyOf(frozen));
  }

  private static Object bound(NodeTypeRegistry registry, Node node) {
    ConfigBinding<?> binding = registry.bind(node);
    return binding.config().orElseThrow(() -> new IllegalStateException(
        "node '" + node.id() + "' config did not bind after validation: " + binding.violations()));
  }

  public Workflow workflow() {
    return workflow;
  }

  public String triggerTypeName() {
    return triggerNode.type();
  }

  public TriggerType<Object> triggerType() {
    return triggerType;
  }

  public boolean matches(Event event) {
    return triggerType.matches(triggerConfig, event);
  }

  public Step step(String nodeId) {
    Step step = steps.get(nodeId);
    if (step == null) {
      throw new IllegalStateException("workflow '" + workflow.id() + "' v" + workflow.version() + " has no node '"
          + nodeId + "'");
    }
    return step;
  }

  /** Nodes connected from an output of a node, in document order. */
  public List<String> next(String nodeId, String handle) {
    Map<String, List<String>> byHandle = successors.get(nodeId);
    return byHandle == null ? List.of() : byHandle.getOrDefault(handle, List.of());
  }

  /** The pending steps of a new run: the trigger's successors, due now. */
  public List<PendingStep> start(Instant now) {
    List<String> first = next(triggerNode.id(), Edge.OUT);
    List<PendingStep> pending = new ArrayList<>(first.size());
    for (String id : first) {
      pending.add(PendingStep.now(id, now));
    }
    return pending;
  }
}
