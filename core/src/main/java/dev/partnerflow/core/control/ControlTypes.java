package dev.partnerflow.core.control;

import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The control node types the engine itself understands: {@value #DELAY_NAME} and {@value #BRANCH_NAME}. Always
 * present in every registry.
 */
public final class ControlTypes implements NodeTypeProvider {
  public static final String DELAY_NAME = "delay";
  public static final String BRANCH_NAME = "branch";

  /** Wait a duration or until a date from the event. */
  public static final NodeType<DelayConfig> DELAY = new Control<>(DELAY_NAME, DelayConfig.class,
      DelayConfig.of(Duration.ofDays(1)),
      new NodeDocumentation("Delay", "Waits a fixed time, or until a date from the event plus an offset, then"
          + " continues.", "control", List.of("wait 7 days", "then after a week", "3 days before renewal")));

  /** Follow {@code true} or {@code false} depending on a condition. */
  public static final NodeType<BranchConfig> BRANCH = new Control<>(BRANCH_NAME, BranchConfig.class,
      new BranchConfig(Condition.exists("partner.id")),
      new NodeDocumentation("Branch", "Checks a condition on the event data and continues along the 'true' or"
          + " the 'false' output.", "control", List.of("if the partner is gold", "only when the deal is over")));

  @Override
  public Collection<NodeType<?>> nodeTypes() {
    return List.of(DELAY, BRANCH);
  }

  private record Control<C>(String name, Class<C> configType, C defaultConfig, NodeDocumentation documentation)
      implements NodeType<C> {
    @Override
    public NodeKind kind() {
      return NodeKind.CONTROL;
    }
  }
}
