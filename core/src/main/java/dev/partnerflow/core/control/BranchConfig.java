package dev.partnerflow.core.control;

import dev.partnerflow.core.condition.Condition;
import jakarta.validation.constraints.NotNull;

/**
 * Config of the {@code branch} node: a condition over the event data. The run follows the edges of the
 * {@code true} output when it holds, else those of {@code false}.
 *
 * <pre>{@code
 * BranchConfig gold = new BranchConfig(Condition.compare("partner.tier", Operator.EQ_IGNORE_CASE, "gold"));
 * }</pre>
 *
 * @param condition the condition; required
 */
public record BranchConfig(@NotNull Condition condition) {
  public static BranchConfig of(Condition condition) {
    return new BranchConfig(condition);
  }
}
