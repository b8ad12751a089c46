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
import dev.partnerflow.core.validation.InvalidWorkflowException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A workflow version made ready to run: types resolved, configs bound (or templates compiled) once, successors
 * and joins indexed. Immutable and shared by every run of that version.
 *
 * <p>Compiling checks only what execution needs (the graph's structure and its configs), never the host's
 * activation checks: a workflow that was valid when activated keeps running after a host check changes its mind.
 * A version that cannot run at all (a node type that is no longer registered, say) compiles to a broken form whose
 * runs fail at once with {@link #failure()}; its trigger still matches when the trigger itself can be read.
 *
 * <p>Joins: a node that several edges enter runs once per run, when every path that can still reach it has
 * arrived or died (a branch that took the other output, a path that ended). Until then it waits as a pending step
 * marked {@link PendingStep#awaitingJoin()}.
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

  public record Delay(Node node, DelayConfig config) implements Step {
    /** This delay parked until {@code wake}: the pending step a run keeps while it waits. */
    public PendingStep parked(Instant wake) {
      return new PendingStep(node.id(), 1, wake, true);
    }
  }

  public record Branch(Node node, BranchConfig config) implements Step {}

  private final Workflow workflow;
  private final Node triggerNode;
  private final TriggerType<Object> triggerType;
  private final Object triggerConfig;
  private final Map<String, Step> steps;
  private final Map<String, Map<String, List<String>>> successors;
  /** For each join node, every node from which it can be reached. */
  private final Map<String, Set<String>> joinAncestors;
  private final String failure;

  private CompiledWorkflow(Workflow workflow, Node triggerNode, TriggerType<Object> triggerType, Object triggerConfig,
      Map<String, Step> steps, Map<String, Map<String, List<String>>> successors,
      Map<String, Set<String>> joinAncestors, String failure) {
    this.workflow = workflow;
    this.triggerNode = triggerNode;
    this.triggerType = triggerType;
    this.triggerConfig = triggerConfig;
    this.steps = steps;
    this.successors = successors;
    this.joinAncestors = joinAncestors;
    this.failure = failure;
  }

  /**
   * Compiles a version for execution. Never throws for a graph that cannot run: the result is then
   * {@linkplain #failure() broken}.
   *
   * @param validator the engine's validator; only its structural rules apply ({@link
   *     WorkflowValidator#requireExecutable}), never its activation checks
   */
  public static CompiledWorkflow compile(Workflow workflow, WorkflowValidator validator) {
    try {
      validator.requireExecutable(workflow);
      return compileValid(workflow, validator.registry());
    } catch (InvalidWorkflowException e) {
      return broken(workflow, validator.registry(), e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return broken(workflow, validator.registry(), e.getClass().getSimpleName() + ": " + Failures.message(e));
    }
  }

  private static CompiledWorkflow broken(Workflow workflow, NodeTypeRegistry registry, String why) {
    Node triggerNode = null;
    TriggerType<Object> triggerType = null;
    Object triggerConfig = null;
    for (Node node : workflow.graph().nodes()) {
      Optional<NodeType<?>> type = registry.find(node.type());
      if (type.isPresent() && type.get() instanceof TriggerType<?> t) {
        ConfigBinding<?> binding = registry.bind(node);
        if (binding.valid()) {
          triggerNode = node;
          triggerType = cast(t);
          triggerConfig = binding.config().orElseThrow();
        }
      }
    }
    return new CompiledWorkflow(workflow, triggerNode, triggerType, triggerConfig, Map.of(), Map.of(), Map.of(),
        "workflow '" + workflow.id() + "' v" + workflow.version() + " cannot run: " + why);
  }

  @SuppressWarnings("unchecked")
  private static TriggerType<Object> cast(TriggerType<?> t) {
    return (TriggerType<Object>) t;
  }

  @SuppressWarnings("unchecked")
  private static CompiledWorkflow compileValid(Workflow workflow, NodeTypeRegistry registry) {
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
    Map<String, List<String>> predecessors = new HashMap<>();
    for (Edge edge : workflow.graph().edges()) {
      successors.computeIfAbsent(edge.source(), k -> new HashMap<>())
          .computeIfAbsent(edge.sourceHandle(), k -> new ArrayList<>()).add(edge.target());
      predecessors.computeIfAbsent(edge.target(), k -> new ArrayList<>()).add(edge.source());
    }
    Map<String, Map<String, List<String>>> frozen = new HashMap<>();
    successors.forEach((node, byHandle) -> {
      Map<String, List<String>> copy = new HashMap<>();
      byHandle.forEach((handle, targets) -> copy.put(handle, List.copyOf(targets)));
      frozen.put(node, Map.copyOf(copy));
    });
    Map<String, Set<String>> joins = new HashMap<>();
    predecessors.forEach((node, from) -> {
      if (from.size() > 1) {
        joins.put(node, Set.copyOf(ancestors(node, predecessors)));
      }
    });
    return new CompiledWorkflow(workflow, triggerNode, triggerType, triggerConfig, Map.copyOf(steps),
        Map.copyOf(frozen), Map.copyOf(joins), null);
  }

  private static Set<String> ancestors(String node, Map<String, List<String>> predecessors) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(predecessors.getOrDefault(node, List.of()));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(predecessors.getOrDefault(n, List.of()));
      }
    }
    return seen;
  }

  private static Object bound(NodeTypeRegistry registry, Node node) {
    ConfigBinding<?> binding = registry.bind(node);
    return binding.config().orElseThrow(() -> new IllegalStateException(
        "node '" + node.id() + "' config did not bind after validation: " + binding.violations()));
  }

  public Workflow workflow() {
    return workflow;
  }

  /** Why runs of this version cannot execute; empty when they can. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** The trigger's type name, or null when the trigger could not be read. */
  public String triggerTypeName() {
    return triggerNode == null ? null : triggerNode.type();
  }

  /** The trigger node's bound config (null when the trigger could not be read or has none). */
  public Object triggerConfig() {
    return triggerConfig;
  }

  public TriggerType<Object> triggerType() {
    return triggerType;
  }

  /** Whether the event starts a run; false when the trigger could not be read. */
  public boolean matches(Event event) {
    return triggerType != null && triggerType.matches(triggerConfig, event);
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

  /** True when several edges enter the node. */
  public boolean isJoin(String nodeId) {
    return joinAncestors.containsKey(nodeId);
  }

  /** True when a path at {@code from} can still reach the join {@code join}. */
  public boolean canReach(String from, String join) {
    Set<String> ancestors = joinAncestors.get(join);
    return ancestors != null && ancestors.contains(from);
  }

  /** The pending steps of a new run: the trigger's successors, due now; none for a broken version. */
  public List<PendingStep> start(Instant now) {
    if (failure != null) {
      return List.of();
    }
    List<String> first = next(triggerNode.id(), Edge.OUT);
    List<PendingStep> pending = new ArrayList<>(first.size());
    for (String id : first) {
      pending.add(isJoin(id) ? PendingStep.join(id, now) : PendingStep.now(id, now));
    }
    return pending;
  }

  /**
   * {@code start} (from {@link #start}) as it is once every first step is a delay that waits (its wake-up time for
   * {@code event} after {@code now}): those delays parked, as executing them would leave them, so the run can be
   * created waiting and written once. Empty when any first step has something to do now (an action, a branch, a
   * join, a delay that is already over or cannot compute its time): the run then executes it and records what
   * happened.
   */
  public Optional<List<PendingStep>> parkedStart(List<PendingStep> start, Event event, Instant now) {
    if (start.isEmpty()) {
      return Optional.empty();
    }
    List<PendingStep> parked = new ArrayList<>(start.size());
    for (PendingStep p : start) {
      if (p.awaitingJoin() || !(steps.get(p.nodeId()) instanceof Delay delay)) {
        return Optional.empty();
      }
      Instant wake;
      try {
        wake = delay.config().wakeUpAt(now, event);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
      if (!wake.isAfter(now)) {
        return Optional.empty();
      }
      parked.add(delay.parked(wake));
    }
    return Optional.of(parked);
  }
}
